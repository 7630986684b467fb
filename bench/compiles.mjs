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
import { serveDirectory } from '../tests/e2e/server.mjs';
import { DIST } from '../tests/e2e/app.mjs';
import { siftPage, timeOpen } from './browser.mjs';
import { DEFAULT_FILE } from './generate.mjs';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: DEFAULT_FILE },
    'longer-than': { type: 'string', default: '20' },
    'settle-ms': { type: 'string', default: '1000' },
  },
});

const server = await serveDirectory(DIST);
const opened = await timeOpen({
  ...siftPage(server.url),
  file: args.file,
  timeout: 300_000,
  settleMs: Number(args['settle-ms']),
  trace: ['v8.wasm', 'disabled-by-default-v8.wasm.detailed'],
}).finally(() => server.close());
if (opened.seconds === null || opened.chosenTs === undefined) throw new Error(`the file did not open: ${opened.error}`);
const { events, chosenTs, seconds } = opened;
const end = chosenTs + seconds * 1e6;
const ms = (us) => (us / 1000).toFixed(0);
const during = (e) => e.ph === 'X' && e.ts < end && e.ts + (e.dur ?? 0) > chosenTs;

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
for (const e of again) console.log(`  function #${e.args.funcIndex} (body ${e.args.bodySize} bytes), ${ms(e.ts - chosenTs)} ms after the file was chosen`);
console.log(`optimizing while opening: ${ms(optimizing.reduce((sum, e) => sum + e.dur, 0))} ms in ${optimizing.length} batches; longer than ${args['longer-than']} ms:`);
for (const e of long) console.log(`  ${ms(e.dur)} ms, from ${ms(e.ts - chosenTs)} ms after the file was chosen`);
