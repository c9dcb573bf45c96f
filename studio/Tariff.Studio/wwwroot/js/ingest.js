// The "send events" page: posts the pasted text (or the chosen file) to the ingest API with the format's media
// type, then shows the API's own report: how many accepted, duplicate and rejected, and each rejection's field and reason.
(function () {
  'use strict';
  const form = document.getElementById('ingest-form');
  const result = document.getElementById('ingest-result');
  const escape = text => String(text ?? '').replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

  function render(status, report) {
    if (!report || report.events === undefined) {
      const detail = report?.detail ?? report?.title ?? `HTTP ${status}`;
      result.innerHTML = `<div class="alert alert-danger py-2" data-testid="ingest-error">${escape(detail)}</div>`;
      return;
    }
    const rejected = report.events.filter(e => e.status === 'rejected');
    result.innerHTML = `
      <div class="alert ${rejected.length ? 'alert-warning' : 'alert-success'} py-2" data-testid="ingest-summary"
           data-accepted="${report.accepted}" data-duplicates="${report.duplicates}" data-rejected="${report.rejected}">
        ${report.accepted} accepted · ${report.duplicates} duplicate · ${report.rejected} rejected
      </div>
      ${rejected.length ? `<table class="table table-sm small"><thead><tr><th>#</th><th>Field</th><th>Reason</th></tr></thead><tbody>
        ${rejected.map(e => `<tr><td>${e.index + 1}</td><td class="font-monospace">${escape(e.error?.field)}</td><td>${escape(e.error?.reason)}</td></tr>`).join('')}
      </tbody></table>` : ''}`;
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const [url, type] = document.getElementById('ingest-format').value.split('|');
    const file = document.getElementById('ingest-file').files[0];
    const body = file ? await file.arrayBuffer() : document.getElementById('ingest-body').value;
    result.innerHTML = '<span class="text-body-secondary">Sending…</span>';
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });
    const text = await response.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = { detail: text }; }
    render(response.status, parsed);
  });
})();
