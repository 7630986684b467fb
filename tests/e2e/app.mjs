// Shared helpers for driving the Sift app in headless Chromium: used by workflow.test.mjs and
// scripts/screenshot.mjs. Everything is found by its accessible name (the UI contract).

import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDirectory } from './server.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(REPO, 'tests/fixtures');
export const SAMPLE_CSV = join(REPO, 'public/samples/penguins.csv');
export const DIST = resolve(process.env.SIFT_DIST ?? join(REPO, 'dist'));
export const SIFT_BIN = resolve(process.env.SIFT_BIN ?? join(REPO, 'target/release/sift'));
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** A worker job (load, profile, train) can take a few seconds; be generous. */
export const JOB_TIMEOUT = 60_000;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launch Chromium (Playwright gives every launch a fresh temporary user-data-dir). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * Serve dist/ on loopback (under the sub-path `prefix`, when given), launch Chromium and open
 * the app (as on a machine with `cores` cores, when given).
 * Returns { server, browser, context, page, guard, close }.
 * `guard` records console errors, uncaught errors and requests to any other host.
 */
export async function openApp({ query = '', viewport = { width: 1280, height: 900 }, cores, prefix = '/' } = {}) {
  const server = await serveDirectory(DIST, { prefix });
  let browser;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ acceptDownloads: true, viewport });
    context.setDefaultTimeout(JOB_TIMEOUT);
    const guard = guardContext(context, server.url);
    const page = guard.watch(await context.newPage());
    if (cores) await emulateCores(context, page, cores);
    await page.goto(`${server.url}${prefix}${query}`, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Load sample data' }).waitFor({ state: 'visible' });
    const close = async () => {
      await browser.close().catch(() => {});
      await server.close();
    };
    return { server, browser, context, page, guard, close };
  } catch (err) {
    await browser?.close().catch(() => {});
    await server.close();
    throw err;
  }
}

/**
 * Make `page` say the machine has `cores` cores (`navigator.hardwareConcurrency`). Sift's page
 * passes it on to its worker, which starts a helper worker on four or more; a worker's own
 * navigator cannot be overridden.
 */
export async function emulateCores(context, page, cores) {
  await (await context.newCDPSession(page)).send('Emulation.setHardwareConcurrencyOverride', { hardwareConcurrency: cores });
}

/**
 * Record everything that must not happen on a healthy page: console messages of type error,
 * uncaught errors (page and worker), page crashes, and any request to a host other than
 * `allowedOrigin` (blob: and data: URLs are local and fine). Requests are watched for the whole
 * context; call `watch(page)` for every page opened in it.
 * `expectErrors(pattern, fn)` tolerates console/page errors matching `pattern` while `fn` runs.
 */
export function guardContext(context, allowedOrigin) {
  const problems = [];
  const tolerated = [];
  let allowed = null;

  const report = (kind, text) => {
    if (allowed && allowed.test(text)) tolerated.push(`${kind}: ${text}`);
    else problems.push(`${kind}: ${text}`);
  };
  context.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('blob:') || url.startsWith('data:')) return;
    let origin;
    try {
      origin = new URL(url).origin;
    } catch {
      origin = url;
    }
    if (origin !== allowedOrigin) problems.push(`request to another host: ${req.method()} ${url}`);
  });

  return {
    problems,
    tolerated,
    watch(page) {
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const where = msg.location()?.url;
        report('console error', where ? `${msg.text()} (at ${where})` : msg.text());
      });
      page.on('pageerror', (err) => report('uncaught error', err.stack || err.message || String(err)));
      page.on('crash', () => problems.push('the page crashed'));
      return page;
    },
    async expectErrors(pattern, fn) {
      allowed = pattern;
      try {
        return await fn();
      } finally {
        allowed = null;
      }
    },
    /** Everything recorded since the last call, then clear: { problems, tolerated }. */
    take() {
      return { problems: problems.splice(0), tolerated: tolerated.splice(0) };
    },
  };
}

