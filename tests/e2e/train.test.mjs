// End-to-end test of the Train stage (issue 5): hyperparameters from the engine's schema,
// checked on the page and used by training; 5-fold cross-validation with mean ± std; a grid
// search whose best values can be applied; a leaderboard of models; clustering; and a long job
// cancelled from the status bar, after which training works again.
//
//   SIFT_DIST=/tmp/dist-x SIFT_BIN=target/release/sift node --test tests/e2e/train.test.mjs
//
// Steps share one page and run in order; a step whose prerequisite failed is skipped.
// SIFT_SCREENSHOT=path saves a screenshot of the Train stage after the leaderboard.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, alertTexts, control, eventually, loadSample, openApp, stepper, textOf } from './app.mjs';

describe('Train stage in headless Chromium', { timeout: 600_000 }, () => {
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

  const training = () => page.getByRole('region', { name: 'Training' });
  const panel = (name) => training().getByRole('region', { name });
  const summary = () => training().getByRole('group', { name: 'Training summary' });
  const idle = () =>
    eventually(() => page.getByRole('status').innerText(), (t) => t.trim() === '', { what: 'no job running', timeout: 120_000 });

  /** Waits until `read()` passes `ok`, failing at once on a new alert. */
  async function until(read, ok, what) {
    const before = await alertTexts(page);
    return eventually(async () => ({ value: await read(), alerts: await alertTexts(page) }), ({ value }) => ok(value), {
      what,
      timeout: 120_000,
      fail: ({ alerts }) => alerts.filter((a) => !before.includes(a)).map((a) => `alert "${a}"`).join('; '),
    }).then(({ value }) => value);
  }

  /** The cells of a table as text: { head: [...], rows: [[...], ...] } (body rows only). */
  function tableCells(table) {
    return table.evaluate((t) => ({
      head: [...t.querySelectorAll('thead th')].map((c) => c.innerText.trim()),
      rows: [...t.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.innerText.trim())),
    }));
  }

  /** "0.962 ± 0.018" -> { mean, std }. */
  function meanStd(text) {
    const m = /(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*±\s*([0-9][0-9,]*(?:\.[0-9]+)?)/.exec(text);
    assert.ok(m, `"${text}" reads as mean ± std`);
    return { mean: Number(m[1].replace(/,/g, '')), std: Number(m[2].replace(/,/g, '')) };
  }

  async function trainAndWait(expected) {
    const before = (await summary().count()) ? await textOf(summary()) : '';
    await training().getByRole('button', { name: 'Train model' }).click();
    return until(
      async () => ((await summary().count()) ? textOf(summary()) : ''),
      (text) => text !== before && expected.test(text),
      `the training summary to match ${expected}`,
    );
  }

  step('loads the sample', [], async () => {
    await loadSample(page);
    await control(page, 'Target column').selectOption('species');
  });

  step('changes a hyperparameter, checked on the page, and training uses it', ['loads the sample'], async () => {
    await control(page, 'Algorithm').selectOption('decision_tree');
    const depth = control(training(), 'Maximum depth');
    // The one-line explanation is linked to the field.
    const described = await depth.getAttribute('aria-describedby');
    const help = await page.locator(`[id="${described}"]`).innerText();
    assert.match(help, /questions|overfit/i, `Maximum depth is explained: "${help}"`);
    assert.equal(await depth.getAttribute('min'), '1');
    // Out of range: the field says so and training is refused with a clear alert.
    await depth.fill('0');
    await eventually(() => training().innerText(), (t) => /Maximum depth must be between 1 and/.test(t), { what: 'the field error' });
    await training().getByRole('button', { name: 'Train model' }).click();
    const alerts = await eventually(() => alertTexts(page), (a) => a.some((x) => /Check the hyperparameters/.test(x)), { what: 'the alert' });
    assert.ok(alerts.some((a) => /Maximum depth/.test(a)), JSON.stringify(alerts));
    await depth.fill('2');
    const text = await trainAndWait(/Decision tree/);
    assert.match(text, /Maximum depth = 2\b/, `the summary shows the depth used: ${text}`);
    assert.match(text, /Minimum rows to split = 2\b/, 'the other hyperparameters show their defaults');
  });

  step('cross-validates on 5 folds with mean ± std', ['changes a hyperparameter, checked on the page, and training uses it'], async () => {
    const cv = panel('Cross-validation');
    await control(cv, 'Folds').fill('5');
    await cv.getByRole('button', { name: 'Cross-validate' }).click();
    const table = cv.getByRole('table');
    await until(() => table.count(), (n) => n === 1, 'the cross-validation table');
    assert.match(await textOf(table.locator('caption')), /^5-fold cross-validation of Decision tree .*max_depth=2/);
    const { head, rows } = await tableCells(table);
    assert.deepEqual(head.slice(2), ['Fold 1', 'Fold 2', 'Fold 3', 'Fold 4', 'Fold 5']);
    const accuracy = rows.find((r) => r[0] === 'Accuracy');
    assert.ok(accuracy, JSON.stringify(rows));
    const { mean, std } = meanStd(accuracy[1]);
    const folds = accuracy.slice(2).map(Number);
    const avg = folds.reduce((a, b) => a + b, 0) / folds.length;
    const sd = Math.sqrt(folds.reduce((a, b) => a + (b - avg) ** 2, 0) / folds.length);
    assert.ok(mean > 0.7 && mean <= 1, `mean accuracy ${mean}`);
    assert.ok(Math.abs(mean - avg) <= 0.002, `the mean ${mean} is the folds' average ${avg}`);
    assert.ok(Math.abs(std - sd) <= 0.002, `the std ${std} is the folds' spread ${sd}`);
  });

  step('runs a small grid search and applies the best values', ['loads the sample'], async () => {
    await control(page, 'Algorithm').selectOption('knn');
    // The form redraws in place: the first field shows k's default, not the depth typed before.
    assert.equal(await control(training(), 'Neighbours (k)').inputValue(), '5');
    const grid = panel('Grid search');
    const k = control(grid, 'Values to try for Neighbours (k)');
    await k.fill('1, 0');
    await eventually(() => grid.innerText(), (t) => /Neighbours \(k\) must be between 1/.test(t), { what: 'the grid field error' });
    await k.fill('1, 7, 40');
    await control(grid, 'Values to try for Weighting').fill('uniform, distance');
    await eventually(() => textOf(grid.locator('.grid-count')), (t) => /^6 combinations \(at most 200\)/.test(t), { what: 'the count' });
    await control(page, 'Folds').fill('3');
    await grid.getByRole('button', { name: 'Run grid search' }).click();
    const table = grid.getByRole('table');
    await until(() => table.count(), (n) => n === 1, 'the grid search table');
    const { head, rows } = await tableCells(table);
    assert.deepEqual(head.slice(0, 3), ['Neighbours (k)', 'Weighting', 'Mean Accuracy ± std']);
    assert.equal(rows.length, 6, JSON.stringify(rows));
    const means = rows.map((r) => meanStd(r[2]).mean);
    assert.deepEqual(means, [...means].sort((a, b) => b - a), 'best first');
    assert.equal(rows[0][3], 'Best');
    const [bestK, bestWeights] = rows[0];
    await grid.getByRole('button', { name: 'Use the best values' }).click();
    await eventually(() => control(training(), 'Neighbours (k)').inputValue(), (v) => v === bestK, { what: `k = ${bestK} in the form` });
    assert.equal(await control(training(), 'Weighting').inputValue(), bestWeights);
    const text = await trainAndWait(/k-nearest neighbours/);
    assert.match(text, new RegExp(`Neighbours \\(k\\) = ${bestK}\\b`), text);
    assert.match(text, new RegExp(`Weighting = ${bestWeights}\\b`), text);
  });

  step('compares models on a sorted leaderboard', ['loads the sample'], async (t) => {
    const compare = panel('Compare models');
    for (const name of ['Logistic regression', 'Decision tree', 'Random forest', 'k-nearest neighbours', 'Naive Bayes']) {
      await compare.getByRole('checkbox', { name }).check();
    }
    await compare.getByRole('checkbox', { name: 'Support vector machine' }).uncheck();
    await compare.getByRole('button', { name: 'Compare models' }).click();
    const board = compare.getByRole('table', { name: 'Leaderboard' });
    await until(() => board.count(), (n) => n === 1, 'the leaderboard');
    let { head, rows } = await tableCells(board);
    assert.equal(rows.length, 5, JSON.stringify(rows));
    const col = (name) => head.indexOf(name);
    assert.ok(col('Accuracy') > 0 && col('Macro F1') > 0, JSON.stringify(head));
    const accuracy = rows.map((r) => Number(r[col('Accuracy')]));
    assert.ok(accuracy.every((a) => a > 0.5 && a <= 1), JSON.stringify(rows));
    assert.deepEqual(accuracy, [...accuracy].sort((a, b) => b - a), 'sorted by accuracy, best first');
    // Ranked by a loss, smaller is better.
    await control(compare, 'Rank by').selectOption({ label: 'Log loss' });
    ({ head, rows } = await tableCells(board));
    const losses = rows.map((r) => Number(r[col('Log loss')].replace(/,/g, ''))).filter((x) => !Number.isNaN(x));
    assert.ok(losses.length >= 3, JSON.stringify(rows));
    assert.deepEqual(losses, [...losses].sort((a, b) => a - b), 'sorted by log loss, smallest first');
    assert.match(await textOf(board.locator('caption')), /Log loss \(lower is better\)/);
    if (process.env.SIFT_SCREENSHOT) {
      await training().screenshot({ path: process.env.SIFT_SCREENSHOT });
      t.diagnostic(`screenshot: ${process.env.SIFT_SCREENSHOT}`);
    }
    // A row trains its model.
    const top = rows[0][1];
    await board.getByRole('button', { name: `Train ${top}` }).click();
    const text = await until(() => textOf(summary()), (s) => s.includes(`with ${top}`), `a summary of ${top}`);
    assert.match(text, /Hyperparameters: /);
  });

  step('clusters without a target', ['loads the sample'], async () => {
    await control(page, 'Task').selectOption({ label: 'Clustering' });
    assert.equal(await control(page, 'Algorithm').inputValue(), 'kmeans', 'a clustering algorithm is chosen');
    assert.ok(await control(page, 'Target column').isDisabled(), 'no target needed');
    await control(training(), 'Clusters (k)').fill('3');
    const text = await trainAndWait(/Clustering with k-means/);
    assert.match(text, /344 rows grouped/);
    assert.match(text, /Clusters \(k\) = 3/);
    await control(page, 'Task').selectOption({ label: 'Automatic' });
    assert.notEqual(await control(page, 'Algorithm').inputValue(), 'kmeans');
  });

  step('cancels a long grid search and trains again', ['loads the sample'], async () => {
    await control(page, 'Target column').selectOption('species');
    await control(page, 'Algorithm').selectOption('random_forest');
    const grid = panel('Grid search');
    await control(grid, 'Values to try for Trees').fill('1000, 2000, 3000, 4000, 5000');
    await control(grid, 'Values to try for Maximum depth').fill('none, 20');
    await control(page, 'Folds').fill('10');
    await grid.getByRole('button', { name: 'Run grid search' }).click();
    const status = page.getByRole('status');
    await eventually(() => status.innerText(), (t) => /Grid search of Random forest: 10 combinations × 10 folds/.test(t), {
      what: 'the job in the status bar',
    });
    // The bar moves: the worker reports progress.
    const progress = status.getByRole('progressbar', { name: 'Progress' });
    await eventually(() => progress.getAttribute('value'), (v) => Number(v) > 0, { what: 'progress above 0', timeout: 60_000 });
    await status.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => alertTexts(page), (a) => a.some((x) => /Cancelled “Grid search of Random forest/.test(x)), {
      what: 'the cancel message',
    });
    await idle();
    assert.equal(await grid.getByRole('table').count(), 0, 'no result from the cancelled search');
    // The data is back: a fresh job on it succeeds.
    await control(page, 'Algorithm').selectOption('decision_tree');
    await control(training(), 'Maximum depth').fill('3');
    const text = await trainAndWait(/Decision tree/);
    assert.match(text, /Maximum depth = 3\b/);
    assert.match(text, /rows for training/);
  });
});
