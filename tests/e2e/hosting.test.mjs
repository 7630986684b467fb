// End-to-end test of hosting dist/ in a sub-folder (issue 20, "hosting anywhere"): served under
// /some/sub/path/ by a server that answers nothing outside it, the page starts, loads the
// sample and trains, and every file it, its workers and its service worker ask for is under
// the sub-path; the page's CSP allows no inline script but Trunk's start-up script, by hash.
//
//   SIFT_DIST=$PWD/dist node --test tests/e2e/hosting.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, loadSample, openApp, stepper, train } from './app.mjs';

const PREFIX = '/some/sub/path/';

describe('dist/ served from a sub-path', { timeout: 300_000 }, () => {
  let app;
  let page;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: build the app first`);
    app = await openApp({ prefix: PREFIX });
    page = app.page;
  });

  after(async () => {
    await app?.close();
  });

  const step = stepper(it, () => app);

  step('loads the sample and trains under the sub-path', [], async () => {
    await loadSample(page);
    await train(page, { target: 'species', algorithm: 'logistic_regression', expect: /Accuracy\s*\S*\d/ });
  });

  step('asks for nothing outside the sub-path, and for the app, the engine and the service worker inside it', [], async () => {
    const paths = app.server.requests.map((line) => line.split(' ')[1]);
    assert.deepEqual(paths.filter((path) => !path.startsWith(PREFIX)), [], 'requests outside the sub-path');
    for (const file of [/app-[0-9a-f]+_bg\.wasm$/, /worker_bg\.wasm$/, /main-[0-9a-f]+\.css$/, /sw\.js$/]) {
      assert.ok(paths.some((path) => file.test(path)), `${file} was requested; requests: ${paths.join(', ')}`);
    }
    const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
    assert.equal(new URL(scope).pathname, PREFIX, 'the service worker controls the sub-path only');
  });

  step("the served page's CSP allows inline scripts by hash only", [], async () => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src '));
    assert.ok(scriptSrc, `a script-src directive in: ${csp}`);
    assert.doesNotMatch(scriptSrc, /'unsafe-inline'/);
    assert.match(scriptSrc, /'sha256-[A-Za-z0-9+/]+=*'/);
    assert.match(csp, /default-src 'self'/, 'no other host');
  });
});