/**
 * Poll `read()` until `ok(value)` holds; on timeout throw with the last value seen.
 * `fail(value)` may return a message to give up at once (e.g. an error shown on the page).
 */
export async function eventually(read, ok, { timeout = JOB_TIMEOUT, interval = 200, what = 'condition', fail } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (!lastError) {
      if (ok(last)) return last;
      const reason = fail?.(last);
      if (reason) throw new Error(`gave up waiting for ${what}: ${reason}`);
    }
    if (Date.now() > deadline) {
      const seen = lastError ? `error: ${lastError.message}` : `last value: ${JSON.stringify(last)?.slice(0, 2000)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${what}; ${seen}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Wait until the locator's visible text matches `pattern`; returns the text. */
export function waitForText(locator, pattern, opts = {}) {
  return eventually(() => locator.innerText({ timeout: 1_000 }), (text) => pattern.test(text), {
    what: `text matching ${pattern}`,
    ...opts,
  });
}

/** Normalised visible text of a locator (whitespace collapsed). */
export async function textOf(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

export const shape = (rows, cols) => `${rows} rows \u00d7 ${cols} columns`;

/** Wait until some visible element shows `text` (hidden copies, e.g. in <option>s, don't count). */
export function waitForVisibleText(page, text, { timeout = JOB_TIMEOUT } = {}) {
  return page.getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible', timeout });
}

/** Click "Load sample data" and wait for the penguins table to be shown. */
export async function loadSample(page) {
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await waitForVisibleText(page, shape(344, 8));
}

/**
 * The form control labelled `label`. The match is anchored at the start of the accessible
 * name: a control wrapped in its <label> gets a name like "Step Drop column" (label text plus
 * the control's current value), while "Recipe steps" or "Remove step 1" must not match "Step".
 */
export function control(scope, label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^\\s*${escaped}(\\s|$)`));
}

/** Upload files through the "Open CSV files" input. */
export async function upload(page, files) {
  await control(page, 'Open CSV files').setInputFiles(files);
}

/** The list of recipe steps (an ordered list named "Recipe steps"). */
export function recipeSteps(page) {
  return page.getByRole('region', { name: 'Recipe' }).getByRole('list', { name: 'Recipe steps' }).getByRole('listitem');
}

/** The "Add a step" form of the Recipe region. */
export function addStepForm(page) {
  return page.getByRole('region', { name: 'Recipe' }).getByRole('group', { name: 'Add a step' });
}

/** Add a recipe step through the "Add a step" form: its kind (by title), columns, and for
 *  an impute step what to fill with (by value, e.g. 'median'). */
export async function addStep(page, { step, columns = [], strategy }) {
  const form = addStepForm(page);
  await control(form, 'Kind of step').selectOption({ label: step });
  if (columns.length) await control(form, 'Columns').selectOption(columns);
  if (strategy) await control(form, 'Fill with').selectOption(strategy.toLowerCase());
  await form.getByRole('button', { name: 'Add step' }).click();
}

/**
 * Choose target, algorithm (CLI name = option value), task (option label) and optionally the
 * test share, press "Train model" and wait for the Evaluation region to show `expect` (a RegExp).
 */
export async function train(page, { target, algorithm, task = 'Automatic', testShare, expect }) {
  await control(page, 'Target column').selectOption(target);
  if (testShare !== undefined) await control(page, 'Test share').fill(String(testShare));
  await control(page, 'Algorithm').selectOption(algorithm);
  await control(page, 'Task').selectOption({ label: task });
  const alertsBefore = await alertTexts(page);
  const evaluation = page.getByRole('region', { name: 'Evaluation' });
  // The last model's evaluation stays on screen until the new one comes (and Leptos patches
  // it in place): wait for this training's job, seen as the button disabled while it runs.
  const button = page.getByRole('button', { name: 'Train model' });
  await button.evaluate((b) => {
    window.__siftTrainRan = false;
    new MutationObserver((_, observer) => {
      if (b.disabled) {
        window.__siftTrainRan = true;
        observer.disconnect();
      }
    }).observe(b, { attributes: true, attributeFilter: ['disabled'] });
  });
  await button.click();
  const seen = await eventually(
    async () => ({
      text: (await page.evaluate(() => window.__siftTrainRan)) && (await button.isEnabled()) ? await evaluation.innerText({ timeout: 1_000 }) : '',
      alerts: await alertTexts(page),
    }),
    ({ text }) => expect.test(text),
    {
      what: `the evaluation to show ${expect}`,
      // A new alert means the training job failed: stop waiting.
      fail: ({ alerts }) => alerts.filter((a) => !alertsBefore.includes(a)).map((a) => `alert "${a}"`).join('; '),
    },
  );
  return seen.text;
}

