// The pricing language in Monaco: highlighting, completion, hover help, go to definition and format document, plus
// live diagnostics from the server's checker. The keywords and their help come from the server (the ANTLR lexer's
// vocabulary), embedded in the page as JSON, so the editor can never disagree with the grammar.
// Positions from the server are already in Monaco's convention (lines and columns from 1); none is computed here.
(function () {
  'use strict';

  if (!window.monaco) {
    return;
  }

  self.MonacoEnvironment = { getWorkerUrl: () => '/lib/monaco/editor.worker.js' };
  const definition = JSON.parse(document.getElementById('tariff-language')?.textContent ?? '{"keywords":[],"fields":[],"help":{}}');
  const symbolsByModel = new Map();
  const severities = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info };

  monaco.languages.register({ id: 'tariff', extensions: ['.tariff'] });
  monaco.languages.setLanguageConfiguration('tariff', {
    comments: { lineComment: '#' },
    brackets: [['{', '}'], ['[', ']'], ['(', ')']],
    autoClosingPairs: [{ open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' }, { open: '"', close: '"' }],
    wordPattern: /[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)?/,
  });
  monaco.languages.setMonarchTokensProvider('tariff', {
    keywords: definition.keywords,
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/"([^"\\]|\\.)*$/, 'string.invalid'],
        [/\d{4}-\d{2}-\d{2}/, 'number'],
        [/-?\d+(\.\d+)?/, 'number'],
        [/[A-Za-z_]\w*(\.[A-Za-z_]\w*)?/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [/[{}()[\]]/, '@brackets'],
        [/[=<>!%,.]+/, 'operator'],
      ],
    },
  });

  const symbolsOf = model => symbolsByModel.get(model.uri.toString()) ?? [];
  const symbolAt = (model, position) => {
    const word = model.getWordAtPosition(position);
    return word ? { word, symbol: symbolsOf(model).find(s => s.name === word.word) } : null;
  };

  monaco.languages.registerCompletionItemProvider('tariff', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const kinds = monaco.languages.CompletionItemKind;
      const named = [...new Set(model.getValue().match(/\b(measures|dimensions)\.[A-Za-z_]\w*/g) ?? [])];
      const items = [
        ...definition.keywords.map(k => ({ label: k, kind: kinds.Keyword, insertText: k, detail: definition.help[k] })),
        ...symbolsOf(model).map(s => ({ label: s.name, kind: s.kind === 'meter' ? kinds.Variable : kinds.Module, insertText: s.name, detail: s.kind })),
        ...definition.fields.map(f => ({ label: f, kind: kinds.Field, insertText: f, detail: 'event field' })),
        ...named.map(f => ({ label: f, kind: kinds.Field, insertText: f, detail: 'named in this document' })),
      ];
      return { suggestions: items.map(item => ({ ...item, range })) };
    },
  });

  monaco.languages.registerHoverProvider('tariff', {
    provideHover(model, position) {
      const found = symbolAt(model, position);
      if (!found) {
        return null;
      }
      const range = new monaco.Range(position.lineNumber, found.word.startColumn, position.lineNumber, found.word.endColumn);
      if (found.symbol) {
        return { range, contents: [{ value: `**${found.symbol.kind}** \`${found.symbol.name}\`, declared on line ${found.symbol.startLineNumber}` }] };
      }
      const help = definition.help[found.word.word];
      return help ? { range, contents: [{ value: `**${found.word.word}** — ${help}` }] } : null;
    },
  });

  monaco.languages.registerDefinitionProvider('tariff', {
    provideDefinition(model, position) {
      const symbol = symbolAt(model, position)?.symbol;
      return symbol ? [{ uri: model.uri, range: new monaco.Range(symbol.startLineNumber, symbol.startColumn, symbol.endLineNumber, symbol.endColumn) }] : [];
    },
  });

  monaco.languages.registerDocumentFormattingEditProvider('tariff', {
    async provideDocumentFormattingEdits(model) {
      const result = await postJson('/api/v1/pricing/format', { text: model.getValue() });
      if (!result.ok || result.body.text === null) {
        document.dispatchEvent(new CustomEvent('tariff:format-refused', { detail: result.ok ? result.body.refusal : `HTTP ${result.status}` }));
        return [];
      }
      return [{ range: model.getFullModelRange(), text: result.body.text }];
    },
  });

  async function postJson(url, body, method) {
    const response = await fetch(url, { method: method ?? 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    return { ok: response.ok, status: response.status, body: text ? JSON.parse(text) : null };
  }

  // Creates an editor of the language whose text the server checks as it changes (debounced); `onChecked` receives
  // each answer's diagnostics, newest only; `checkUrl` names another checker of the same answer (the query editor's knows the catalog).
  function create(host, value, options) {
    const editor = monaco.editor.create(host, {
      value,
      language: 'tariff',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      readOnly: options?.readOnly ?? false,
    });
    const model = editor.getModel();
    let pending = null;
    let sequence = 0;

    async function check() {
      const mine = ++sequence;
      const result = await postJson(options?.checkUrl ?? '/api/v1/pricing/check', { text: editor.getValue() });
      if (mine !== sequence) {
        return; // a newer check is on its way; its answer wins
      }
      const diagnostics = result.ok ? result.body.diagnostics : [{
        id: 'HTTP', severity: 'error', message: `The check failed: HTTP ${result.status}`, startLineNumber: 1, startColumn: 1, endLineNumber: 1, endColumn: 1,
      }];
      if (result.ok) {
        symbolsByModel.set(model.uri.toString(), result.body.symbols);
      }
      monaco.editor.setModelMarkers(model, 'tariff', diagnostics.map(d => ({
        severity: severities[d.severity] ?? monaco.MarkerSeverity.Error,
        message: `${d.id}: ${d.message}`,
        startLineNumber: d.startLineNumber,
        startColumn: d.startColumn,
        endLineNumber: d.endLineNumber,
        endColumn: Math.max(d.endColumn, d.startColumn + 1),
      })));
      options?.onChecked?.(diagnostics);
    }

    editor.onDidChangeModelContent(() => {
      clearTimeout(pending);
      pending = setTimeout(check, 300);
    });
    check();
    return { editor, check };
  }

  // Lists diagnostics in a <ul>, each a link that puts the cursor on its place.
  function renderProblems(list, diagnostics, editor) {
    list.replaceChildren(...(diagnostics.length === 0
      ? [item('No problems.', 'text-success')]
      : diagnostics.map(d => {
        const li = item(`${d.startLineNumber}:${d.startColumn} ${d.id} ${d.message}`, d.severity === 'error' ? 'text-danger' : '');
        li.role = 'button';
        li.addEventListener('click', () => {
          editor.setPosition({ lineNumber: d.startLineNumber, column: d.startColumn });
          editor.revealLineInCenter(d.startLineNumber);
          editor.focus();
        });
        return li;
      })));
  }

  function item(text, cssClass) {
    const li = document.createElement('li');
    li.className = `list-group-item ${cssClass}`;
    li.textContent = text;
    return li;
  }

  window.TariffEditor = { create, renderProblems, postJson, item };
})();
