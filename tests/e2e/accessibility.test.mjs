// Accessibility in CI (issue 20): axe-core finds zero violations, of any impact, on the page
// empty, after loading data, after a recipe edit, after training (classification, regression,
// clustering) and in the Predict stage with predictions shown — in the light and the dark
// colour scheme, since each has its own contrasts.
//
//   SIFT_DIST=$PWD/dist node --test tests/e2e/accessibility.test.mjs
//
// Steps share one page and run in order; each runs even when an earlier one failed, so one
// run lists every violation.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, FIXTURES, addStep, control, loadSample, openApp, recipeSteps, stepper, train, waitForText } from './app.mjs';
import { axeViolations, describeViolations } from './axe.mjs';

describe('Accessibility (axe-core) in headless Chromium', { timeout: 600_000 }, () => {
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

  const step = stepper(it, () => app);

  /** No violation in either colour scheme; `where` names the state in the message. */
  async function noViolations(where) {
    const found = [];
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      const violations = await axeViolations(page);
      if (violations.length) found.push(`${colorScheme}:\n${describeViolations(violations)}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(found.length, 0, `axe-core found violations ${where}, in the colour scheme(s) ${found.join('\n')}`);
  }

  step('the empty page', [], async () => {
    await noViolations('on the empty page');
  });

  step('after loading data', [], async () => {
    await loadSample(page);
    await waitForText(page.getByRole('region', { name: 'Data quality report' }), /Duplicate rows[\s\S]*year/i);
    await noViolations('after loading the sample');
  });

  step('after a recipe edit', [], async () => {
    await addStep(page, { step: 'Impute missing', columns: ['bill_length_mm'], strategy: 'Median' });
    await recipeSteps(page).first().waitFor();
    await noViolations('after adding a recipe step');
  });

  step('after training a classifier', [], async () => {
    await train(page, { target: 'species', algorithm: 'random_forest', expect: /Accuracy\s*\S*\d/ });
    await page.getByRole('table', { name: 'Confusion matrix' }).waitFor();
    await noViolations('after training a classifier');
  });

  step('in the Predict stage', [], async () => {
    const prediction = page.getByRole('region', { name: 'Prediction' });
    await prediction.getByRole('button', { name: 'Use the model just trained' }).click();
    await control(page, 'CSV to predict').setInputFiles(join(FIXTURES, 'predict/new_penguins.csv'));
    await waitForText(prediction, /Predicted 8 rows of new_penguins\.csv/);
    await noViolations('in the Predict stage');
  });

  step('after training a regression', [], async () => {
    await train(page, { target: 'body_mass_g', algorithm: 'linear_regression', expect: /R²[\s\S]*MAE[\s\S]*RMSE/ });
    await noViolations('after training a regression');
  });

  step('after clustering', [], async () => {
    await train(page, { target: 'species', algorithm: 'kmeans', task: 'Clustering', expect: /Silhouette/ });
    await noViolations('after clustering');
  });
});