/** The texts of the alerts shown on the page, whitespace collapsed. */
export async function alertTexts(page) {
  const alerts = await page.getByRole('alert').allInnerTexts();
  return alerts.map((a) => a.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/**
 * Steps of one test that share a page and run in order: `step(name, needs, fn)` declares a
 * node:test `it` that is skipped when a step named in `needs` failed, adds the page's alerts
 * to a failure, and fails on any problem the page reported (see guardContext). `it` is
 * node:test's; `getApp()` returns the app opened by openApp.
 */
export function stepper(it, getApp, { timeout = 120_000 } = {}) {
  const passed = new Set();
  return function step(name, needs, fn) {
    it(name, { timeout }, async (t) => {
      const missing = needs.filter((n) => !passed.has(n));
      if (missing.length) return t.skip(`needs the step(s) that failed: ${missing.join(', ')}`);
      const app = getApp();
      let failure;
      try {
        await fn(t);
      } catch (err) {
        failure = await withAlerts(app.page, err);
      }
      const { problems, tolerated } = app.guard.take();
      for (const line of tolerated) t.diagnostic(`tolerated (expected) ${line}`);
      const list = problems.map((p) => `\n  - ${p}`).join('');
      if (failure) {
        if (list) failure.message += `\nThe page also reported:${list}`;
        throw failure;
      }
      if (list) throw new Error(`The page reported problems:${list}`);
      passed.add(name);
    });
  };
}

/** Add the texts of the alerts shown on the page (if any) to an error's message. */
export async function withAlerts(page, err) {
  const shown = await alertTexts(page).catch(() => []);
  if (shown.length) err.message += `\nAlerts on the page:\n${shown.map((a) => `  - ${a}`).join('\n')}`;
  const status = await page.locator('.status-bar').innerText({ timeout: 1_000 }).catch(() => '');
  if (status.trim()) err.message += `\nThe status bar says: ${status.replace(/\s+/g, ' ').trim()}`;
  return err;
}

/**
 * Click a download button (in `scope`, a region of the page, when two have the same name), save
 * the file into `dir`; returns { path, name, text }.
 */
export async function download(page, buttonName, dir, scope = page) {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: JOB_TIMEOUT }),
    scope.getByRole('button', { name: buttonName }).click(),
  ]);
  const failure = await dl.failure();
  if (failure) throw new Error(`download from "${buttonName}" failed: ${failure}`);
  const name = dl.suggestedFilename();
  const path = join(dir, name);
  await dl.saveAs(path);
  return { path, name, text: await readFile(path, 'utf8') };
}

/** Minimal RFC 4180 CSV parser (quotes, escaped quotes, CRLF). Returns an array of rows. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Read a number shown after `label` in `text`, e.g. "Accuracy 97.7%" -> 0.977,
 * "RMSE 312.4" -> 312.4, "1,234" -> 1234. Percentages are returned as fractions.
 */
export function numberAfter(text, label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}\\s*[:=]?\\s*(-?[0-9][0-9,]*(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*(%?)`).exec(text);
  if (!m) throw new Error(`no number after "${label}" in: ${text.slice(0, 500)}`);
  const value = Number(m[1].replace(/,/g, ''));
  return m[2] === '%' ? value / 100 : value;
}
