// One timed run in a fresh headless Chromium: open a page, choose a file through the input
// labelled "Open CSV files", wait until the page shows it is done.
//
// The clock runs inside the page: it starts at the input's `change` event (so Playwright's
// own file hand-over is not counted) and stops when `done` first returns a value, polled on
// every animation frame. The file is chosen `settleMs` after the page says it is ready, as a
// person takes longer than that to pick a file: a page's engine may still be optimizing its
// code in the background just after it got ready (Sift's did for about a second after its
// warm-up), and the benchmark should not time that. Every tool gets the same pause.

import { alertTexts, control, emulateCores, guardContext, launchBrowser } from '../tests/e2e/app.mjs';
import { watchMemory } from './memory.mjs';

/** Sift is done when the "Data quality report" region shows its row count (or an alert shows). */
function siftDone() {
  const alerts = [...document.querySelectorAll('[role=alert]')].map((a) => a.innerText.trim()).filter(Boolean);
  if (alerts.length) return { doneAt: performance.now(), error: alerts.join(' | ') };
  const report = document.querySelector('section[aria-label="Data quality report"]');
  const rows = /Rows\s+([\d,]+)/.exec(report?.innerText ?? '')?.[1];
  if (!rows) return null;
  const statuses = [...document.querySelectorAll('[role=status]')].map((s) => s.innerText.trim());
  const note = statuses.find((text) => text.startsWith('Sample:'));
  // The worker's own times, shown beside the file's size: "read in 0.91 s · report in 0.48 s".
  const size = document.querySelector('.dataset .size')?.innerText ?? '';
  const phase = (what) => Number(new RegExp(`${what} in ([\\d.]+) s`).exec(size)?.[1] ?? NaN);
  const phases = { read: phase('read'), report: phase('report') };
  return { doneAt: performance.now(), summary: { rows: Number(rows.replace(/,/g, '')), note, phases } };
}

/** Sift's page served at `url`: when it is ready (its engine warmed up), when it is done. */
export function siftPage(url) {
  return {
    url: `${url}/`,
    ready: (page) => page.getByRole('button', { name: 'Load sample data' }).waitFor({ timeout: 120_000 }),
    done: siftDone,
  };
}

/**
 * Open `url` (as on a machine with `cores` cores, when given), await `ready(page)` and
 * `settleMs` more, choose `file`, wait for `done` (a page function that returns
 * { doneAt, ... } when finished, or a falsy value). Returns { seconds,
 * memory, crashed, ... }, and with `trace` (Chromium trace categories) the trace's events from
 * the page's start, with `chosenTs`, the trace time of the file's `change` event.
 */
export async function timeOpen({ url, file, ready, done, timeout, settleMs = 1000, trace, cores }) {
  const browser = await launchBrowser();
  const memory = watchMemory(process.pid); // Chromium is a child of this process
  try {
    const context = await browser.newContext();
    const guard = guardContext(context, new URL(url).origin);
    const page = guard.watch(await context.newPage());
    let crashed = false;
    page.once('crash', () => (crashed = true)); // a pending wait then fails with "Target crashed"
    if (cores) await emulateCores(context, page, cores);
    if (trace) await browser.startTracing(page, { categories: ['devtools.timeline', ...trace] });
    await page.goto(url, { waitUntil: 'load' });
    await ready(page);
    await page.waitForTimeout(settleMs);
    await page.evaluate(() =>
      document.addEventListener('change', () => (window.benchChosenAt = performance.now()), { capture: true }),
    );
    memory.mark();
    await control(page, 'Open CSV files').setInputFiles(file);
    const outcome = await page
      .waitForFunction(done, null, { polling: 'raf', timeout })
      .then(async (handle) => ({ ...(await handle.jsonValue()), chosenAt: await page.evaluate(() => window.benchChosenAt) }))
      .catch(async (err) => ({ error: err.message.split('\n')[0], alerts: await alertTexts(page).catch(() => []) }));
    const memoryUsed = memory.stop();
    const { doneAt, chosenAt, ...rest } = outcome;
    return {
      ...rest,
      crashed,
      seconds: doneAt === undefined ? null : (doneAt - chosenAt) / 1000,
      memory: memoryUsed,
      problems: guard.problems,
      ...(trace ? traced(JSON.parse((await browser.stopTracing()).toString())) : {}),
    };
  } finally {
    memory.stop();
    await browser.close().catch(() => {});
  }
}

/** A trace's events, and the time of the input's `change` event: when the file was chosen. */
function traced(trace) {
  const events = trace.traceEvents ?? trace;
  const chosen = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change');
  return { events, chosenTs: chosen?.ts };
}
