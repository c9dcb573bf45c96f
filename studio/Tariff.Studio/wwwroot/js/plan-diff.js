// Two versions of a document (plan, schedule, query) side by side in Monaco's diff editor, as text or as canonical JSON.
(function () {
  'use strict';

  const host = document.getElementById('diff');
  if (!host || !window.TariffEditor) {
    return;
  }

  const data = JSON.parse(document.getElementById('diff-data').textContent);
  const diff = monaco.editor.createDiffEditor(host, { automaticLayout: true, readOnly: true, renderSideBySide: true, minimap: { enabled: false } });
  const models = {
    text: { original: monaco.editor.createModel(data.left.text, 'tariff'), modified: monaco.editor.createModel(data.right.text, 'tariff') },
    json: { original: monaco.editor.createModel(data.left.json, 'plaintext'), modified: monaco.editor.createModel(data.right.json, 'plaintext') },
  };
  diff.setModel(models.text);
  window.tariffDiff = diff;
  for (const radio of document.querySelectorAll('input[name=diff-view]')) {
    radio.addEventListener('change', () => diff.setModel(models[radio.value]));
  }
})();
