// End-to-end test of saved sessions (issue 20, "Done when" (a)): load a sample, edit the
// recipe, change the Train choices and train; reload; the same dataset, recipe (undo still
// works), model summary, evaluation and Train choices are back with "Restored your session
// from …". A CSV of the person's own (setInputFiles) comes back too; "Start over" empties the
// page and the store, and a reload stays empty; a corrupt stored document is dropped with a
// message, and the page keeps working; a setup link's setup replaces the saved session.
//
//   SIFT_DIST=dist node --test tests/e2e/session.test.mjs
//
// Steps share one page and run in order; a step whose prerequisite failed is skipped.
// SIFT_SCREENSHOT=path saves a screenshot of the Data stage after the restore.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DIST, FIXTURES, addStep, control, eventually, loadSample, openApp, recipeSteps, shape, stepper, textOf, train,
  upload, waitForText, waitForVisibleText,
} from './app.mjs';

/**
 * Runs in the page: one operation on Sift's IndexedDB database — 'document' (the stored
 * document's text, or null), 'files' (the stored files' names and sizes) or 'put' (store `text`
 * as the document).
 */
function storage([op, text]) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('sift');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('session')) return resolve(op === 'files' ? [] : null);
      const tx = db.transaction(['session', 'files'], op === 'put' ? 'readwrite' : 'readonly');
      const request =
        op === 'put'
          ? tx.objectStore('session').put(text, 'current')
          : op === 'files'
            ? tx.objectStore('files').getAll()
            : tx.objectStore('session').get('current');
      tx.oncomplete = () =>
        resolve(op === 'files' ? request.result.map((f) => ({ name: f.name, size: f.size })) : (request.result ?? null));
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** The stored document (JSON text) in the page's IndexedDB, or null. */
const storedDocument = (page) => page.evaluate(storage, ['document']);
/** The names and sizes of the files stored in the page's IndexedDB. */
const storedFiles = (page) => page.evaluate(storage, ['files']);
/** Replaces the stored document with `text`. */
const storeDocument = (page, text) => page.evaluate(storage, ['put', text]);

