// The browser training benchmark (issue 5): logistic regression and a 100-tree random forest
// trained in Sift in headless Chromium, against native scikit-learn (one thread) on the same
// number of rows of the same data, reported as ratios; and the longest main-thread task while
// each model trains. Prints a table and writes bench/results/learn.json.
//
//   node bench/learn.mjs [--rows 125000] [--test-share 0.2] [--models logistic_regression,random_forest]
//                        [--python python3] [--out bench/results/learn.json]
//
// Expects the app built into $SIFT_DIST (default dist/, `make dist`) and scikit-learn for
// `python3` (or --python). The data are tests/learn_speed.rs's rows (bench/learn_data.mjs):
// 125 000 rows × 20 features with a test share of 0.2, so each model is fitted on 100 000 rows.
//
// Each model gets a fresh page: upload the CSV, wait for the data, choose "target", the
// algorithm and the test share, click "Train model". Two times are taken:
//  (a) the whole job, in the page: the click to the Evaluation region showing the accuracy
//      (polled on every animation frame);
//  (b) the fit alone, in the worker: `fit_seconds` of the training summary, which the worker
//      measures around the model's fit with its clock (js_sys::Date::now); read from the
//      worker's reply as it arrives in the page.
// A PerformanceObserver records the page's long tasks ('longtask', over 50 ms) from the click
// to the evaluation shown; the longest is reported with its start relative to the reply.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM, DIST, REPO, alertTexts, guardContext, launchBrowser, upload } from '../tests/e2e/app.mjs';
import { serveDirectory } from '../tests/e2e/server.mjs';
import { writeLearnCsv } from './learn_data.mjs';
import { instrumentPage, trainAndTime } from './learn_page.mjs';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '125000' },
    'test-share': { type: 'string', default: '0.2' },
    models: { type: 'string', default: 'logistic_regression,random_forest' },
    // Fits per model (the fastest counts; the whole job is timed on the first).
    repeat: { type: 'string', default: 'logistic_regression=5,random_forest=1' },
    python: { type: 'string', default: 'python3' },
    out: { type: 'string', default: join(REPO, 'bench/results/learn.json') },
  },
});
const ROWS = Number(args.rows);
const SKLEARN_NAME = { logistic_regression: 'logistic', random_forest: 'forest' };
const REPEAT = Object.fromEntries(args.repeat.split(',').map((pair) => pair.split('=')).map(([k, v]) => [k, Number(v)]));

/** Trains `algorithm` in a fresh page on `csv`; returns the page's measurements. */
async function browserRun(url, csv, algorithm) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const guard = guardContext(context, new URL(url).origin);
    await context.addInitScript(instrumentPage);
    const page = guard.watch(await context.newPage());
    await page.goto(url, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Load sample data' }).waitFor({ timeout: 120_000 });
    const loadStart = Date.now();
    await upload(page, csv);
    const shown = `${ROWS.toLocaleString('en-US')} rows`;
    await page.getByText(shown).filter({ visible: true }).first().waitFor({ timeout: 300_000 });
    const loadSeconds = (Date.now() - loadStart) / 1000;
    const result = await trainAndTime(page, { algorithm, testShare: args['test-share'], repeat: REPEAT[algorithm] ?? 1 }).catch(async (err) => ({
      error: err.message.split('\n')[0],
      alerts: await alertTexts(page).catch(() => []),
    }));
    return { algorithm, loadSeconds, ...result, problems: guard.problems };
  } finally {
    await browser.close().catch(() => {});
  }
}

/** scikit-learn's fit of `model` ('logistic' or 'forest') on the first `rows` rows, one thread,
 *  the fastest of `repeat` fits: { model, rows, fit_seconds, fit_runs, ... }. */
function sklearnRun(csv, rows, model, repeat) {
  const script = join(REPO, 'tests/fixtures/learn/speed_sklearn.py');
  const options = ['--rows', String(rows), '--models', model, '--repeat', String(repeat), '--json'];
  return JSON.parse(execFileSync(args.python, [script, csv, ...options], { encoding: 'utf8' }).trim());
}

const fmt = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits));

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: build the app first (make dist)`);
  const algorithms = args.models.split(',');
  const csv = join(REPO, `bench/data/learn_${ROWS}.csv`);
  if (!existsSync(csv)) {
    mkdirSync(dirname(csv), { recursive: true });
    console.log(`writing ${csv} …`);
    await writeLearnCsv(csv, ROWS);
  }
  const results = {
    date: new Date().toISOString(),
    commit: execFileSync('git', ['-C', REPO, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, loadBefore: loadavg() },
    chromium: execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    data: { file: csv, rows: ROWS, features: 20, testShare: Number(args['test-share']) },
    browser: [],
  };
  const server = await serveDirectory(DIST);
  try {
    for (const algorithm of algorithms) {
      console.log(`training ${algorithm} in Chromium …`);
      const run = await browserRun(`${server.url}/`, csv, algorithm);
      results.browser.push(run);
      if (run.error) console.log(`  failed: ${run.error} ${run.alerts?.join(' | ') ?? ''}`);
      else console.log(`  job ${fmt(run.jobSeconds)} s, fit ${fmt(run.fitSeconds)} s, longest main-thread task ${fmt(run.longestTask?.duration, 0)} ms`);
    }
  } finally {
    await server.close();
  }
  const trainRows = results.browser.find((r) => r.trainRows)?.trainRows ?? Math.round(ROWS * (1 - Number(args['test-share'])));
  console.log(`scikit-learn on the first ${trainRows} rows …`);
  results.sklearn = Object.fromEntries(
    algorithms.map((a) => [SKLEARN_NAME[a], sklearnRun(csv, trainRows, SKLEARN_NAME[a], REPEAT[a] ?? 1)]),
  );
  results.machine.loadAfter = loadavg();

  console.log(`\n${ROWS} rows × 20 features, model fitted on ${trainRows} rows; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log('| model | browser: job (click → evaluation) | browser: fit | scikit-learn fit | fit ratio | job ratio | longest main-thread task |');
  console.log('|---|---|---|---|---|---|---|');
  for (const run of results.browser) {
    const sk = results.sklearn[SKLEARN_NAME[run.algorithm]]?.fit_seconds;
    run.fitRatio = run.fitSeconds && sk ? run.fitSeconds / sk : null;
    run.jobRatio = run.jobSeconds && sk ? run.jobSeconds / sk : null;
    const task = run.longestTask ? `${fmt(run.longestTask.duration, 0)} ms (${run.longTasksOver100} over 100 ms)` : 'none over 50 ms';
    console.log(
      `| ${run.algorithm} | ${fmt(run.jobSeconds)} s | ${fmt(run.fitSeconds)} s | ${fmt(sk)} s | ${fmt(run.fitRatio)} | ${fmt(run.jobRatio)} | ${task} |`,
    );
  }
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(results, null, 2));
  console.log(`\nwritten to ${args.out}`);
  const failed = results.browser.filter((r) => r.error || r.problems.length);
  if (failed.length) {
    console.error(`problems: ${JSON.stringify(failed.map((r) => ({ algorithm: r.algorithm, error: r.error, problems: r.problems })))}`);
    process.exitCode = 1;
  }
}

await main();
