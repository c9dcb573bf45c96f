// The scratch editor: Monaco (bundled from npm into /lib/monaco) with diagnostics from the server's checker.
// Positions arrive already converted to Monaco's convention (lines and columns from 1), so none are computed here.
(function () {
  'use strict';

  const host = document.getElementById('editor');
  const problems = document.getElementById('problems');
  if (!host || !window.monaco) {
    return;
  }

  self.MonacoEnvironment = { getWorkerUrl: () => '/lib/monaco/editor.worker.js' };

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
  const editor = monaco.editor.create(host, {
    value: sample,
    language: 'plaintext',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
  });
  window.tariffEditor = editor;

  const severities = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info };
  let pending = null;
  let sequence = 0;

  async function check() {
    const mine = ++sequence;
    const response = await fetch(host.dataset.checkUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: editor.getValue() }),
    });
    if (mine !== sequence) {
      return; // a newer check is on its way; its answer wins
    }
    if (!response.ok) {
      render([{ id: 'HTTP', severity: 'error', message: `The check failed: HTTP ${response.status}`, startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1 }]);
      return;
    }
    const result = await response.json();
    monaco.editor.setModelMarkers(editor.getModel(), 'tariff', result.diagnostics.map(d => ({
      severity: severities[d.severity] ?? monaco.MarkerSeverity.Error,
      message: `${d.id}: ${d.message}`,
      startLineNumber: d.startLineNumber,
      startColumn: d.startColumn,
      endLineNumber: d.endLineNumber,
      endColumn: Math.max(d.endColumn, d.startColumn + 1),
    })));
    render(result.diagnostics);
  }

  function render(diagnostics) {
    problems.replaceChildren(...(diagnostics.length === 0
      ? [item('No problems.', 'text-success')]
      : diagnostics.map(d => item(`${d.startLineNumber}:${d.startColumn} ${d.id} ${d.message}`, d.severity === 'error' ? 'text-danger' : ''))));
  }

  function item(text, cssClass) {
    const li = document.createElement('li');
    li.className = `list-group-item ${cssClass}`;
    li.textContent = text;
    return li;
  }

  editor.onDidChangeModelContent(() => {
    clearTimeout(pending);
    pending = setTimeout(check, 300);
  });
  check();
})();
