// The plan editor: the draft in Monaco with live diagnostics; save, format, publish; the embedded examples; and the
// "try it" panel, which rates usage with the compiled engine through /api/v1/pricing/rate.
// Every value from the server or the user enters the page as text (textContent), never as markup.
(function () {
  'use strict';

  const host = document.getElementById('editor');
  if (!host || !window.TariffEditor) {
    return;
  }

  const plan = JSON.parse(document.getElementById('plan-data').textContent);
  const $ = id => document.getElementById(id);
  const status = $('editor-status');
  let saved = plan.text;

  const { editor } = TariffEditor.create(host, plan.text, {
    readOnly: !plan.canEdit,
    onChecked: diagnostics => {
      TariffEditor.renderProblems($('problems'), diagnostics, editor);
      $('problem-count').textContent = String(diagnostics.length);
      $('problem-count').className = `badge ${diagnostics.some(d => d.severity === 'error') ? 'text-bg-danger' : 'text-bg-secondary'}`;
    },
  });
  window.tariffEditor = editor;
  editor.onDidChangeModelContent(() => { $('dirty').hidden = editor.getValue() === saved; });
  window.addEventListener('beforeunload', event => {
    if (editor.getValue() !== saved) {
      event.preventDefault();
    }
  });

  function show(kind, message) {
    status.className = `alert alert-${kind} py-2`;
    status.textContent = message;
  }

  // An RFC 7807 problem as one sentence per field, with the checker's diagnostics when it sent them.
  function problemText(result) {
    const body = result.body ?? {};
    const fields = Object.entries(body.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(' ')}`);
    const diagnostics = (body.diagnostics ?? []).map(d => `${d.startLineNumber}:${d.startColumn} ${d.id} ${d.message}`);
    return [...fields, ...diagnostics].join(' · ') || body.detail || body.title || `HTTP ${result.status}`;
  }

  async function save() {
    const text = editor.getValue();
    const result = await TariffEditor.postJson(`/api/v1/plans/${plan.id}/draft`, { text }, 'PUT');
    if (!result.ok) {
      show('danger', `Not saved: ${problemText(result)}`);
      return false;
    }
    saved = text;
    $('dirty').hidden = true;
    $('draft-saved').textContent = `${result.body.plan.draftUpdatedAt.replace('T', ' ').slice(0, 16)} UTC by ${result.body.plan.draftUpdatedBy}`;
    const errors = result.body.diagnostics.filter(d => d.severity === 'error').length;
    show(errors ? 'warning' : 'success', errors ? `Draft saved, with ${errors} error(s) that publishing will refuse.` : 'Draft saved.');
    return true;
  }

  async function publish() {
    if (!await save()) {
      return;
    }
    const result = await TariffEditor.postJson(`/api/v1/plans/${plan.id}/publish`, { comment: $('publish-comment').value });
    if (!result.ok) {
      show('danger', `Not published: ${problemText(result)}`);
      return;
    }
    window.location.assign(`/plans/${plan.id}/versions?published=${result.body.version}`);
  }

  async function runExamples() {
    const list = $('examples');
    const result = await TariffEditor.postJson('/api/v1/pricing/examples', { text: editor.getValue() });
    if (!result.ok) {
      list.replaceChildren(TariffEditor.item(problemText(result), 'text-danger'));
      return;
    }
    const { examples, diagnostics } = result.body;
    if (diagnostics.some(d => d.severity === 'error')) {
      list.replaceChildren(TariffEditor.item('The document has errors; fix them to run the examples.', 'text-danger'));
      return;
    }
    list.replaceChildren(...(examples.length === 0
      ? [TariffEditor.item('The document has no examples. Add one: example "name" { usage METER = N  expect total = AMOUNT }', 'text-body-secondary')]
      : examples.map(e => {
        const li = TariffEditor.item(`${e.passed ? 'PASS' : 'FAIL'} ${e.plan} / "${e.example}": expected ${e.expected}, got ${e.actual}`,
          e.passed ? 'text-success' : 'text-danger');
        li.role = 'button';
        li.addEventListener('click', () => { editor.revealLineInCenter(e.lineNumber); editor.setPosition({ lineNumber: e.lineNumber, column: e.column }); });
        return li;
      })));
  }

  async function rate() {
    $('rate-error').textContent = '';
    $('rating').replaceChildren();
    const request = { text: editor.getValue(), plan: $('try-plan').value.trim() || null };
    if (document.querySelector('input[name=usage-source]:checked').value === 'typed') {
      try {
        request.usage = JSON.parse($('usage').value);
      } catch (error) {
        $('rate-error').textContent = `usage: not valid JSON (${error.message})`;
        return;
      }
    } else {
      request.consumer = $('try-consumer').value.trim() || null;
      request.from = $('try-from').value ? `${$('try-from').value}T00:00:00Z` : null;
      request.to = $('try-to').value ? `${$('try-to').value}T00:00:00Z` : null;
    }
    const result = await TariffEditor.postJson('/api/v1/pricing/rate', request);
    if (!result.ok) {
      $('rate-error').textContent = problemText(result);
      return;
    }
    $('rating').replaceChildren(ratingTable(result.body));
  }

  function ratingTable(rating) {
    const table = document.createElement('table');
    table.className = 'table table-sm small mb-0';
    const cell = (tag, text, cssClass) => {
      const element = document.createElement(tag);
      element.textContent = text ?? '';
      element.className = cssClass ?? '';
      return element;
    };
    const row = (...cells) => {
      const tr = document.createElement('tr');
      tr.append(...cells);
      return tr;
    };
    const head = document.createElement('thead');
    head.append(row(cell('th', 'Line'), cell('th', 'Quantity', 'text-end'), cell('th', 'Unit price', 'text-end'), cell('th', rating.currency, 'text-end')));
    const body = document.createElement('tbody');
    for (const line of rating.lines) {
      const description = cell('td', line.description);
      description.append(cell('div', line.explanation, 'text-body-secondary'));
      body.append(row(description, cell('td', line.quantity, 'text-end'), cell('td', line.unitPrice, 'text-end'), cell('td', line.amount, 'text-end font-monospace')));
    }
    const foot = document.createElement('tfoot');
    foot.append(row(cell('th', `Total (${rating.events} events, ${rating.from.slice(0, 10)} to ${rating.to.slice(0, 10)})`), cell('td'), cell('td'),
      cell('th', rating.total, 'text-end font-monospace')));
    foot.lastChild.dataset.testid = 'rating-total';
    table.append(head, body, foot);
    return table;
  }

  document.addEventListener('tariff:format-refused', event => show('warning', `Not formatted: ${event.detail}`));
  $('format').addEventListener('click', () => editor.getAction('editor.action.formatDocument').run());
  $('save')?.addEventListener('click', save);
  $('publish')?.addEventListener('click', publish);
  $('run-examples').addEventListener('click', runExamples);
  $('rate').addEventListener('click', rate);
  for (const radio of document.querySelectorAll('input[name=usage-source]')) {
    radio.addEventListener('change', () => {
      const typed = document.querySelector('input[name=usage-source]:checked').value === 'typed';
      $('typed-usage').hidden = !typed;
      $('consumer-usage').hidden = typed;
    });
  }
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, save);
})();
