// End-to-end test of the grouped split (issue 18, "repeated keys"): the Train form's "Group
// rows by" select offers (none) and every column but the target, training with it says the
// groups were kept on one side, cross-validation refuses more folds than groups, and (none)
// splits rows one by one again.
//
//   SIFT_DIST=$PWD/dist node --test tests/e2e/train_groups.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, alertTexts, control, eventually, loadSample, openApp, stepper, textOf } from './app.mjs';

describe('Grouped split on the Train stage', { timeout: 600_000 }, () => {
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
  const summary = () => training().getByRole('group', { name: 'Training summary' });

  async function trainAndWait(ok, what) {
    const before = (await summary().count()) ? await textOf(summary()) : '';
    await training().getByRole('button', { name: 'Train model' }).click();
    return eventually(async () => ((await summary().count()) ? textOf(summary()) : ''), (t) => t !== before && ok(t), {
      what,
      timeout: 120_000,
    });
  }

  step('offers every column but the target', [], async () => {
    await loadSample(page);
    await control(page, 'Target column').selectOption('species');
    await control(page, 'Algorithm').selectOption('decision_tree');
    const options = await control(page, 'Group rows by').locator('option').allInnerTexts();
    assert.equal(options[0], '(none)');
    assert.ok(options.includes('island'), JSON.stringify(options));
    assert.ok(!options.includes('species'), `the target is not offered: ${JSON.stringify(options)}`);
  });

  step('trains with whole islands on one side', ['offers every column but the target'], async () => {
    await control(page, 'Group rows by').selectOption('island');
    const text = await trainAndWait((t) => /kept on one side/.test(t), 'the grouped summary');
    assert.match(text, /rows of the same “island” kept on one side/, text);
  });

  step('refuses more folds than islands', ['trains with whole islands on one side'], async () => {
    const cv = training().getByRole('region', { name: 'Cross-validation' });
    await control(cv, 'Folds').fill('5');
    await cv.getByRole('button', { name: 'Cross-validate' }).click();
    const alerts = await eventually(() => alertTexts(page), (a) => a.some((x) => /cannot make 5 folds from 3 groups/.test(x)), {
      what: 'the refusal',
    });
    assert.ok(alerts.some((a) => /island/.test(a)), JSON.stringify(alerts));
  });

  step('(none) splits rows one by one again', ['trains with whole islands on one side'], async () => {
    await control(page, 'Group rows by').selectOption({ label: '(none)' });
    const text = await trainAndWait((t) => /held back for testing;/.test(t), 'the ungrouped summary');
    assert.doesNotMatch(text, /kept on one side/);
  });
});
