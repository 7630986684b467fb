// `make single`: turns the built dist/ into dist-single/sift.html, one HTML file that runs when
// opened straight from disk (file://), with no server: the file a teacher mails to a class.
//
// Everything is inlined: the CSS as a <style>, the favicon as a data: URL, the page's wasm
// module gzipped and base64 in a non-executable <script type="application/octet-stream"> block,
// the app's wasm-bindgen glue with its `export`s removed, and the engine's worker (its glue, its
// wasm, gzipped and base64 too, and a start-up line) as the source of a blob: URL. Any other file
// of dist/ (sample data) is answered from the page by `fetch` in the page and in the worker, by
// its relative name. A page opened
// from a file may fetch nothing, so the page's `Worker` constructor maps the engine's
// "./worker-loader.js" to that blob: URL (and the worker does the same for its helper). The
// service worker and the manifest are left out: a file has no origin to install them on. The
// CSP still forbids every other host, and allows the two inline scripts by hash.
//
//   node scripts/single.mjs [--dist dist] [--out dist-single/sift.html]

import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { hashScriptSrc, inlineScriptHashes } from './csp.mjs';

const { values: args } = parseArgs({
  options: { dist: { type: 'string', default: 'dist' }, out: { type: 'string', default: 'dist-single/sift.html' } },
});
const DIST = resolve(args.dist);

/** The one file of dist/ whose name matches `pattern`. */
async function distFile(pattern) {
  const names = (await readdir(DIST)).filter((name) => pattern.test(name));
  if (names.length !== 1) throw new Error(`${DIST}: expected one file matching ${pattern}, found ${names.length}`);
  return join(DIST, names[0]);
}

/** wasm-bindgen's ES-module glue as a plain script: its `export`s removed, `__wbg_init` kept. */
function unexport(glue) {
  if (/^import\b/m.test(glue)) throw new Error('the app glue imports another module (a snippet?): inline it too');
  const body = glue
    .replace(/^export (function|class|const|let|async function) /gm, '$1 ')
    .replace(/^export \{[^}]*\};?$/gm, '')
    .replace(/^export default [^;]*;$/gm, '');
  if (/^export\b/m.test(body)) throw new Error('the app glue has an export this script does not know');
  if (!/\basync function __wbg_init\b/.test(body)) throw new Error('the app glue has no __wbg_init');
  return body;
}

/** `new Worker("…/worker-loader.js")` in the page starts the engine's worker from `workerUrl`. */
const PAGE_WORKER_SHIM = `{
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) { super(String(url).endsWith("worker-loader.js") ? workerUrl : url, options); }
  };
}`;

/**
 * The same in the worker, for its helper: a worker opened from a file has an origin of its own,
 * which may not start the page's blob: URL, so it makes its own from its own source (once).
 */
const HELPER_SHIM = `{
  const Native = self.Worker;
  let helperUrl;
  if (Native) self.Worker = class extends Native {
    constructor(url, options) {
      const engine = String(url).endsWith("worker-loader.js");
      if (engine) helperUrl ??= URL.createObjectURL(new Blob([\`(\${sift})(\${JSON.stringify(wasmBase64)}, \${JSON.stringify(files)})\`], { type: "text/javascript" }));
      super(engine ? helperUrl : url, options);
    }
  };
}`;

/**
 * `wasmResponse(text)`: a wasm module gzipped, then base64, as a Response that the browser
 * decompresses and compiles as it streams (gzip makes the file 2.7 times smaller).
 */
const WASM_RESPONSE = `const wasmResponse = (text) => {
  const bytes = Uint8Array.fromBase64 ? Uint8Array.fromBase64(text) : Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const body = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(body, { headers: { "Content-Type": "application/wasm" } });
};`;

/**
 * The engine's worker as one script: a function `sift` of its wasm (as base64) and the other
 * files, holding its glue, the shims and the start-up of worker-loader.js, called with them.
 */
function workerSource(glue, wasmBase64, files) {
  return [
    '(function sift(wasmBase64, files) {',
    glue,
    HELPER_SHIM,
    fetchShim('self'),
    WASM_RESPONSE,
    'wasm_bindgen({ module_or_path: wasmResponse(wasmBase64) }).catch((error) => {',
    '  postMessage(JSON.stringify({ kind: "crashed", message: `the engine could not start (${error})` }));',
    '});',
    `})("${wasmBase64}", ${JSON.stringify(files)});`,
  ].join('\n');
}

/**
 * The other files of dist/ (sample data, say), which the page or the worker may fetch by their
 * relative name: `fetch` in `scope` answers them from `files` ({ name: { type, data } }, the
 * data in base64).
 */
