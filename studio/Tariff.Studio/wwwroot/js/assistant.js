// The assistant page: while the model is asked, the form says so; a proposal is shown in Monaco's diff editor
// against the draft it started from, with the checker's diagnostics as markers on the proposal.
(function () {
  'use strict';

  const form = document.getElementById('ask-form');
  if (form) {
    form.addEventListener('submit', () => {
      document.getElementById('ask').disabled = true;
      document.getElementById('asking').hidden = false;
    });
  }

  const host = document.getElementById('proposal-diff');
  const island = document.getElementById('assistant-data');
  if (!host || !island || !window.TariffEditor) {
    return;
  }

  const data = JSON.parse(island.textContent);
  host.hidden = false;
  document.getElementById('proposal-text').hidden = true;
  const diff = monaco.editor.createDiffEditor(host, { automaticLayout: true, readOnly: true, renderSideBySide: data.baseText.length > 0, minimap: { enabled: false } });
  const proposal = monaco.editor.createModel(data.proposal, 'tariff');
  diff.setModel({ original: monaco.editor.createModel(data.baseText, 'tariff'), modified: proposal });
  monaco.editor.setModelMarkers(proposal, 'checker', data.diagnostics.map((d) => ({
    severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: `${d.message} (${d.id})`,
    startLineNumber: d.startLineNumber,
    startColumn: d.startColumn,
    endLineNumber: d.endLineNumber,
    endColumn: Math.max(d.endColumn, d.startColumn + 1),
  })));
  window.tariffAssistantDiff = diff;
})();
