// Restoring a saved session whose data is the ~100 MB benchmark file (issue 20, docs/sessions.md):
// does the page stay usable while the worker reads the stored file again, and how long until
// the data is back?
//
//   node bench/session_restore.mjs [--file bench/data/bench-100mb.csv] [--probes-ms 250]
//
// One headless Chromium: open the file through "Open CSV files" and wait for its report; wait
// until the session (the file as a Blob, and the document) is in IndexedDB; reload. From the
// reload on, the page records its long tasks (over 50 ms) and the lag of a 50 ms timer, and
// this script clicks "Start over" (then "Keep working") every `probes-ms`, timing each click
// until its confirmation is on the screen, until "Restored your session from …" shows with the
// report. Expects dist/ to be built and the file generated (`make dist`, bench/generate.mjs).

import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import { DIST, control, eventually, launchBrowser } from '../tests/e2e/app.mjs';
import { serveDirectory } from '../tests/e2e/server.mjs';
import { DEFAULT_FILE } from './generate.mjs';

const { values: args } = parseArgs({
  options: { file: { type: 'string', default: DEFAULT_FILE }, 'probes-ms': { type: 'string', default: '250' } },
});
const MINUTE = 60_000;

/** Runs in the page before its scripts: long tasks and the lag of a 50 ms timer. */
function instrument() {
  const bench = { longTasks: [], maxLag: 0, lags: 0 };
  window.__restoreBench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  let expected = performance.now() + 50;
  setInterval(() => {
    const now = performance.now();
    bench.maxLag = Math.max(bench.maxLag, now - expected);
    bench.lags += 1;
    expected = now + 50;
  }, 50);
}

/** The report's row count once the quality report shows it, else null. */
function reportRows() {
  const report = document.querySelector('section[aria-label="Data quality report"]');
  const rows = /Rows\s+([\d,]+)/.exec(report?.innerText ?? '')?.[1];
  return rows ? Number(rows.replace(/,/g, '')) : null;
}

/** The stored document's load count and the stored files' sizes. */
function stored() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('sift');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('files')) return resolve({ loads: 0, sizes: [] });
      const tx = db.transaction(['session', 'files']);
      const doc = tx.objectStore('session').get('current');
      const files = tx.objectStore('files').getAll();
      tx.oncomplete = () =>
        resolve({ loads: doc.result ? JSON.parse(doc.result).loads.length : 0, sizes: files.result.map((f) => f.size) });
      tx.onerror = () => reject(tx.error);
    };
  });
}

const server = await serveDirectory(DIST);
const browser = await launchBrowser();
try {
  const bytes = statSync(args.file).size;
  const context = await browser.newContext();
  context.setDefaultTimeout(5 * MINUTE);
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(`${server.url}/`, { waitUntil: 'load' });
  await page.getByRole('button', { name: 'Load sample data' }).waitFor();

  const opened = Date.now();
  await control(page, 'Open CSV files').setInputFiles(args.file);
  const rows = await page.waitForFunction(reportRows, null, { polling: 500, timeout: 5 * MINUTE }).then((h) => h.jsonValue());
  const openSeconds = (Date.now() - opened) / 1000;
  const storedAt = Date.now();
  await eventually(() => page.evaluate(stored), (s) => s.loads === 1 && s.sizes[0] === bytes, {
    what: 'the file and the document in IndexedDB',
    timeout: 5 * MINUTE,
  });
  const storeSeconds = (Date.now() - storedAt) / 1000;

  const reloaded = Date.now();
  await page.reload({ waitUntil: 'load' });
  const startOver = page.getByRole('button', { name: 'Start over' });
  await startOver.waitFor();
  const appSeconds = (Date.now() - reloaded) / 1000;
  const clicks = [];
  let restoredSeconds = null;
  while (Date.now() - reloaded < 5 * MINUTE) {
    const restored = await page.evaluate(reportRows);
    if (restored && (await page.locator('.session-note').innerText()).startsWith('Restored your session from')) {
      restoredSeconds = (Date.now() - reloaded) / 1000;
      break;
    }
    const before = Date.now();
    await startOver.click();
    await page.getByRole('button', { name: 'Keep working' }).waitFor();
    clicks.push(Date.now() - before);
    await page.getByRole('button', { name: 'Keep working' }).click();
    await page.waitForTimeout(Number(args['probes-ms']));
  }
  const bench = await page.evaluate(() => window.__restoreBench);
  const longest = bench.longTasks.reduce((a, b) => (b.duration > a.duration ? b : a), { duration: 0, start: 0 });
  const result = {
    file: args.file,
    mb: bytes / 1e6,
    rows,
    openSeconds,
    storeSeconds,
    appSeconds,
    restoredSeconds,
    clicks: clicks.length,
    slowestClickMs: Math.max(0, ...clicks),
    medianClickMs: clicks.sort((a, b) => a - b)[Math.floor(clicks.length / 2)] ?? null,
    longestTaskMs: longest.duration,
    longestTaskAtMs: longest.start,
    longTasksOver100: bench.longTasks.filter((t) => t.duration > 100).length,
    maxTimerLagMs: bench.maxLag,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  await server.close();
}