const fetchShim = (scope) => `{
  const native = ${scope}.fetch.bind(${scope});
  const name = (input) => {
    let url = String(input instanceof Request ? input.url : input);
    try {
      const folder = new URL(".", location.href).href;
      if (url.startsWith(folder)) url = url.slice(folder.length);
    } catch {}
    return url.replace(/^\\.\\//, "");
  };
  ${scope}.fetch = (input, init) => {
    const file = Object.hasOwn(files, name(input)) ? files[name(input)] : null;
    if (!file) return native(input, init);
    const bytes = Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0));
    return Promise.resolve(new Response(bytes, { headers: { "Content-Type": file.type } }));
  };
}`;

/** The page's start-up module: the shims, the app glue, then the app's wasm. */
function startScript(appGlue) {
  return [
    '',
    WASM_RESPONSE,
    'const data = (id) => document.getElementById(id).textContent;',
    'const workerUrl = URL.createObjectURL(new Blob([data("sift-worker")], { type: "text/javascript" }));',
    'const files = JSON.parse(data("sift-files"));',
    PAGE_WORKER_SHIM,
    fetchShim('window'),
    appGlue,
    'await __wbg_init({ module_or_path: wasmResponse(data("sift-app-wasm")) });',
    '',
  ].join('\n');
}

/** A <script> element with `attributes`; a "<!--" or "</script" in its text would end it early. */
function scriptBlock(attributes, text) {
  if (/<!--|<\/script/i.test(text)) throw new Error(`<script ${attributes}>: its text would end the block early`);
  return `<script ${attributes}>${text}</script>`;
}

/** The file at `path`, gzipped, as base64. */
async function gzipBase64(path) {
  return gzipSync(await readFile(path), { level: 9 }).toString('base64');
}

/** The files of dist/ that the page's and the worker's own code stand for, by name. */
const BUILT = [/^index\.html$/, /^sw\.js$/, /^manifest\.webmanifest$/, /^favicon\.svg$/, /^worker(-loader)?\.js$/, /^worker_bg\.wasm$/, /^app-[0-9a-f]+(\.js|_bg\.wasm)$/, /^main-[0-9a-f]+\.css$/];
const TYPES = { '.csv': 'text/csv', '.json': 'application/json', '.txt': 'text/plain', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** Every other file of dist/ (any folder), as { name: { type, data } }. */
async function otherFiles() {
  const entries = await readdir(DIST, { recursive: true, withFileTypes: true });
  const files = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const name = relative(DIST, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/');
    if (BUILT.some((built) => built.test(name))) continue;
    const type = TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
    files[name] = { type, data: (await readFile(join(DIST, name))).toString('base64') };
  }
  return files;
}

async function main() {
  let html = await readFile(join(DIST, 'index.html'), 'utf8');
  const css = await readFile(await distFile(/^main-.*\.css$/), 'utf8');
  const favicon = await readFile(join(DIST, 'favicon.svg'));
  const appGlue = unexport(await readFile(await distFile(/^app-[0-9a-f]+\.js$/), 'utf8'));
  const appWasm = await gzipBase64(await distFile(/^app-[0-9a-f]+_bg\.wasm$/));
  const files = await otherFiles();
  const worker = workerSource(await readFile(join(DIST, 'worker.js'), 'utf8'), await gzipBase64(join(DIST, 'worker_bg.wasm')), files);

  // Trunk's start-up script, its preloads, the stylesheet, the icon and the manifest give way.
  html = html
    .replace(/<script type="module">[\s\S]*?<\/script>\s*/, '')
    .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, '')
    .replace(/<link rel="manifest"[^>]*>\s*/, '')
    .replace(/<link rel="stylesheet"[^>]*>/, () => `<style>\n${css}</style>`)
    .replace(/<link rel="icon"[^>]*>/, () => `<link rel="icon" href="data:image/svg+xml;base64,${favicon.toString('base64')}" type="image/svg+xml" />`)
    .replace(/(script-src[^;"]*)'sha256-[^']*'/, "$1'unsafe-inline'")
    .replace(/worker-src 'self'/, "worker-src blob:");
  if (html.includes('data-trunk') || /<script (?!type="application\/octet-stream")/.test(html)) throw new Error('index.html has a script or asset this script does not inline');
  const data = (id, text) => scriptBlock(`type="application/octet-stream" id="${id}"`, text);
  const body = [data('sift-app-wasm', appWasm), data('sift-worker', worker), data('sift-files', JSON.stringify(files)), scriptBlock('type="module"', startScript(appGlue))].join('\n');
  html = html.replace('</body>', () => `${body}\n</body>`);
  html = hashScriptSrc(html, inlineScriptHashes(html.replace(/<script type="application\/octet-stream"[\s\S]*?<\/script>/g, '')));

  const out = resolve(args.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, html);
  const others = Object.keys(files).length ? `; other files: ${Object.keys(files).join(', ')}` : '';
  console.log(`single: ${out} (${(html.length / 1e6).toFixed(1)} MB${others})`);
}

await main();