describe('Saved sessions in headless Chromium', { timeout: 600_000 }, () => {
  let app;
  let page;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: build the app first`);
    app = await openApp();
    page = app.page;
  });

  after(async () => {
    await app?.close();
  });

  const step = stepper(it, () => app, { timeout: 180_000 });
  const data = () => page.getByRole('region', { name: 'Data', exact: true });
  const note = () => page.locator('.session-note');
  const summary = () => page.getByRole('region', { name: 'Training' }).getByRole('group', { name: 'Training summary' });
  const evaluation = () => page.getByRole('region', { name: 'Evaluation' });
  const idle = () =>
    eventually(() => page.locator('.status-bar').innerText(), (t) => t.trim() === '', { what: 'no job running' });

  /** Waits until the stored document satisfies `ok` (parsed), and returns it. */
  async function saved(ok, what) {
    const text = await eventually(() => storedDocument(page), (t) => t !== null && ok(JSON.parse(t)), { what });
    return JSON.parse(text);
  }

  /** Reloads the page and waits for it to start. */
  async function reload() {
    await page.reload({ waitUntil: 'load' });
    await page.getByRole('button', { name: 'Load sample data' }).waitFor({ state: 'visible' });
  }

  let before_ = {};

  step('a sample, a recipe edit, Train choices and a model are saved as the person works', [], async () => {
    assert.equal(await storedDocument(page), null, 'a fresh browser has no saved session');
    await loadSample(page);
    await addStep(page, { step: 'Drop column', columns: ['island'] });
    await addStep(page, { step: 'Drop column', columns: ['sex'] });
    await eventually(() => recipeSteps(page).count(), (n) => n === 2, { what: 'two steps in the recipe' });
    await control(page, 'Seed').fill('7');
    const text = await train(page, { target: 'species', algorithm: 'decision_tree', testShare: 0.3, expect: /Accuracy/ });
    await idle();
    const doc = await saved((d) => d.model !== null && d.form.seed === '7', 'the model and the seed in the stored document');
    assert.equal(doc.format, 1);
    assert.deepEqual(doc.loads.map((l) => l.request.kind).slice(0, 1), ['load_sample']);
    assert.equal(doc.form.algorithm, 'decision_tree');
    assert.equal(doc.form.test_share, '0.3');
    assert.ok(doc.history.past.length >= 2, 'the undo history is saved');
    before_ = {
      evaluation: text,
      summary: await textOf(summary()),
      steps: await recipeSteps(page).allInnerTexts(),
    };
    await waitForText(data(), /Saved in this browser as you work: [0-9.]+ (B|kB|KB|MB)/);
  });

  step('after a reload, the dataset, recipe, model, evaluation and Train choices are back', ['a sample, a recipe edit, Train choices and a model are saved as the person works'], async () => {
    await reload();
    await waitForText(note(), /Restored your session from .+/);
    await waitForVisibleText(page, shape(344, 8));
    await eventually(() => recipeSteps(page).allInnerTexts(), (s) => JSON.stringify(s) === JSON.stringify(before_.steps), {
      what: 'the same recipe steps',
    });
    assert.equal(await textOf(summary()), before_.summary, 'the same training summary');
    assert.equal(await evaluation().innerText(), before_.evaluation, 'the same evaluation');
    assert.equal(await control(page, 'Algorithm').inputValue(), 'decision_tree');
    assert.equal(await control(page, 'Seed').inputValue(), '7');
    assert.equal(await control(page, 'Test share').inputValue(), '0.3');
    assert.equal(await control(page, 'Target column').inputValue(), 'species');
    // The model is the worker's again, without training: the Predict stage can use it.
    const predict = page.getByRole('region', { name: 'Prediction' });
    await predict.getByRole('button', { name: 'Use the model just trained' }).click();
    await waitForText(predict, /Decision tree/i);
    if (process.env.SIFT_SCREENSHOT) await data().screenshot({ path: process.env.SIFT_SCREENSHOT });
  });

  step('undo works on the restored recipe, and the undone edit is saved', ['after a reload, the dataset, recipe, model, evaluation and Train choices are back'], async () => {
    // The last edit was training's automatic steps; undo takes them back, leaving the two drops.
    const steps = recipeSteps(page);
    assert.ok((await steps.count()) > 2, 'training added automatic steps');
    await page.getByRole('button', { name: 'Undo' }).click();
    await eventually(() => steps.count(), (n) => n === 2, { what: 'undo to take back the automatic steps' });
    assert.match(await textOf(steps.nth(1)), /sex/);
    await saved((d) => d.recipe.steps.length === 2 && d.history.future.length === 1, 'the undone edit in the stored document');
  });

  step('Start over empties the page and the store, and a reload stays empty', ['undo works on the restored recipe, and the undone edit is saved'], async () => {
    await data().getByRole('button', { name: 'Start over' }).click();
    const confirm = data().getByRole('group', { name: /Start over\?/ });
    await confirm.getByRole('button', { name: 'Keep working' }).click();
    await waitForVisibleText(page, shape(344, 8));
    assert.notEqual(await storedDocument(page), null, '"Keep working" keeps the session');
    await data().getByRole('button', { name: 'Start over' }).click();
    await Promise.all([page.waitForEvent('load'), confirm.getByRole('button', { name: 'Yes, start over' }).click()]);
    await page.getByRole('button', { name: 'Load sample data' }).waitFor({ state: 'visible' });
    await reload();
    await page.waitForTimeout(1_500);
    assert.equal(await page.locator('.dataset').count(), 0, 'no dataset on the page');
    assert.equal(await recipeSteps(page).count(), 0, 'no recipe');
    assert.equal((await note().innerText()).trim(), '', 'nothing restored, nothing to say');
    const doc = await storedDocument(page);
    assert.ok(doc === null || JSON.parse(doc).loads.length === 0, `no loads stored: ${doc?.slice(0, 200)}`);
    assert.deepEqual(await storedFiles(page), []);
  });

  step("the person's own CSV file is stored and restored", ['Start over empties the page and the store, and a reload stays empty'], async () => {
    const file = join(FIXTURES, 'small_classification.csv');
    await upload(page, [file]);
    await waitForVisibleText(page, shape(40, 6));
    await saved((d) => d.loads.length === 1 && d.loads[0].files.length === 1, 'the file in the stored document');
    const files = await eventually(() => storedFiles(page), (f) => f.length === 1, { what: 'the file in the store' });
    assert.equal(files[0].name, 'small_classification.csv');
    await reload();
    await waitForText(note(), /Restored your session from .+/);
    await waitForVisibleText(page, shape(40, 6));
    await waitForText(data(), /small_classification\.csv/);
    assert.equal((await storedFiles(page)).length, 1, 'stored once, not again on each save');
  });

  step('a corrupt stored document is dropped with a message, and the page keeps working', ["the person's own CSV file is stored and restored"], async () => {
    await storeDocument(page, '{"format": 1, "loads": [{"request": {"kind": "lo');
    await reload();
    await waitForText(note(), /Your saved session could not be restored and was dropped: it is not a Sift session/);
    assert.equal(await page.locator('.dataset').count(), 0, 'nothing half-restored');
    await loadSample(page);
    await saved((d) => d.loads.length === 1, 'the new session saved over the dropped one');
    await storeDocument(page, JSON.stringify({ format: 99, sift_version: '9.0.0' }));
    await reload();
    await waitForText(note(), /saved by a newer Sift \(9\.0\.0, session format 99\)/);
  });

  step('a setup link replaces the saved session instead of restoring it', ['a corrupt stored document is dropped with a message, and the page keeps working'], async () => {
    await loadSample(page);
    const training = page.getByRole('region', { name: 'Training' });
    await training.getByRole('button', { name: 'Copy link to this setup' }).click();
    const link = await eventually(() => control(training, 'Link to this setup').inputValue(), (v) => v.includes('#setup='), {
      what: 'the setup link',
    });
    await upload(page, [join(FIXTURES, 'small_classification.csv')]);
    await waitForVisibleText(page, shape(40, 6));
    await saved((d) => d.loads.length === 2, 'the sample and the CSV in the stored document');
    // A fragment alone does not reload the page: go to the link, then reload it.
    await page.goto(link, { waitUntil: 'load' });
    await page.reload({ waitUntil: 'load' });
    await waitForVisibleText(page, shape(344, 8));
    await page.waitForTimeout(1_000);
    assert.doesNotMatch(await note().innerText(), /Restored your session/, 'the link is not mixed with the saved session');
    assert.equal(await page.locator('#dataset-select').count(), 0, 'only the link\'s dataset, not the saved two');
    await saved(
      (d) => d.loads[0]?.request.kind === 'load_sample' && !d.loads.some((l) => l.request.kind === 'load_files'),
      "the link's setup saved over the session",
    );
  });
});
