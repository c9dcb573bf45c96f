// The assistant page: while the model is asked, the form says so; a proposal is shown in Monaco's diff editor
// against the draft it started from (or alone when it is new), with the checker's diagnostics as markers on the proposal.
(function () {
  'use strict';

  const form = document.getElementById('ask-form');
  if (form) {
    form.addEventListener('submit', () => {
      document.getElementById('ask').disabled = true;
      document.getElementById('asking').hidden = false;
    });
  }

  const host = document.getElementById('proposal-view');
  const island = document.getElementById('assistant-data');
  if (!host || !island || !window.TariffEditor) {
    return;
  }

  const data = JSON.parse(island.textContent);
  host.hidden = false;
  document.getElementById('proposal-text').hidden = true;
  const proposal = monaco.editor.createModel(data.proposal, 'tariff');
  const options = { automaticLayout: true, readOnly: true, minimap: { enabled: false } };
  // A change to a draft is shown as a diff against it; a new document has nothing to compare with.
  let view;
  if (data.baseText.length > 0) {
    view = monaco.editor.createDiffEditor(host, { ...options, renderSideBySide: true });
    view.setModel({ original: monaco.editor.createModel(data.baseText, 'tariff'), modified: proposal });
  } else {
    view = monaco.editor.create(host, { ...options, model: proposal });
  }
  monaco.editor.setModelMarkers(proposal, 'checker', data.diagnostics.map((d) => ({
    severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    message: `${d.message} (${d.id})`,
    startLineNumber: d.startLineNumber,
    startColumn: d.startColumn,
    endLineNumber: d.endLineNumber,
    endColumn: Math.max(d.endColumn, d.startColumn + 1),
  })));
  window.tariffAssistantView = view;
})();
