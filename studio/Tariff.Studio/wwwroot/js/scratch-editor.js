// The scratch editor: the pricing language in Monaco with the server's diagnostics; nothing is saved.
(function () {
  'use strict';

  const host = document.getElementById('editor');
  const problems = document.getElementById('problems');
  if (!host || !window.TariffEditor) {
    return;
  }

  const sample = [
    '# A meter says what to count; a plan says how usage becomes money.',
    'meter api_calls {',
    '    count',
    '    where method in ["GET", "POST"] and status < 500',
    '}',
    '',
    'plan starter {',
    '    currency USD',
    '    fee platform 49.00 recurring in advance',
    '    charge api_calls {',
    '        graduated {',
    '            up to 10000 at 0',
    '            above at 0.002',
    '        }',
    '    }',
    '}',
    '',
  ].join('\n');
  const { editor } = TariffEditor.create(host, sample, { onChecked: diagnostics => TariffEditor.renderProblems(problems, diagnostics, editor) });
  window.tariffEditor = editor;
})();
