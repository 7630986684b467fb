// End-to-end test of setup links (issue 20, item 5; "Done when" (e)): a teacher sets up the wine
// sample with recipe steps, a target, an algorithm and a non-default hyperparameter, presses
// "Copy link to this setup", and the link opened in a fresh browser (no shared storage) shows
// the same sample, recipe, target, algorithm and hyperparameters, and trains. A link made on the
// user's own file asks for that file, and the recipe is there once it is opened; a garbled link
// says so and the page works on. When dist-single/sift.html is built, a link opens from file://.
//
//   SIFT_DIST=$PWD/dist node --test tests/e2e/setup_link.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { axeViolations, describeViolations } from './axe.mjs';
import {
  DIST, FIXTURES, JOB_TIMEOUT, REPO, addStep, control, eventually, guardContext, openApp, recipeSteps, shape, stepper, textOf,
  train, upload, waitForVisibleText,
} from './app.mjs';

const SINGLE = process.env.SIFT_SINGLE ?? join(REPO, 'dist-single/sift.html');

describe('Setup links in headless Chromium', { timeout: 900_000 }, () => {
  let app;
  let page;
  let dir;
  /** What the teacher's page showed, compared with the page the link opens. */
  let taught;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: build the app first`);
    dir = await mkdtemp(join(tmpdir(), 'sift-link-'));
    app = await openApp();
    page = app.page;
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
  });

  after(async () => {
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const step = stepper(it, () => app, { timeout: 180_000 });
  const region = (p, name) => p.getByRole('region', { name, exact: true });
  const training = (p) => region(p, 'Training');
  const stepTexts = async (p) => (await recipeSteps(p).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  const notice = (p) => p.locator('.link-notice');

  /** The setup a page shows: dataset, recipe, Train choices. */
  async function setupOf(p) {
    return {
      file: await textOf(region(p, 'Data').locator('.file-name')),
      steps: await stepTexts(p),
      target: await control(p, 'Target column').inputValue(),
      algorithm: await control(p, 'Algorithm').inputValue(),
      k: await control(training(p), 'Neighbours (k)').inputValue(),
      seed: await control(p, 'Seed').inputValue(),
    };
  }

  /** Presses the button in `where` and returns the link it copied (and shows). */
  async function copyLink(p, where) {
    await where.getByRole('button', { name: 'Copy link to this setup' }).click();
    await eventually(() => textOf(where.locator('.setup-link-message')), (t) => t.startsWith('Link copied'), { what: 'the link copied' });
    const copied = await p.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^http:\/\/127\.0\.0\.1:\d+\/#setup=1\.[A-Za-z0-9_-]+$/, copied);
    assert.equal(await control(where, 'Link to this setup').inputValue(), copied, 'the field shows the copied link');
    return copied;
  }

  /** A page in a fresh context (nothing shared with the teacher's), watched by its own guard. */
  async function freshPage() {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(JOB_TIMEOUT);
    const guard = guardContext(context, app.server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.url });
    const p = guard.watch(await context.newPage());
    return { context, guard, page: p };
  }

  /** Fails on anything the fresh page reported, then closes it. */
  async function closeFresh(fresh) {
    const { problems } = fresh.guard.take();
    await fresh.context.close();
    assert.deepEqual(problems, [], 'the page opened from the link reported problems');
  }

  step('the teacher sets up the wine sample, trains k-NN with k = 9 and copies the link', [], async () => {
    await control(page, 'Sample dataset').selectOption('wine');
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await waitForVisibleText(page, shape(178, 14));
    await addStep(page, { step: 'Drop column', columns: ['proline'] });
    await addStep(page, { step: 'Impute missing', columns: ['alcohol', 'ash'], strategy: 'Median' });
    await eventually(() => recipeSteps(page).count(), (n) => n === 2, { what: 'two recipe steps' });
    await control(page, 'Algorithm').selectOption('knn');
    await control(training(page), 'Neighbours (k)').fill('9');
    await control(page, 'Seed').fill('7');
    await train(page, { target: 'cultivar', algorithm: 'knn', expect: /Accuracy\s*\S*\d/ });
    taught = await setupOf(page);
    assert.equal(taught.k, '9');
    assert.ok(taught.steps.length >= 2, `the recipe: ${taught.steps}`);
    taught.link = await copyLink(page, training(page));
  });

  step('the link opens the same setup in a fresh browser, which trains', ['the teacher sets up the wine sample, trains k-NN with k = 9 and copies the link'], async () => {
    const fresh = await freshPage();
    try {
      const p = fresh.page;
      await p.goto(taught.link, { waitUntil: 'load' });
      const n = taught.steps.length;
      await eventually(() => textOf(notice(p)), (t) => t.includes(`Set up from a link: Wine cultivars, ${n} recipe steps, k-nearest neighbours.`), {
        what: 'the link notice',
      });
      await waitForVisibleText(p, shape(178, 14));
      const { link: _, ...expected } = taught;
      assert.deepEqual(await setupOf(p), expected);
      assert.equal(new URL(p.url()).hash, '', 'the link is taken out of the address');
      // The notice, and the copied link in its field, pass axe like the rest of the page.
      assert.equal(await copyLink(p, region(p, 'Export')), taught.link, 'the same setup makes the same link');
      const violations = await axeViolations(p);
      assert.deepEqual(violations, [], describeViolations(violations));
      await p.getByRole('button', { name: 'Train model' }).click();
      const summary = training(p).getByRole('group', { name: 'Training summary' });
      await eventually(() => textOf(summary), (t) => /Classification of “cultivar” with k-nearest neighbours, trained on wine\.csv\./.test(t), {
        what: 'a k-NN model of the wine',
      });
      assert.match(await textOf(summary), /Neighbours \(k\) = 9\b/);
    } finally {
      await closeFresh(fresh);
    }
  });

  step('a link made on the user’s own file asks for it, and sets the recipe once it is opened', [], async () => {
    const plants = join(dir, 'plants.csv');
    await copyFile(join(FIXTURES, 'small_classification.csv'), plants);
    const teacher = await freshPage();
    let steps;
    let link;
    try {
      const p = teacher.page;
      await p.goto(`${app.server.url}/`, { waitUntil: 'load' });
      await upload(p, [plants]);
      await waitForVisibleText(p, shape(40, 6));
      await addStep(p, { step: 'Drop column', columns: ['note'] });
      await eventually(() => stepTexts(p), (s) => s.length === 1, { what: 'the one recipe step' });
      await control(p, 'Target column').selectOption('color');
      await control(p, 'Algorithm').selectOption('decision_tree');
      steps = await stepTexts(p);
      link = await copyLink(p, region(p, 'Export'));
      // The link names the file and the recipe's columns, and carries no value of the file.
      const json = inflateSync(Buffer.from(link.split('#setup=1.')[1], 'base64url')).toString();
      assert.match(json, /"data":\{"kind":"files","names":\["plants\.csv"\]\}/, json);
      for (const value of ['leafy plant', 'green', '57.3', '2024-01-04']) assert.ok(!json.includes(value), `${value} in ${json}`);
    } finally {
      await closeFresh(teacher);
    }

    const fresh = await freshPage();
    try {
      const p = fresh.page;
      await p.goto(link, { waitUntil: 'load' });
      await eventually(() => textOf(notice(p)), (t) => t.includes('This link sets up 1 recipe step and Decision tree for plants.csv: open that file.'), {
        what: 'the request for the file',
      });
      assert.deepEqual(await stepTexts(p), steps, 'the recipe is set before the file is opened');
      await upload(p, [plants]);
      await waitForVisibleText(p, shape(40, 6));
      await eventually(() => textOf(notice(p)), (t) => t.includes('Set up from a link: plants.csv, 1 recipe step, Decision tree.'), { what: 'the notice once opened' });
      assert.deepEqual(await stepTexts(p), steps, 'the recipe is there once the file is opened');
      assert.equal(await control(p, 'Target column').inputValue(), 'color');
      assert.equal(await control(p, 'Algorithm').inputValue(), 'decision_tree');
      assert.equal(new URL(p.url()).hash, '');
    } finally {
      await closeFresh(fresh);
    }
  });

  step('a garbled link says so, and the page works on', [], async () => {
    const fresh = await freshPage();
    try {
      const p = fresh.page;
      await p.goto(`${app.server.url}/#setup=1.not*a*link`, { waitUntil: 'load' });
      const alert = region(p, 'Data').getByRole('alert');
      await eventually(() => textOf(alert), (t) => /This setup link is damaged .*copy the whole link again/.test(t), { what: 'the damaged-link message' });
      await p.getByRole('button', { name: 'Load sample data' }).click();
      await waitForVisibleText(p, shape(344, 8));
      // A new page: going to another fragment of the same address would not reload the app.
      const q = fresh.guard.watch(await fresh.context.newPage());
      await q.goto(`${app.server.url}/#setup=7.abc`, { waitUntil: 'load' });
      await eventually(() => textOf(region(q, 'Data').getByRole('alert')), (t) => /newer version of Sift \(link format 7/.test(t), { what: 'the newer-link message' });
    } finally {
      await closeFresh(fresh);
    }
  });

  step('a link opens the one-file build from file:// too', ['the teacher sets up the wine sample, trains k-NN with k = 9 and copies the link'], async (t) => {
    if (!existsSync(SINGLE)) return t.skip(`${SINGLE} is missing (make single)`);
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(JOB_TIMEOUT);
    const guard = guardContext(context, 'null');
    try {
      const p = guard.watch(await context.newPage());
      const fragment = new URL(taught.link).hash;
      await p.goto(`${pathToFileURL(SINGLE).href}${fragment}`, { waitUntil: 'load' });
      await eventually(() => textOf(notice(p)), (text) => text.includes('Set up from a link: Wine cultivars'), { what: 'the link notice' });
      await waitForVisibleText(p, shape(178, 14));
      assert.deepEqual(await stepTexts(p), taught.steps);
      assert.equal(await control(training(p), 'Neighbours (k)').inputValue(), '9');
      // From a file, the clipboard may be refused: then the link is shown, selected, to copy.
      await training(p).getByRole('button', { name: 'Copy link to this setup' }).click();
      const field = control(training(p), 'Link to this setup');
      const link = await eventually(() => field.inputValue(), (v) => v.includes('#setup=1.'), { what: 'the link from file://' });
      assert.ok(link.startsWith(pathToFileURL(SINGLE).href), link);
      assert.deepEqual(guard.take().problems, []);
    } finally {
      await context.close();
    }
  });
});
