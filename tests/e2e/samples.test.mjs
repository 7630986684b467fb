// End-to-end test of the bundled sample datasets (issue 20): the "Sample dataset" chooser shows
// each sample's description, target, task, source and licence; "Load sample data" loads the
// chosen one (the penguins by default); the Train stage suggests its target; and training with
// every default (random forest, automatic task, 25% test share, seed 42) scores sensibly.
//
//   SIFT_DIST=$PWD/dist node --test tests/e2e/samples.test.mjs
//
// The thresholds sit well below what the defaults reach (measured on the first build: penguins
// 0.988, iris 0.947, wine 0.978, breast cancer 0.944 accuracy; diabetes 0.544, Grunfeld 0.928,
// CO₂ 0.999 R²) and far above what a broken model gets (chance: accuracy 1/classes, at most 0.63
// for the majority class of breast cancer; R² about 0): they catch a sample that lost its target,
// was read with the wrong types or trains on the wrong task, without flaking when the engine's
// forest changes a little. Diabetes is a weak signal (published R² about 0.5), hence 0.25.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, control, eventually, numberAfter, openApp, shape, stepper, textOf, waitForVisibleText } from './app.mjs';

/** Each sample: its option value and label, shape, suggested target, task and least score. */
const SAMPLES = [
  { name: 'penguins', title: 'Palmer penguins', rows: 344, cols: 8, target: 'species', task: 'classification', least: { Accuracy: 0.9 } },
  { name: 'iris', title: 'Iris flowers', rows: 150, cols: 5, target: 'species', task: 'classification', least: { Accuracy: 0.85 } },
  { name: 'wine', title: 'Wine cultivars', rows: 178, cols: 14, target: 'cultivar', task: 'classification', least: { Accuracy: 0.85 } },
  { name: 'breast_cancer', title: 'Breast cancer diagnosis', rows: 569, cols: 11, target: 'diagnosis', task: 'classification', least: { Accuracy: 0.85 } },
  { name: 'diabetes', title: 'Diabetes progression', rows: 442, cols: 11, target: 'progression', task: 'regression', least: { 'R²': 0.25 } },
  { name: 'grunfeld', title: 'Grunfeld investment', rows: 220, cols: 5, target: 'invest', task: 'regression', least: { 'R²': 0.7 } },
  { name: 'co2', title: 'Mauna Loa CO₂', rows: 2284, cols: 2, target: 'co2_ppm', task: 'regression', least: { 'R²': 0.9 } },
];

describe('Sample datasets in headless Chromium', { timeout: 900_000 }, () => {
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
  const chooser = () => control(page, 'Sample dataset');
  const about = () => page.locator('#sample-about');

  step('the chooser offers at least six samples, the penguins first, each described', [], async () => {
    const options = await chooser().locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, label: o.textContent })));
    assert.ok(options.length >= 6, `at least six samples: ${JSON.stringify(options)}`);
    assert.deepEqual(options.map((o) => o.value), SAMPLES.map((s) => s.name));
    assert.deepEqual(options.map((o) => o.label), SAMPLES.map((s) => s.title));
    assert.equal(await chooser().inputValue(), 'penguins', 'the penguins are chosen by default');
    assert.equal(await chooser().getAttribute('aria-describedby'), 'sample-about');
    for (const sample of SAMPLES) {
      await chooser().selectOption(sample.name);
      const text = await textOf(about());
      assert.match(text, new RegExp(`Predict ${sample.target} \\(${sample.task}\\)`), `${sample.name}: ${text}`);
      assert.match(text, /Source: .+\. Licence: (CC0|BSD-3-Clause \(scikit-learn\)|Public domain)\./, `${sample.name}: ${text}`);
    }
    await chooser().selectOption('penguins');
  });

  for (const sample of SAMPLES) {
    step(`${sample.name}: loads, suggests “${sample.target}” and trains a sensible model with the defaults`, [], async (t) => {
      await chooser().selectOption(sample.name);
      await page.getByRole('button', { name: 'Load sample data' }).click();
      await waitForVisibleText(page, shape(sample.rows.toLocaleString('en-US'), sample.cols));
      const data = page.getByRole('region', { name: 'Data', exact: true });
      await eventually(() => textOf(data.locator('.file-name')), (n) => n === `${sample.name}.csv`, { what: `${sample.name}.csv shown` });

      await eventually(() => control(page, 'Target column').inputValue(), (v) => v === sample.target, { what: `target ${sample.target}` });
      assert.equal(await control(page, 'Task').inputValue(), 'auto', 'the task stays automatic');
      await page.getByRole('button', { name: 'Train model' }).click();
      const summary = page.getByRole('region', { name: 'Training' }).getByRole('group', { name: 'Training summary' });
      const headline = new RegExp(`${sample.task === 'classification' ? 'Classification' : 'Regression'} of “${sample.target}” with Random forest, trained on ${sample.name}\\.csv\\.`);
      await eventually(() => textOf(summary), (text) => headline.test(text), { what: `a model of ${sample.name}`, timeout: 120_000 });

      const evaluation = await textOf(page.getByRole('region', { name: 'Evaluation' }));
      for (const [metric, least] of Object.entries(sample.least)) {
        const score = numberAfter(evaluation, metric);
        t.diagnostic(`${sample.name}: ${metric} ${score}`);
        assert.ok(score >= least, `${sample.name}: ${metric} ${score} should be at least ${least}`);
      }
    });
  }
});
