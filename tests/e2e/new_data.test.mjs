// End-to-end test: after training, opening another file trains on the new data. The steps Sift
// added for the first model named the first file's columns; opening other data drops them
// (the user's own steps stay) and the next training adds what the new data needs.
//
//   SIFT_DIST=$PWD/dist node --test tests/e2e/new_data.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO, loadSample, openApp, recipeSteps, shape, stepper, train, upload, waitForVisibleText } from './app.mjs';

describe('Opening other data after training', { timeout: 300_000 }, () => {
  let app;
  let page;

  before(async () => {
    app = await openApp();
    page = app.page;
  });

  after(async () => {
    await app?.close();
  });

  const step = stepper(it, () => app);

  step('the penguins train, and Sift adds its steps to the recipe', [], async () => {
    await loadSample(page);
    await train(page, { target: 'species', algorithm: 'random_forest', expect: /Accuracy/ });
    assert.ok((await recipeSteps(page).count()) > 0, 'training added automatic steps');
  });

  step('a file opened next trains too, without the last dataset’s steps', [], async () => {
    await upload(page, [join(REPO, 'public/samples/iris.csv')]);
    await waitForVisibleText(page, shape(150, 5));
    assert.equal(await recipeSteps(page).count(), 0, 'the penguins’ automatic steps are gone');
    const text = await train(page, { target: 'species', algorithm: 'random_forest', expect: /Accuracy/ });
    assert.match(text, /setosa|versicolor|virginica/, 'the evaluation is of the iris classes');
  });
});
