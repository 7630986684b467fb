// The speed and memory benchmark (issue 3): Sift beside DuckDB-wasm and PapaParse in headless
// Chromium, and pandas natively, on the same ~100 MB CSV. Prints a table and writes
// bench/results/latest.json. Run it with `make bench` (see docs/benchmarks.md).
//
//   node bench/run.mjs [--file F] [--runs 3] [--tools sift,duckdb,papaparse,pandas] [--with-1gb] [--settle-ms 1000] [--cores N]
//
// `--cores N` makes the pages say the machine has N cores: with 4 or more Sift reads a large
// file with a helper worker, so `--cores 4` and `--cores 2` compare it with and without.
//
// Expects dist/ to be built (`make dist`) and bench/node_modules installed (bench/setup.sh).

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM, DIST, REPO } from '../tests/e2e/app.mjs';
import { serveDirectory } from '../tests/e2e/server.mjs';
import { siftPage, timeOpen } from './browser.mjs';
import { BENCH_DIR, DEFAULT_FILE, generateCsv } from './generate.mjs';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string', default: DEFAULT_FILE },
    runs: { type: 'string', default: '3' },
    tools: { type: 'string', default: 'sift,duckdb,papaparse,pandas' },
    'with-1gb': { type: 'boolean', default: false },
    'settle-ms': { type: 'string', default: '1000' },
    cores: { type: 'string' },
    python: { type: 'string', default: join(BENCH_DIR, '.venv/bin/python') },
    out: { type: 'string', default: join(BENCH_DIR, 'results/latest.json') },
  },
});
const RUNS = Number(args.runs);
/** Idle time between a page saying it is ready and the file being chosen (see browser.mjs). */
const SETTLE_MS = Number(args['settle-ms']);
/** The core count the pages are told, or undefined for the machine's own. */
const CORES = args.cores === undefined ? undefined : Number(args.cores);
const MINUTE = 60_000;
const MB = 1e6;

/** The in-browser tools: where their page is, when it is ready, when it is done. */
function browserTools(siftUrl, peerUrl) {
  const peer = (tool) => ({
    url: `${peerUrl}/peer/?tool=${tool}`,
    ready: (page) => page.waitForFunction(() => window.benchReady, null, { timeout: 2 * MINUTE }),
    done: () => window.benchResult,
  });
  return {
    sift: siftPage(siftUrl),
    duckdb: peer('duckdb'),
    papaparse: peer('papaparse'),
  };
}

/** pandas read_csv + describe in a child process; null fields when pandas is not installed. */
function pandasRun(file) {
  const python = existsSync(args.python) ? args.python : 'python3';
  try {
    const out = execFileSync(python, [join(BENCH_DIR, 'pandas_describe.py'), file], { encoding: 'utf8' });
    const { seconds, rows, columns, peak, version } = JSON.parse(out);
    return { seconds, summary: { rows, columns, version }, memory: { peak } };
  } catch (err) {
    return { seconds: null, error: `pandas did not run (${String(err.message).split('\n')[0]})` };
  }
}

const median = (xs) => {
  const sorted = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
};

/** Run `once()` RUNS times; log each run; summarise the times and the memory peaks. */
async function repeat(name, once) {
  const runs = [];
  for (let i = 1; i <= RUNS; i++) {
    const run = await once();
    runs.push(run);
    const phases = run.summary?.phases;
    const inWorker = phases ? ` (in the worker: read ${phases.read} s, report ${phases.report} s)` : '';
    const what = run.error ? `FAILED: ${run.error}` : `${run.seconds.toFixed(2)} s${inWorker}`;
    console.error(`  ${name} run ${i}/${RUNS}: ${what}`);
  }
  const peak = (key) => median(runs.map((r) => r.memory?.[key] ?? null));
  return {
    seconds: median(runs.map((r) => (r.error ? null : r.seconds))), // a failed run has no time
    memoryPeak: peak('peak'),
    memoryBefore: peak('before'),
    privatePeak: peak('privatePeak'),
    privateBefore: peak('privateBefore'),
    runs,
  };
}

