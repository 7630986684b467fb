// End-to-end test of the Evaluation plots and the Predict stage (issue 5), in headless
// Chromium: ROC / precision-recall curves and importance for a classifier, a metric explained
// on keyboard focus, the regression plots, the clusters' scatter; then a downloaded model
// opened in the Predict stage with a new CSV, its predictions compared byte for byte with
// `sift predict`, and bad files refused with clear alerts while everything else stays.
//
//   SIFT_DIST=/tmp/dist SIFT_BIN=target/release/sift node --test tests/e2e/evaluate_predict.test.mjs
// With SIFT_SHOTS=DIR it also saves screenshots of the Evaluation and Prediction regions.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DIST,
  FIXTURES,
  SIFT_BIN,
  alertTexts,
  control,
  download,
  eventually,
  loadSample,
  openApp,
  parseCsv,
  stepper,
  textOf,
  train,
  waitForText,
} from './app.mjs';

const run = promisify(execFile);
const NEW_PENGUINS = join(FIXTURES, 'predict/new_penguins.csv');
const MISSING_COLUMN = join(FIXTURES, 'predict/missing_column.csv');
const CLASSES = ['Adelie', 'Chinstrap', 'Gentoo'];
const INPUT_COLUMNS = 7; // the penguins' columns but the target

