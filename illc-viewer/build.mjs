// Builds the html renderer's page template: src/page.html with src/viewer.css and the esbuild
// bundle of src/viewer.js (plus the licences of the bundled npm packages) inlined, written to
// illc-plugins' resources, or to the file given with --out. The Java renderer fills in the two
// data slots (@ILLC_QBAF_JSON@, @ILLC_PAGE_JSON@).
//
// Reproducible: the output depends only on the sources and the locked package versions (no
// timestamps, no absolute paths, licences in sorted order), so the same lockfile gives the same
// bytes; ViewerBundleTest in illc-plugins checks the committed template against a fresh build.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_OUT = join(here, '..', 'illc-plugins', 'src', 'main', 'resources', 'io', 'illc', 'plugins', 'render',
  'viewer-template.html');
const SLOTS = ['@ILLC_QBAF_JSON@', '@ILLC_PAGE_JSON@'];

function outPath(args) {
  const i = args.indexOf('--out');
  if (i < 0) {
    return DEFAULT_OUT;
  }
  if (i + 1 >= args.length) {
    throw new Error('--out needs a file name');
  }
  return args[i + 1];
}

/** One comment block with the name, version and licence text of every npm package in the bundle. */
function licences(metafile) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) {
      packages.add(m[1]);
    }
  }
  const blocks = [...packages].sort().map((name) => {
    const dir = join(here, 'node_modules', name);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const text = readFileSync(join(dir, 'LICENSE'), 'utf8').trim();
    return `${name} ${meta.version} (${meta.license})\n\n${text}`;
  });
  // "*/" cannot occur in these licence texts; checked so that a future one cannot end the comment.
  const body = blocks.join('\n\n---\n\n');
  if (body.includes('*/')) {
    throw new Error('a licence text contains "*/"');
  }
  return `/*! The illc QBAF viewer bundles these packages from the npm registry:\n\n${body}\n*/\n`;
}

function requireAbsent(text, what, forbidden) {
  for (const f of forbidden) {
    if (text.toLowerCase().includes(f.toLowerCase())) {
      throw new Error(`${what} contains "${f}", which would break the page`);
    }
  }
}

const result = await build({
  absWorkingDir: here,
  entryPoints: ['src/viewer.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  charset: 'utf8',
  legalComments: 'none',
  metafile: true,
  write: false,
  logLevel: 'warning',
});
const js = licences(result.metafile) + result.outputFiles[0].text;
const css = readFileSync(join(here, 'src', 'viewer.css'), 'utf8');
const page = readFileSync(join(here, 'src', 'page.html'), 'utf8');

// The bundle and the style sheet go inside <script> and <style>: nothing in them may close those
// elements early, nor look like a data slot the renderer would fill.
requireAbsent(js, 'the viewer bundle', ['</script', '<!--', ...SLOTS]);
requireAbsent(css, 'viewer.css', ['</style', ...SLOTS]);
for (const slot of [...SLOTS, '/*@VIEWER_CSS@*/', '/*@VIEWER_JS@*/']) {
  if (page.split(slot).length !== 2) {
    throw new Error(`src/page.html must contain ${slot} exactly once`);
  }
}
// Functions as replacements: a string replacement would expand "$&" and the like in the bundle.
const html = page.replace('/*@VIEWER_CSS@*/', () => css.trim()).replace('/*@VIEWER_JS@*/', () => js.trim());
const out = outPath(process.argv.slice(2));
writeFileSync(out, html, 'utf8');
console.log(`wrote ${out} (${Buffer.byteLength(html, 'utf8')} bytes)`);
