// End-to-end check of the training benchmark's measurements (bench/learn.mjs, issue 5): on a
// small file of the benchmark's rows, training in Chromium returns the fit's own time from the
// worker (`fit_seconds`, timed around the fit with the worker's clock), the page records the
// click, the answer and the evaluation shown, and long tasks are observed.
//
//   SIFT_DIST=/tmp/dist-x node --test tests/e2e/learn_speed.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, guardContext, launchBrowser, upload } from './app.mjs';
import { serveDirectory } from './server.mjs';
import { writeLearnCsv } from '../../bench/learn_data.mjs';
import { instrumentPage, trainAndTime } from '../../bench/learn_page.mjs';

describe('training times in headless Chromium', { timeout: 300_000 }, () => {
  let server;
  let browser;
  let dir;
  let csv;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: build the app first`);
    dir = mkdtempSync(join(tmpdir(), 'sift-learn-'));
    csv = join(dir, 'learn.csv');
    await writeLearnCsv(csv, 2000);
    server = await serveDirectory(DIST);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const [algorithm, repeat] of [['logistic_regression', 2], ['random_forest', 1]]) {
    it(`${algorithm}: the worker's fit time, the whole job and the long tasks`, async () => {
      const context = await browser.newContext();
      const guard = guardContext(context, server.url);
      await context.addInitScript(instrumentPage);
      const page = guard.watch(await context.newPage());
      await page.goto(`${server.url}/`, { waitUntil: 'load' });
      await page.getByRole('button', { name: 'Load sample data' }).waitFor();
      await upload(page, csv);
      await page.getByText('2,000 rows').filter({ visible: true }).first().waitFor();
      const t = await trainAndTime(page, { algorithm, testShare: 0.25, repeat, timeout: 120_000 });
      assert.equal(t.trainRows, 1500, JSON.stringify(t));
      assert.equal(t.fitRuns.length, repeat);
      assert.ok(t.fitRuns.every((f) => Number.isFinite(f) && f >= 0), `fit times: ${t.fitRuns}`);
      assert.ok(t.fitSeconds <= t.replySeconds && t.replySeconds <= t.jobSeconds, JSON.stringify(t));
      assert.ok(t.renderSeconds >= 0 && t.replyBytes > 1000, JSON.stringify(t));
      assert.ok(Array.isArray(t.longTasks), 'the page observes long tasks');
      if (algorithm === 'random_forest') assert.ok(t.progressMessages > 0, 'the forest reports progress');
      assert.deepEqual(guard.problems, []);
      await context.close();
    });
  }
});
