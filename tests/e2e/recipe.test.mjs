// End-to-end test of the Prepare stage's recipe editing (issue 4): a later step picks a
// column an earlier step made and its preview changes it; a step whose column is gone says
// so; "Propose clusters" groups similar spellings, the user accepts one cluster under a name
// of their choosing, and the merge shows in the preview and in the downloaded cleaned CSV.
//
//   SIFT_DIST=/tmp/dist SIFT_BIN=$PWD/target/release/sift node --test tests/e2e/recipe.test.mjs
//
// Each test opens its own page; any console error or request to another host fails it.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DIST,
  FIXTURES,
  addStep,
  addStepForm,
  control,
  download,
  eventually,
  loadSample,
  openApp,
  parseCsv,
  recipeSteps,
  shape,
  textOf,
  upload,
  waitForText,
  waitForVisibleText,
  withAlerts,
} from './app.mjs';

const CITIES = join(FIXTURES, 'city_spellings.csv');

describe('Recipe editing in headless Chromium', { timeout: 240_000 }, () => {
  let tmp;

  before(async () => {
    assert.ok(existsSync(join(DIST, 'index.html')), `${DIST}/index.html is missing: build the app first`);
    tmp = await mkdtemp(join(tmpdir(), 'sift-recipe-e2e-'));
  });

  after(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Runs `fn(page)` on a fresh page; fails on anything the page reports. */
  async function onPage(fn) {
    const app = await openApp();
    try {
      await fn(app.page);
    } catch (err) {
      throw await withAlerts(app.page, err);
    } finally {
      const problems = app.guard.problems.slice();
      await app.close();
      if (problems.length) assert.fail(`The page reported problems:\n  - ${problems.join('\n  - ')}`);
    }
  }

  /** The option values of the select labelled `label` in `scope`. */
  const optionValues = (scope, label) => control(scope, label).locator('option').evaluateAll((os) => os.map((o) => o.value));

  it('offers a column made by an earlier step to a later step, whose preview changes it', { timeout: 120_000 }, async () => {
    await onPage(async (page) => {
      await loadSample(page);
      await addStep(page, { step: 'One-hot encode', columns: ['species'] });
      const steps = recipeSteps(page);
      await eventually(() => steps.count(), (n) => n === 1, { what: 'the one-hot step in the recipe' });

      const form = addStepForm(page);
      await control(form, 'Kind of step').selectOption({ label: 'Standard scale' });
      // The column list follows the recipe: the one-hot columns replace species.
      const values = await eventually(() => optionValues(form, 'Columns'), (v) => v.includes('species_Adelie'), {
        what: 'species_Adelie among the columns the new step can pick',
      });
      assert.ok(!values.includes('species'), `species is gone after one-hot encoding it: ${values}`);
      await control(form, 'Columns').selectOption(['species_Adelie']);
      const preview = form.getByRole('region', { name: 'Step preview' });
      const text = await waitForText(preview, /changed species_Adelie/);
      assert.match(text, /All 344 rows kept|344 rows changed|of 344 rows changed/);
      const firstRows = preview.getByRole('table', { name: 'First rows before and after' });
      const header = await firstRows.getByRole('columnheader').allInnerTexts();
      assert.deepEqual(header.map((h) => h.trim()), ['species_Adelie before', 'species_Adelie after']);
      const firstRow = await firstRows.getByRole('row').nth(1).getByRole('cell').allInnerTexts();
      assert.equal(firstRow[0].trim(), '1', 'the first penguin is an Adelie');
      assert.notEqual(firstRow[1].trim(), '1', `scaling changed the 1: ${firstRow}`);
      assert.ok(Math.abs(Number(firstRow[1]) - 1.13) < 0.05, `a standard-scaled Adelie flag is about 1.13: ${firstRow}`);

      await form.getByRole('button', { name: 'Add step' }).click();
      await eventually(() => steps.count(), (n) => n === 2, { what: 'the scale step in the recipe' });
      assert.match(await textOf(steps.nth(1)), /Standard scale: species_Adelie/);

      // Removing the step that made the column: the later step says what is wrong.
      await page.getByRole('button', { name: 'Remove step 1', exact: true }).click();
      await waitForText(steps.nth(0), /cannot run here: 'species_Adelie' does not exist at this point/);
      await page.getByRole('button', { name: 'Undo' }).click();
      await eventually(() => steps.count(), (n) => n === 2, { what: 'undo to bring the one-hot step back' });
      await eventually(() => textOf(steps.nth(1)), (t) => !/cannot run here/.test(t), { what: 'the message to go away' });

      // Editing the later step in place offers the one-hot columns too.
      await page.getByRole('button', { name: 'Edit step 2' }).click();
      const edited = await eventually(() => optionValues(steps.nth(1), 'Columns'), (v) => v.includes('species_Gentoo'), {
        what: 'the one-hot columns in the edit form of step 2',
      });
      assert.ok(edited.includes('species_Adelie') && !edited.includes('species'), `${edited}`);
      if (process.env.SIFT_SCREENSHOT) await page.screenshot({ path: process.env.SIFT_SCREENSHOT, fullPage: true });

      // Removing a step while its edit form waits to ask for a preview leaves the page healthy.
      await control(steps.nth(1), 'Columns').selectOption(['species_Gentoo']);
      await page.getByRole('button', { name: 'Remove step 2', exact: true }).click();
      await eventually(() => steps.count(), (n) => n === 1, { what: 'step 2 removed' });
      await page.waitForTimeout(600); // past the form's 250 ms wait
    });
  });

  it('proposes clusters of spellings; the accepted one is merged in the preview and the cleaned CSV', { timeout: 120_000 }, async () => {
    await onPage(async (page) => {
      await upload(page, CITIES);
      await waitForVisibleText(page, shape(10, 3));
      const form = addStepForm(page);
      await control(form, 'Kind of step').selectOption({ label: 'Cluster similar spellings' });
      const propose = form.getByRole('button', { name: 'Propose clusters' });
      assert.ok(await propose.isDisabled(), 'nothing to cluster before a column is chosen');
      await control(form, 'Column').selectOption('city');
      await control(form, 'Keying').selectOption('ngram');
      await propose.click();

      const proposal = form.getByRole('region', { name: 'Proposed clusters' });
      await waitForText(proposal, /2 clusters of similar spellings among the 6 distinct values of city/);
      const first = await textOf(proposal.getByRole('list', { name: 'Values of cluster 1' }));
      assert.match(first, /“New York” × 3/);
      assert.match(first, /“new york ?” × 1/);
      assert.match(first, /“NEW-YORK” × 1/);
      assert.match(await textOf(proposal.getByRole('list', { name: 'Values of cluster 2' })), /“Boston” × 2.*“boston” × 1/);
      assert.equal(await proposal.getByLabel('New value for cluster 1').inputValue(), 'New York', 'the most frequent spelling is proposed');

      // Nothing is merged until a cluster is accepted.
      const preview = form.getByRole('region', { name: 'Step preview' });
      await waitForText(preview, /All 10 rows kept/);
      await proposal.getByLabel('Accept cluster 1').check();
      await waitForText(preview, /2 of 10 rows changed/);
      // The name is editable: every spelling of the cluster becomes it.
      await proposal.getByLabel('New value for cluster 1').fill('New York City');
      await proposal.getByLabel('New value for cluster 1').press('Tab');
      await waitForText(preview, /5 of 10 rows changed/);
      const merges = await control(form, 'Confirmed merges').inputValue();
      const [from, to] = merges.split('→').map((side) => side.trim());
      assert.equal(to, 'New York City', merges);
      assert.deepEqual(from.split(',').map((v) => v.trim()).sort(), ['NEW-YORK', 'New York', 'new york'], merges);
      assert.ok(!/Boston|boston/.test(merges), `cluster 2 was not accepted: ${merges}`);

      await form.getByRole('button', { name: 'Add step' }).click();
      await eventually(() => recipeSteps(page).count(), (n) => n === 1, { what: 'the cluster step in the recipe' });
      assert.match(await textOf(recipeSteps(page).nth(0)), /1 group into 'New York City'/);

      const csv = await download(page, 'Download cleaned CSV', tmp);
      const rows = parseCsv(csv.text).filter((r) => r.length > 1);
      const city = rows[0].indexOf('city');
      assert.ok(city >= 0, `the cleaned CSV has a city column: ${rows[0]}`);
      const counts = {};
      for (const r of rows.slice(1)) counts[r[city]] = (counts[r[city]] ?? 0) + 1;
      assert.deepEqual(counts, { 'New York City': 5, Boston: 2, boston: 1, Chicago: 2 });
    });
  });
});