/** The 1 GB check: generate, open once in Sift, delete. */
async function siftOnGigabyte(sift) {
  const file = join(BENCH_DIR, 'data/bench-1gb.csv');
  console.error('generating the 1 GB file (10,000,000 rows)…');
  generateCsv(file, { rows: 10_000_000 });
  try {
    const bytes = statSync(file).size;
    return { bytes, ...(await timeOpen({ ...sift, file, timeout: 15 * MINUTE, settleMs: SETTLE_MS, cores: CORES })) };
  } finally {
    rmSync(file, { force: true });
  }
}

function printTable(results, bytes) {
  const sec = (s) => (s === null ? 'failed' : `${s.toFixed(2)} s`);
  const mb = (b) => (b ? `${(b / MB).toFixed(0)} MB` : '—');
  const times = (b) => (b ? `${(b / bytes).toFixed(2)}×` : '—');
  const table = [
    ['tool', `time (median of ${RUNS})`, 'peak memory', '÷ file size', 'before the file', 'private peak', '÷ file size', 'private before', 'rows read'],
    ...Object.entries(results.tools).map(([name, r]) => [
      name,
      sec(r.seconds),
      mb(r.memoryPeak),
      times(r.memoryPeak),
      mb(r.memoryBefore),
      mb(r.privatePeak),
      times(r.privatePeak),
      mb(r.privateBefore),
      String(r.runs.at(-1).summary?.rows ?? '—'),
    ]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  console.log('(memory: peak resident set of the page\'s renderer process, its workers included; pandas: its process.');
  console.log(' private: its peak RssAnon, sampled every 50 ms: Chrome\'s "memory footprint", without the ~100 MB of Chromium\'s own mapped files)');
  for (const [name, ratio] of Object.entries(results.ratios)) console.log(`${name}: ${ratio === null ? '—' : ratio.toFixed(2)}`);
  const g = results.gigabyte;
  if (g) {
    const outcome = g.crashed ? 'the tab CRASHED' : g.error ? `failed: ${g.error}` : `report in ${sec(g.seconds)}`;
    console.log(`1 GB file (${mb(g.bytes)}) in Sift: ${outcome}; peak memory ${mb(g.memory?.peak)}`);
    if (g.summary) console.log(`  rows in the report: ${g.summary.rows}; note shown: ${g.summary.note ?? 'none'}`);
  }
}

async function main() {
  const file = resolve(args.file);
  if (!existsSync(file)) {
    console.error(`generating ${file}…`);
    generateCsv(file);
  }
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`no ${DIST}/index.html: run \`make dist\` first`);
  const bytes = statSync(file).size;
  const wanted = args.tools.split(',').filter(Boolean);
  const siftServer = await serveDirectory(DIST);
  const peerServer = await serveDirectory(BENCH_DIR);
  const results = {
    date: new Date().toISOString(),
    commit: execFileSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memory: totalmem(), loadBefore: loadavg() },
    chromium: execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    file: { path: file, bytes },
    settleMs: SETTLE_MS,
    cores: CORES ?? null,
    tools: {},
  };
  try {
    const tools = browserTools(siftServer.url, peerServer.url);
    for (const name of wanted) {
      console.error(`${name}:`);
      const once = name === 'pandas' ? () => pandasRun(file) : () => timeOpen({ ...tools[name], file, timeout: 10 * MINUTE, settleMs: SETTLE_MS, cores: CORES });
      results.tools[name] = await repeat(name, once);
    }
    const sift = results.tools.sift?.seconds ?? null;
    const ratio = (peer) => (sift && results.tools[peer]?.seconds ? sift / results.tools[peer].seconds : null);
    results.ratios = { 'Sift / DuckDB-wasm': ratio('duckdb'), 'Sift / PapaParse': ratio('papaparse'), 'Sift / pandas': ratio('pandas') };
    if (args['with-1gb']) results.gigabyte = await siftOnGigabyte(tools.sift);
  } finally {
    await siftServer.close();
    await peerServer.close();
  }
  results.machine.loadAfter = loadavg();
  mkdirSync(resolve(args.out, '..'), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results, bytes);
  console.log(`wrote ${args.out}`);
}

await main();
