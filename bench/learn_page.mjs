// The page side of bench/learn.mjs: what is installed in the page before Sift starts, and one
// timed training driven through the Train stage's accessible names.

import { eventually } from '../tests/e2e/app.mjs';

/**
 * Runs in the page before any of its scripts (context.addInitScript): records the main
 * thread's long tasks, the worker's training reply (when it arrives, its size, the
 * `fit_seconds` and `train_rows` of its summary) and the moment a "Train" button is clicked,
 * into `window.__learnBench`. Self-contained: Playwright serializes it.
 */
export function instrumentPage() {
  const bench = { longTasks: [], reply: null, clickAt: null, progress: 0 };
  window.__learnBench = bench;
  try {
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    });
    observer.observe({ type: 'longtask', buffered: true });
  } catch {
    bench.longTasks = null; // not supported: reported as unknown
  }
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        const at = performance.now();
        const data = event.data;
        if (typeof data !== 'string') return;
        if (data.startsWith('{"kind":"progress"')) bench.progress += 1;
        else if (data.includes('"kind":"trained"')) {
          const number = (key) => Number(new RegExp(`"${key}":(-?[0-9.eE+]+)`).exec(data)?.[1]);
          bench.reply = { at, bytes: data.length, fitSeconds: number('fit_seconds'), trainRows: number('train_rows') };
        }
      });
    }
  };
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button && /^Train( model)?$/.test(button.textContent.trim())) bench.clickAt = performance.now();
    },
    { capture: true },
  );
}

/** The Evaluation region shows a new evaluation, or an alert not seen before the click. */
function evaluationShown(alertsBefore) {
  const alerts = [...document.querySelectorAll('[role=alert]')].map((a) => a.innerText.trim()).filter(Boolean);
  const fresh = alerts.filter((a) => !alertsBefore.includes(a));
  if (fresh.length) return { doneAt: performance.now(), error: fresh.join(' | ') };
  const text = document.querySelector('section[aria-label="Evaluation"]')?.innerText ?? '';
  return /Accuracy/.test(text) && /Measured on/.test(text) ? { doneAt: performance.now() } : null;
}

/**
 * Chooses the target ("target"), `algorithm` (its option value) and the test share, clicks
 * "Train model", waits for the evaluation and returns the times in seconds and the long tasks.
 */
export async function trainAndTime(page, { algorithm, testShare, repeat = 1, timeout = 30 * 60_000 }) {
  await page.getByRole('combobox', { name: /^Target/ }).first().selectOption('target');
  await page.getByRole('combobox', { name: /^Algorithm/ }).first().selectOption(algorithm);
  const share = page.getByLabel(/^Test share/).first();
  if (await share.count()) await share.fill(String(testShare));
  // Any job the choices started (a report for the new target) finishes first.
  const running = page.getByRole('status').getByRole('button', { name: 'Cancel' });
  await eventually(() => running.count(), (n) => n === 0, { timeout: 120_000, what: 'the running job to finish' });
  const alertsBefore = await page.evaluate(() => [...document.querySelectorAll('[role=alert]')].map((a) => a.innerText.trim()));
  await page.getByRole('button', { name: /^Train( model)?$/ }).first().click();
  const handle = await page.waitForFunction(evaluationShown, alertsBefore, { polling: 'raf', timeout });
  const { doneAt, error } = await handle.jsonValue();
  if (error) throw new Error(`training failed: ${error}`);
  await page.waitForTimeout(1_000); // long-task entries are delivered asynchronously
  const bench = await page.evaluate(() => window.__learnBench);
  const { clickAt, reply } = bench;
  const fitRuns = [reply?.fitSeconds ?? null];
  for (let run = 1; run < repeat; run++) fitRuns.push(await trainAgain(page, timeout));
  const during = bench.longTasks?.filter((t) => t.start >= clickAt && t.start <= doneAt) ?? null;
  const longest = during?.reduce((a, b) => (b.duration > a.duration ? b : a), during[0]);
  const describe = (t) => t && { duration: t.duration, afterClick: (t.start - clickAt) / 1000, afterReply: reply ? (t.start - reply.at) / 1000 : null };
  return {
    jobSeconds: (doneAt - clickAt) / 1000,
    fitSeconds: fitRuns.every((f) => typeof f === 'number') ? Math.min(...fitRuns) : null,
    fitRuns,
    replySeconds: reply ? (reply.at - clickAt) / 1000 : null,
    renderSeconds: reply ? (doneAt - reply.at) / 1000 : null,
    replyBytes: reply?.bytes ?? null,
    trainRows: reply?.trainRows ?? null,
    progressMessages: bench.progress,
    longestTask: describe(longest) ?? null,
    longTasksOver100: during?.filter((t) => t.duration > 100).length ?? null,
    longTasks: during?.map(describe) ?? null,
  };
}

/** Clicks "Train model" once more and returns the fit's seconds from the worker's new reply. */
async function trainAgain(page, timeout) {
  const before = await page.evaluate(() => window.__learnBench.reply?.at ?? null);
  await page.getByRole('button', { name: /^Train( model)?$/ }).first().click();
  const handle = await page.waitForFunction((at) => window.__learnBench.reply?.at !== at && window.__learnBench.reply, before, { timeout });
  return (await handle.jsonValue()).fitSeconds;
}
