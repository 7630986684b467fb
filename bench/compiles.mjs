// What the browser's WebAssembly engine does while Sift opens a large file, from a Chromium
// trace: how long it spends optimizing functions (TurboFan, on a background thread that takes
// the second core) and which functions it compiles again as unoptimized code after a deopt
// (an optimized function thrown back to slow code, such as the reading loop after it was
// optimized for another reader). A healthy open shows no recompiled function and little
// optimizing: the warm-up before `Ready` should have done it.
//
//   node bench/compiles.mjs [--file bench/data/bench-100mb.csv] [--longer-than 20] [--settle-ms 1000]
//
// `--settle-ms` is the idle time between Ready and choosing the file, as in bench/run.mjs.
//
// Expects dist/ to be built (`make dist`). Functions are numbered as in their module (the
// page's or the worker's); dist/ has no names: map them with a build that keeps its name section.

import { parseArgs } from 'node:util';
import { DIST, control, launchBrowser } from '../tests/e2e/app.mjs';
import { serveDirectory } from '../tests/e2e/server.mjs';
import { DEFAULT_FILE } from './generate.mjs';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: DEFAULT_FILE },
    'longer-than': { type: 'string', default: '20' },
    'settle-ms': { type: 'string', default: '1000' },
  },
});
const CATEGORIES = ['devtools.timeline', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed'];

/** Opens the file in Sift with tracing on; the trace's events and the seconds to the report. */
async function tracedOpen() {
  const server = await serveDirectory(DIST);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Load sample data' }).waitFor({ timeout: 120_000 });
    await new Promise((done) => setTimeout(done, Number(args['settle-ms'])));
    await page.evaluate(() => document.addEventListener('change', () => (window.chosenAt = performance.now()), { capture: true }));
    await control(page, 'Open CSV files').setInputFiles(args.file);
    const report = () => /Rows\s+[\d,]+/.test(document.querySelector('section[aria-label="Data quality report"]')?.innerText ?? '');
    await page.waitForFunction(report, null, { polling: 'raf', timeout: 300_000 });
    const seconds = (await page.evaluate(() => performance.now() - window.chosenAt)) / 1000;
    const trace = JSON.parse((await browser.stopTracing()).toString());
    return { events: trace.traceEvents ?? trace, seconds };
  } finally {
    await browser.close();
    await server.close();
  }
}

const { events, seconds } = await tracedOpen();
const chosen = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change');
const end = chosen.ts + seconds * 1e6;
const ms = (us) => (us / 1000).toFixed(0);
const during = (e) => e.ph === 'X' && e.ts < end && e.ts + (e.dur ?? 0) > chosen.ts;

// A function compiled unoptimized (Liftoff) a second time was thrown back from optimized code.
const key = (e) => `${e.pid}:${e.tid}#${e.args.funcIndex}`;
const baseline = events.filter((e) => e.name === 'wasm.CompileBaseline' && e.args?.funcIndex !== undefined).sort((a, b) => a.ts - b.ts);
const seen = new Set();
const again = baseline.filter((e) => {
  const twice = seen.has(key(e));
  seen.add(key(e));
  return twice && during(e);
});
const optimizing = events.filter((e) => e.name === 'wasm.TopTierCompilation' && during(e));
const long = optimizing.filter((e) => e.dur / 1000 > Number(args['longer-than']));

console.log(`opened ${args.file}: report after ${seconds.toFixed(2)} s (tracing on, which slows it)`);
console.log(`functions compiled again unoptimized while opening (deopts): ${again.length}`);
for (const e of again) console.log(`  function #${e.args.funcIndex} (body ${e.args.bodySize} bytes), ${ms(e.ts - chosen.ts)} ms after the file was chosen`);
console.log(`optimizing while opening: ${ms(optimizing.reduce((sum, e) => sum + e.dur, 0))} ms in ${optimizing.length} batches; longer than ${args['longer-than']} ms:`);
for (const e of long) console.log(`  ${ms(e.dur)} ms, from ${ms(e.ts - chosen.ts)} ms after the file was chosen`);
