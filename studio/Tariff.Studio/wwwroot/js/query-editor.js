// The query editor: Monaco over the draft form's text area, checked as you type by the query checker (which knows
// the catalog's consumer codes); the form posts the text area, so saving and running work as without scripts.
(function () {
  'use strict';

  const host = document.getElementById('query-editor');
  const area = document.getElementById('text');
  const problems = document.getElementById('problems');
  if (!host || !area || !window.TariffEditor) {
    return;
  }

  host.classList.remove('d-none');
  area.classList.add('d-none');
  const { editor } = TariffEditor.create(host, area.value, {
    checkUrl: '/api/v1/queries/check',
    onChecked: diagnostics => TariffEditor.renderProblems(problems, diagnostics, editor),
  });
  editor.onDidChangeModelContent(() => { area.value = editor.getValue(); });
  window.tariffEditor = editor;
})();
