// End-to-end test of Sift offline after the first load (issue 20): the first visit installs the
// service worker, which stores every file of the build; the page can be installed as an app;
// with the network off a reload opens the
// app and a sample trains; a second visit downloads nothing but the service worker's own update
// check; a new deployment shows "A new version of Sift is ready — reload", whose button
// switches the page to it and deletes the old cache.
//
//   SIFT_DIST=$PWD/dist node --test tests/e2e/offline.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, DIST, eventually, guardContext, JOB_TIMEOUT, loadSample, stepper, train } from './app.mjs';
import { serveDirectory } from './server.mjs';

const BANNER = 'A new version of Sift is ready — reload';

describe('Sift offline after the first load', { timeout: 600_000 }, () => {
  let app;
  let page;
  let site;
  let profile;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: build the app first`);
    // A copy of dist/, so that the last step can deploy a new version into it.
    site = await mkdtemp(join(tmpdir(), 'sift-offline-'));
    await cp(DIST, site, { recursive: true });
    const server = await serveDirectory(site);
    // A profile on disk, not an incognito context: Chromium installs apps from those only.
    profile = await mkdtemp(join(tmpdir(), 'sift-profile-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(JOB_TIMEOUT);
    const guard = guardContext(context, server.url);
    page = guard.watch(await context.newPage());
    const close = async () => {
      await context.close().catch(() => {});
      await server.close();
    };
    app = { server, context, page, guard, close };
  });

  after(async () => {
    await app?.close();
    for (const dir of [site, profile]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  const step = stepper(it, () => app, { timeout: 240_000 });
  const openSift = async () => {
    await page.getByRole('button', { name: 'Load sample data' }).waitFor({ state: 'visible' });
  };
  /** The paths asked of the server while `fn` runs. */
  const served = async (fn) => {
    const start = app.server.requests.length;
    await fn();
    return app.server.requests.slice(start).map((line) => line.split(' ')[1]);
  };
  /** The names of the page's caches, once the service worker is active. */
  const cacheNames = () => page.evaluate(() => navigator.serviceWorker.ready.then(() => caches.keys()));

  step('the first visit installs the service worker, which stores the whole build', [], async () => {
    await page.goto(`${app.server.url}/`, { waitUntil: 'load' });
    await openSift();
    const names = await cacheNames();
    assert.equal(names.length, 1, `one cache: ${names}`);
    const stored = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), names[0]);
    const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
    const { files } = JSON.parse(/^const BUILD = (.*);$/m.exec(sw)[1]);
    assert.deepEqual(stored.sort(), files.map((f) => `/${f}`).sort(), 'the cache holds every file of the precache list');
    for (const file of [/^index\.html$/, /^app-.*\.js$/, /^app-.*_bg\.wasm$/, /^worker\.js$/, /^worker_bg\.wasm$/, /^worker-loader\.js$/, /\.css$/, /^favicon\.svg$/, /^manifest\.webmanifest$/]) {
      assert.ok(files.some((f) => file.test(f)), `${file} is precached: ${files}`);
    }
  });

  step('the page can be installed as an app (its manifest and service worker)', ['the first visit installs the service worker, which stores the whole build'], async () => {
    const cdp = await app.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifest.errors, []);
    const parsed = JSON.parse(manifest.data);
    assert.equal(parsed.start_url, '.');
    assert.equal(parsed.display, 'standalone');
    await cdp.detach();
  });

  step('with the network off, a reload opens the app and a sample trains', ['the first visit installs the service worker, which stores the whole build'], async () => {
    await app.context.setOffline(true);
    try {
      const asked = await served(async () => {
        await page.reload({ waitUntil: 'load' });
        await openSift();
        await loadSample(page);
        await train(page, { target: 'species', algorithm: 'logistic_regression', expect: /Accuracy\s*\S*\d/ });
      });
      assert.deepEqual(asked, [], 'nothing reached the server');
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is served by the service worker');
    } finally {
      await app.context.setOffline(false);
    }
  });

  step('a second visit downloads nothing but the service worker, to check for a new version', ['the first visit installs the service worker, which stores the whole build'], async () => {
    const fromNetwork = [];
    const listener = (response) => {
      if (!response.fromServiceWorker()) fromNetwork.push(new URL(response.url()).pathname);
    };
    page.on('response', listener);
    let asked;
    try {
      asked = await served(async () => {
        await page.goto(`${app.server.url}/`, { waitUntil: 'load' });
        await openSift();
        await page.evaluate(() => navigator.serviceWorker.ready);
      });
    } finally {
      page.off('response', listener);
    }
    assert.deepEqual(asked.filter((path) => path !== '/sw.js'), [], `only sw.js reached the server; it was asked for: ${asked}`);
    assert.deepEqual(fromNetwork.filter((path) => path !== '/sw.js'), [], 'the page took every file from the service worker');
  });

  step('a new deployment shows the update banner; Reload switches to it and deletes the old cache', ['the first visit installs the service worker, which stores the whole build'], async () => {
    const [oldCache] = await cacheNames();
    // Deploy a "new version": a changed index.html, and a service worker with a new version.
    const index = await readFile(join(site, 'index.html'), 'utf8');
    await writeFile(join(site, 'index.html'), index.replace('</body>', '<!-- new version -->\n</body>'));
    const sw = await readFile(join(site, 'sw.js'), 'utf8');
    await writeFile(join(site, 'sw.js'), sw.replace(/"version":"([0-9a-f]+)"/, '"version":"$1-next"'));

    await page.reload({ waitUntil: 'load' });
    await openSift();
    const banner = page.locator('[aria-live="polite"]').filter({ hasText: BANNER });
    await banner.waitFor({ state: 'visible' });
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML.includes('<!-- new version -->')), false, 'the page still runs the old version');

    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await openSift();
    assert.equal(await page.evaluate(() => document.documentElement.outerHTML.includes('<!-- new version -->')), true, 'the page runs the new version');
    assert.equal(await banner.count(), 0, 'no banner after the switch');
    const names = await eventually(cacheNames, (n) => n.length === 1 && n[0] !== oldCache, { what: 'the old cache to be deleted' });
    assert.match(names[0], /-next$/);
  });
});
