// Builds the studio's browser assets from the npm packages pinned in the root package-lock.json into
// wwwroot/lib, so that the studio serves every script and style itself (installations are often air-gapped).
// Run from the repository root: `node studio/Tariff.Studio/client/build.mjs` (scripts/frontend.sh does this).
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const studioDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = resolve(studioDir, '..', '..');
const modules = join(repoDir, 'node_modules');
const out = join(studioDir, 'wwwroot', 'lib');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const copy = (from, to) => {
  mkdirSync(dirname(join(out, to)), { recursive: true });
  cpSync(join(modules, from), join(out, to));
};

copy('bootstrap/dist/css/bootstrap.min.css', 'bootstrap/bootstrap.min.css');
copy('bootstrap/dist/js/bootstrap.bundle.min.js', 'bootstrap/bootstrap.bundle.min.js');
copy('htmx.org/dist/htmx.min.js', 'htmx/htmx.min.js');
// Charts take their labels ready-made from the server (dates already formatted), so no date adapter is needed.
copy('chart.js/dist/chart.umd.min.js', 'chartjs/chart.umd.min.js');

// Monaco: the editor core with its standard contributions (find, suggest, hover, folding...) but without the
// ~80 bundled languages, which the studio does not need; Tariff registers its own language at run time.
const monacoEditorDir = join(modules, 'monaco-editor', 'esm', 'vs', 'editor');
const coreEntry = readFileSync(join(monacoEditorDir, 'editor.main.js'), 'utf8')
  .split('\n')
  .filter(line => !line.includes('languages/') && !line.includes('monaco-lsp-client') && !/^export \{ __src_languages/.test(line)
    && !/^export \{ index as lsp/.test(line))
  .join('\n');

const common = { bundle: true, minify: true, logLevel: 'warning', legalComments: 'linked', target: 'es2022' };

await build({
  ...common,
  stdin: { contents: coreEntry, resolveDir: monacoEditorDir, sourcefile: 'monaco-core.js' },
  outfile: join(out, 'monaco', 'monaco.js'),
  format: 'iife',
  globalName: 'monaco',
  loader: { '.ttf': 'file' },
});

await build({
  ...common,
  entryPoints: [join(monacoEditorDir, 'editor.worker.js')],
  outfile: join(out, 'monaco', 'editor.worker.js'),
  format: 'iife',
});

const manifest = JSON.parse(readFileSync(join(repoDir, 'package-lock.json'), 'utf8'));
const versions = Object.fromEntries(['bootstrap', 'chart.js', 'htmx.org', 'monaco-editor'].map(name =>
  [name, manifest.packages[`node_modules/${name}`]?.version ?? 'unknown']));
writeFileSync(join(out, 'versions.json'), JSON.stringify(versions, null, 2) + '\n');

if (!existsSync(join(out, 'monaco', 'monaco.js'))) {
  throw new Error('monaco bundle was not produced');
}
console.log(`studio assets built into ${out}: ${JSON.stringify(versions)}`);
