// End-to-end test of the one-file build (issue 20, `make single`): dist-single/sift.html opened
// straight from disk (file://, no server) loads the sample and trains, on one core and with the
// engine's helper worker (four cores), in Chromium and (when installed) in Firefox; the page asks for no file but itself, and its CSP allows
// no other host and no inline script but its own, by hash.
//
//   SIFT_SINGLE=$PWD/dist-single/sift.html node --test tests/e2e/single.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';
import { firefox } from 'playwright-core';
import { DIST, JOB_TIMEOUT, REPO, emulateCores, eventually, guardContext, launchBrowser, loadSample, stepper, train } from './app.mjs';

const SINGLE = process.env.SIFT_SINGLE ?? join(REPO, 'dist-single/sift.html');
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const run = promisify(execFile);

describe('dist-single/sift.html opened from file://', { timeout: 600_000 }, () => {
  let app;
  const requested = [];

  before(async () => {
    assert.ok(existsSync(SINGLE), `${SINGLE} is missing: run \`make single\` first`);
    const browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(JOB_TIMEOUT);
    context.on('request', (request) => requested.push(request.url()));
    // A file's origin is "null": only file:// requests pass the guard; the step below checks
    // that the only one is the page itself.
    const guard = guardContext(context, 'null');
    app = { browser, context, guard, close: () => browser.close() };
  });

  after(async () => {
    await app?.close();
  });

  const step = stepper(it, () => app, { timeout: 240_000 });

  /** Opens the file in a new page of the context (as a machine with `cores` cores). */
  async function open(cores) {
    const page = app.guard.watch(await app.context.newPage());
    if (cores) await emulateCores(app.context, page, cores);
    await page.goto(pathToFileURL(SINGLE).href, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Load sample data' }).waitFor({ state: 'visible' });
    app.page = page;
    return page;
  }

  step('opens from disk, loads the sample and trains', [], async () => {
    const page = await open();
    await loadSample(page);
    await train(page, { target: 'species', algorithm: 'logistic_regression', expect: /Accuracy\s*\S*\d/ });
  });

  step('trains with the helper worker too (four cores)', [], async () => {
    const page = await open(4);
    // The engine's worker starts its helper at once on four cores.
    await eventually(() => page.workers().length, (n) => n === 2, { what: 'the worker and its helper' });
    await loadSample(page);
    await train(page, { target: 'body_mass_g', algorithm: 'linear_regression', expect: /R²[\s\S]*MAE[\s\S]*RMSE/ });
  });

  step('opens from disk in Firefox too, loads the sample and trains', [], async (t) => {
    if (!existsSync(FIREFOX)) return t.skip(`no Firefox at ${FIREFOX} (apt-get install firefox-esr, or set FIREFOX)`);
    // Stock Firefox, driven over WebDriver BiDi (Playwright's "moz-firefox" channel).
    const browser = await firefox.launch({ channel: 'moz-firefox', executablePath: FIREFOX, headless: true, timeout: 60_000 });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      context.setDefaultTimeout(JOB_TIMEOUT);
      const guard = guardContext(context, 'null');
      const page = guard.watch(await context.newPage());
      await page.goto(pathToFileURL(SINGLE).href, { waitUntil: 'load' });
      await loadSample(page);
      await train(page, { target: 'species', algorithm: 'logistic_regression', expect: /Accuracy\s*\S*\d/ });
      assert.deepEqual(guard.take().problems, [], 'Firefox reported no problem');
    } finally {
      await browser.close();
    }
  });

  step('answers fetch of any other file of dist/ (sample data), in the page and in the worker', [], async () => {
    // A dist/ with one more file, as a build that ships its samples as files would have.
    const dir = await mkdtemp(join(tmpdir(), 'sift-single-'));
    try {
      await cp(DIST, join(dir, 'dist'), { recursive: true });
      await mkdir(join(dir, 'dist/samples'));
      const csv = 'name,value\nfirst,1\nsecond,2\n';
      await writeFile(join(dir, 'dist/samples/extra.csv'), csv);
      const out = join(dir, 'sift.html');
      await run(process.execPath, [join(REPO, 'scripts/single.mjs'), '--dist', join(dir, 'dist'), '--out', out]);
      const page = app.guard.watch(await app.context.newPage());
      await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
      await page.getByRole('button', { name: 'Load sample data' }).waitFor({ state: 'visible' });
      const read = (name) => fetch(name).then(async (r) => [r.headers.get('Content-Type'), await r.text()]);
      assert.deepEqual(await page.evaluate(read, 'samples/extra.csv'), ['text/csv', csv], 'from the page');
      assert.deepEqual(await page.evaluate(read, './samples/extra.csv'), ['text/csv', csv], 'from the page, with ./');
      const [worker] = page.workers();
      assert.deepEqual(await worker.evaluate(read, './samples/extra.csv'), ['text/csv', csv], 'from the worker');
      await page.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  step('asks for no file but itself; its CSP allows no other host and inline scripts by hash only', [], async () => {
    const self = pathToFileURL(SINGLE).href;
    const others = requested.filter((url) => url !== self && !url.endsWith('/sift.html') && !url.startsWith('blob:') && !url.startsWith('data:'));
    assert.deepEqual(others, [], 'requests other than the page itself, blob: and data: URLs');
    const csp = await app.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
    assert.doesNotMatch(scriptSrc, /'unsafe-inline'/);
    assert.match(scriptSrc, /'sha256-[A-Za-z0-9+/]+=*'/);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /connect-src 'self'/);
  });
});