describe('Evaluation plots and the Predict stage', { timeout: 400_000 }, () => {
  let app;
  let page;
  let tmp;
  const seen = {};
  const step = stepper(it, () => app);

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: build the app first`);
    assert.ok(existsSync(SIFT_BIN), `${SIFT_BIN} is missing: cargo build --release --bin sift`);
    tmp = await mkdtemp(join(tmpdir(), 'sift-e2e-predict-'));
    app = await openApp();
    page = app.page;
  });

  after(async () => {
    await app?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const region = (name) => page.getByRole('region', { name });
  const evaluation = () => region('Evaluation');
  const prediction = () => region('Prediction');
  const chart = (name) => evaluation().getByRole('img', { name });

  async function shoot(name, locator) {
    if (!process.env.SIFT_SHOTS) return;
    await page.waitForTimeout(200);
    await locator.screenshot({ path: join(process.env.SIFT_SHOTS, `${name}.png`) });
  }

  /** `sift predict MODEL CSV` as text. */
  async function cliPredict(model, csv) {
    const out = join(tmp, `cli-${Date.now()}.csv`);
    try {
      await run(SIFT_BIN, ['predict', model, csv, '-o', out], { timeout: 60_000 });
    } catch (err) {
      assert.fail(`sift predict failed (exit ${err.code}): ${err.stderr || err.message}`);
    }
    return readFile(out, 'utf8');
  }

  /** The Predictions table: header and rows as text. */
  async function predictionsTable() {
    const table = prediction().getByRole('table', { name: 'Predictions' });
    await table.waitFor({ state: 'visible' });
    const header = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
    const rows = await table.locator('tbody tr').count();
    const shown = (await table.locator('tbody tr td:first-child').allInnerTexts()).map((c) => c.trim());
    return { header, rows, shown };
  }

  /** Wait for a new alert matching `pattern`; returns its text. */
  async function alertMatching(pattern) {
    const alerts = await eventually(() => alertTexts(page), (list) => list.some((a) => pattern.test(a)), {
      what: `an alert matching ${pattern}`,
    });
    return alerts.find((a) => pattern.test(a));
  }

  step('loads the sample and trains a random forest classifier', [], async () => {
    await loadSample(page);
    await train(page, { target: 'species', algorithm: 'random_forest', expect: /Accuracy\s*\S*\d/ });
  });

  step('shows every classification score, ROC and PR curves one-vs-rest, and importance', ['loads the sample and trains a random forest classifier'], async () => {
    const text = await textOf(evaluation());
    for (const name of ['Accuracy', 'Balanced accuracy', 'Macro F1', 'Weighted F1', 'Macro precision', 'Macro recall', 'ROC AUC', 'Average precision', 'Log loss']) {
      assert.ok(text.includes(name), `the evaluation shows "${name}"`);
    }
    const roc = chart(/^ROC curves, one per class against the rest/);
    await roc.waitFor({ state: 'visible' });
    assert.equal(await roc.locator('polyline.curve').count(), CLASSES.length, 'one ROC line per class');
    const rocName = await roc.getAttribute('aria-label');
    for (const c of CLASSES) assert.match(rocName, new RegExp(`${c} against the rest \\(AUC 0\\.\\d{3}|${c} against the rest \\(AUC 1\\.000`), `the ROC chart names ${c} and its AUC`);
    const pr = chart(/^Precision-recall curves/);
    assert.equal(await pr.locator('polyline.curve').count(), CLASSES.length, 'one precision-recall line per class');
    // Each curve is drawn from the data: it starts at (0, 0) and ends at (1, 1) for ROC.
    const points = (await roc.locator('polyline.curve').first().getAttribute('points')).trim().split(/\s+/);
    assert.ok(points.length >= 3, `the ROC line has points: ${points.length}`);
    assert.ok(await roc.getByText('False positive rate').count(), 'the ROC chart labels its x axis');

    const importance = chart(/^Permutation importance of each input column/);
    assert.equal(await importance.locator('rect.bar').count(), INPUT_COLUMNS, 'one importance bar per input column');
    const importanceName = await importance.getAttribute('aria-label');
    assert.match(importanceName, /bill_length_mm|flipper_length_mm|bill_depth_mm/, 'the importance chart names the columns');

    // Confusion matrix, normalised: each actual class's row adds up to 100%.
    await evaluation().getByLabel('Share of each actual class').check();
    const matrix = evaluation().getByRole('table', { name: 'Confusion matrix' });
    await waitForText(matrix, /%/);
    for (const c of CLASSES) {
      const cells = await matrix.getByRole('row', { name: new RegExp(`^${c}`) }).getByRole('cell').allInnerTexts();
      const sum = cells.map((s) => Number(s.replace('%', ''))).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 100) < 0.5, `row ${c} adds up to 100% (${cells})`);
    }
    await evaluation().getByLabel('Counts').check();
    await shoot('evaluation-classification', evaluation());
  });

  step('explains a metric on keyboard focus', ['loads the sample and trains a random forest classifier'], async () => {
    // Start on the Train button and walk with Tab into the Evaluation scores.
    await page.getByRole('button', { name: 'Train model' }).focus();
    let focused = '';
    for (let i = 0; i < 80 && focused !== 'Accuracy'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (document.activeElement?.classList.contains('term') ? document.activeElement.textContent : ''));
    }
    assert.equal(focused, 'Accuracy', 'Tab reaches the "Accuracy" score name');
    const tip = evaluation().getByRole('tooltip').filter({ visible: true });
    await tip.waitFor({ state: 'visible' });
    assert.equal(await tip.count(), 1, 'exactly one explanation shows');
    assert.match(await tip.innerText(), /share of test rows/i, 'the explanation of accuracy');
    const describedBy = await page.evaluate(() => document.activeElement.getAttribute('aria-describedby'));
    assert.equal(await tip.getAttribute('id'), describedBy, 'the focused name is described by its explanation');
    await shoot('metric-tooltip', evaluation().locator('dl.metrics'));
    await page.keyboard.press('Tab');
    await waitForText(evaluation().getByRole('tooltip').filter({ visible: true }), /average of each class's recall/i);
  });

  step('downloads the model and predicts a new CSV in the Predict stage like sift predict', ['loads the sample and trains a random forest classifier'], async () => {
    const model = await download(page, 'Download model JSON', tmp);
    seen.model = model.path;
    seen.modelText = model.text;
    await control(page, 'Open model JSON').setInputFiles(model.path);
    const card = prediction().getByRole('group', { name: 'Chosen model' });
    await waitForText(card, /Random forest classifying “species” into 3 classes/);
    assert.match(await textOf(card), new RegExp(`From ${model.name}`), 'the card names the model file');
    await control(page, 'CSV to predict').setInputFiles(NEW_PENGUINS);
    await waitForText(prediction(), /Predicted 8 rows of new_penguins\.csv/);
    const { header, rows, shown } = await predictionsTable();
    assert.equal(rows, 8, 'the first rows are shown');
    assert.deepEqual(header.slice(0, 4), ['prediction', ...CLASSES.map((c) => `probability_${c}`)], 'the model\'s columns come first');
    assert.match(await textOf(prediction()), /not used by the model: observer/, 'the extra column is named as ignored');

    const file = await download(page, 'Download predictions CSV', tmp);
    assert.equal(file.name, 'new_penguins-predictions.csv');
    const cli = await cliPredict(model.path, NEW_PENGUINS);
    assert.ok(file.text === cli, `the downloaded predictions equal sift predict's byte for byte\npage:\n${file.text}\ncli:\n${cli}`);
    const csv = parseCsv(file.text).filter((r) => r.length > 1);
    const predicted = csv.slice(1).map((r) => r[csv[0].indexOf('prediction')]);
    assert.ok(predicted.every((p) => CLASSES.includes(p)), `every prediction is a class: ${predicted}`);
    assert.equal(predicted[2], 'Gentoo', 'the heavy long-billed Biscoe penguin is a Gentoo');
    assert.deepEqual(shown, predicted, 'the page shows the predictions of the downloaded CSV');
    assert.deepEqual([...header].sort(), [...csv[0]].sort(), 'the page shows the columns of the downloaded CSV');
    seen.predictions = file.text;
    await shoot('predict', prediction());
  });

  step('the model just trained predicts the same', ['downloads the model and predicts a new CSV in the Predict stage like sift predict'], async () => {
    await prediction().getByRole('button', { name: 'Use the model just trained' }).click();
    await waitForText(prediction().getByRole('group', { name: 'Chosen model' }), /The model just trained/);
    await waitForText(prediction(), /Predicted 8 rows/);
    const file = await download(page, 'Download predictions CSV', tmp);
    assert.ok(file.text === seen.predictions, 'the model in memory and its JSON predict the same bytes');
  });

  step('a tampered model and a CSV missing a column are refused with clear alerts', ['downloads the model and predicts a new CSV in the Predict stage like sift predict'], async () => {
    const doc = JSON.parse(seen.modelText);
    doc.features.pop();
    const tampered = join(tmp, 'tampered-model.json');
    await writeFile(tampered, JSON.stringify(doc));
    await control(page, 'Open model JSON').setInputFiles(tampered);
    const modelAlert = await alertMatching(/tampered-model\.json/);
    assert.match(modelAlert, /cannot be used: this model file is inconsistent/, modelAlert);
    assert.equal(await prediction().getByRole('alert').count(), 1, 'the alert is in the Predict stage');
    // Everything else stays: the chosen model and the predictions.
    await waitForText(prediction(), /Predicted 8 rows of new_penguins\.csv/, { timeout: 2_000 });

    await control(page, 'CSV to predict').setInputFiles(MISSING_COLUMN);
    const csvAlert = await alertMatching(/missing_column\.csv/);
    assert.match(csvAlert, /'missing_column\.csv' does not fit the model: this file lacks columns the model needs: bill_depth_mm/, csvAlert);
    await waitForText(prediction(), /Predicted 8 rows of new_penguins\.csv/, { timeout: 2_000 });
    const { rows } = await predictionsTable();
    assert.equal(rows, 8, 'the earlier predictions stay');
    await shoot('predict-alert', prediction());
  });

  step('a regression shows the predicted-vs-actual and residual plots', ['loads the sample and trains a random forest classifier'], async () => {
    await train(page, { target: 'body_mass_g', algorithm: 'linear_regression', expect: /R²[\s\S]*MAE[\s\S]*RMSE/ });
    const text = await textOf(evaluation());
    assert.match(text, /MAPE/, 'the regression shows MAPE');
    const vs = chart(/^Predicted against actual body_mass_g for \d+ test rows/);
    await vs.waitFor({ state: 'visible' });
    const n = Number((await vs.getAttribute('aria-label')).match(/for (\d+) test rows/)[1]);
    assert.ok(n > 60, `about a quarter of 342 rows are test rows (${n})`);
    assert.equal(await vs.locator('circle.dot').count(), n, 'one point per test row');
    const residuals = chart(/^Residuals \(actual minus predicted body_mass_g\)/);
    assert.equal(await residuals.locator('circle.dot').count(), n, 'one residual per test row');
    assert.ok(await residuals.getByText('Residual (actual − predicted)').count(), 'the residual axis is labelled');
    await chart(/^Permutation importance/).waitFor({ state: 'visible' });
    await shoot('evaluation-regression', evaluation());
  });

  step('clustering shows the principal-component scatter and cluster sizes', ['loads the sample and trains a random forest classifier'], async () => {
    await train(page, { target: 'species', algorithm: 'kmeans', task: 'Clustering', expect: /Silhouette/ });
    const scatter = chart(/^Scatter of \d+ rows on the first two principal components/);
    await scatter.waitFor({ state: 'visible' });
    assert.ok((await scatter.locator('circle.dot').count()) > 300, 'a point per row');
    const sizes = evaluation().getByRole('table', { name: 'Cluster sizes' });
    const rows = await sizes.locator('tbody tr').count();
    assert.ok(rows >= 2, `at least two clusters (${rows})`);
    assert.equal(await evaluation().locator('.legend li').count(), rows, 'the legend names each cluster');
    await chart(/^Permutation importance/).waitFor({ state: 'visible' });
    await shoot('evaluation-clustering', evaluation());
  });
});
