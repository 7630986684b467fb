// The whole workflow with the keyboard only (issue 20): choose a sample with the arrow keys,
// load it, add a recipe step, train, read a score's explanation, predict a CSV, download the
// predictions and the model — moving between stages with the stage navigator. Only
// keyboard.press is used on the page (a file input opened with the keyboard gets its file
// through Playwright's file chooser, standing in for the system's dialog).
//
//   SIFT_DIST=$PWD/dist node --test tests/e2e/keyboard.test.mjs
//
// Steps share one page and run in order; a step whose prerequisite failed is skipped.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, REPO, addStepForm, control, eventually, openApp, parseCsv, recipeSteps, shape, stepper, textOf, waitForText, waitForVisibleText } from './app.mjs';

describe('The workflow with the keyboard only', { timeout: 600_000 }, () => {
  let app;
  let page;
  let tmp;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: build the app first`);
    tmp = await mkdtemp(join(tmpdir(), 'sift-keyboard-'));
    app = await openApp();
    page = app.page;
  });

  after(async () => {
    await app?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const step = stepper(it, () => app, { timeout: 180_000 });
  const region = (name) => page.getByRole('region', { name, exact: true });
  const navLink = (name) => page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: new RegExp(`^${name}: `) });
  const isFocused = (locator) =>
    locator.evaluateAll((els) => els.length === 1 && els[0] === document.activeElement);

  /** Press Tab (or Shift+Tab) until `locator` has focus. */
  async function tabTo(locator, { back = false, max = 150 } = {}) {
    for (let i = 0; i <= max; i++) {
      if (await isFocused(locator)) return;
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
    throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} did not reach ${locator}; focus is on ${at}`);
  }

  /** To the navigator — back with Shift+Tab, or forward with Tab when the focus fell back to
   *  the page (a button disabled while its job runs lets go of it) — then Enter on the
   *  stage's link: focus lands in the stage. */
  async function goTo(stage, regionName) {
    const lost = await page.evaluate(() => document.activeElement === document.body);
    await tabTo(navLink(stage), { back: !lost });
    await page.keyboard.press('Enter');
    await eventually(
      () => page.evaluate(() => document.activeElement?.closest('section.stage')?.getAttribute('aria-label')),
      (name) => name === regionName,
      { what: `focus in the ${regionName} stage` },
    );
  }

  step('chooses the iris sample with the arrow keys and loads it with Enter', [], async () => {
    await tabTo(control(page, 'Sample dataset'));
    await page.keyboard.press('ArrowDown');
    assert.equal(await control(page, 'Sample dataset').inputValue(), 'iris');
    await tabTo(page.getByRole('button', { name: 'Load sample data' }));
    await page.keyboard.press('Enter');
    await waitForVisibleText(page, shape(150, 5));
  });

  step('adds a recipe step', ['chooses the iris sample with the arrow keys and loads it with Enter'], async () => {
    await goTo('Prepare', 'Recipe');
    const form = addStepForm(page);
    await tabTo(control(form, 'Columns'));
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(await control(form, 'Columns').inputValue(), 'sepal_length_cm', 'the first column is picked');
    await tabTo(form.getByRole('button', { name: 'Add step' }));
    await page.keyboard.press('Enter');
    await eventually(() => recipeSteps(page).count(), (n) => n === 1, { what: 'one step in the recipe' });
  });

  step('trains a model', ['adds a recipe step'], async () => {
    await goTo('Train', 'Training');
    await tabTo(page.getByRole('button', { name: 'Train model' }));
    await page.keyboard.press('Enter');
    const summary = region('Training').getByRole('group', { name: 'Training summary' });
    await waitForText(summary, /Classification of “species” with Random forest, trained on iris\.csv/);
  });

  step('reads the evaluation and a score’s explanation', ['trains a model'], async () => {
    await goTo('Evaluate', 'Evaluation');
    await page.keyboard.press('Tab');
    const tip = region('Evaluation').getByRole('tooltip').filter({ visible: true });
    await tip.waitFor({ state: 'visible' });
    assert.match(await textOf(region('Evaluation')), /Accuracy/);
  });

  step('predicts a CSV and downloads the predictions', ['trains a model'], async () => {
    const iris = (await readFile(join(REPO, 'public/samples/iris.csv'), 'utf8')).split('\n');
    const csv = join(tmp, 'new_irises.csv');
    await writeFile(csv, `${iris.slice(0, 6).join('\n')}\n`);

    await goTo('Predict', 'Prediction');
    const prediction = region('Prediction');
    await tabTo(prediction.getByRole('button', { name: 'Use the model just trained' }));
    await page.keyboard.press('Enter');
    await waitForText(prediction.getByRole('group', { name: 'Chosen model' }), /The model just trained/);
    await tabTo(control(page, 'CSV to predict'));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), page.keyboard.press('Space')]);
    await chooser.setFiles(csv);
    await waitForText(prediction, /Predicted 5 rows of new_irises\.csv/);
    await tabTo(prediction.getByRole('button', { name: 'Download predictions CSV' }));
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), 'new_irises-predictions.csv');
    const text = await readFile(await download.path(), 'utf8');
    const [header, ...rows] = parseCsv(text).filter((r) => r.length > 1);
    const predicted = rows.map((r) => r[header.indexOf('prediction')]);
    assert.deepEqual(predicted, Array(5).fill('setosa'), `the first five irises are setosas:\n${text}`);
  });

  step('downloads the model from Export', ['trains a model'], async () => {
    await goTo('Export', 'Export');
    await tabTo(page.getByRole('button', { name: 'Download model JSON' }));
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const model = JSON.parse(await readFile(await download.path(), 'utf8'));
    assert.ok(model.version, 'a model document');
  });
});
