// End-to-end test of the Sift web app: serves dist/ on loopback, drives headless Chromium
// through the whole workflow by accessible names (the UI contract of issue 2), checks the
// downloads, runs `sift predict` on the downloaded model, then bad files and a worker crash.
//
// Run with `make test` (builds first) or `make e2e` (uses the existing dist/ and CLI build).
// Steps share one page and run in order; a step whose prerequisite failed is skipped.

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
  SAMPLE_CSV,
  SIFT_BIN,
  addStep,
  addStepForm,
  control,
  download,
  eventually,
  loadSample,
  numberAfter,
  openApp,
  parseCsv,
  recipeSteps,
  shape,
  textOf,
  train,
  stepper,
  upload,
  waitForText,
  waitForVisibleText,
} from './app.mjs';

const run = promisify(execFile);

const PENGUIN_TYPES = {
  species: 'category',
  island: 'category',
  bill_length_mm: 'number',
  bill_depth_mm: 'number',
  flipper_length_mm: 'integer',
  body_mass_g: 'integer',
  sex: 'category',
  year: 'integer',
};
const PENGUIN_CLASSES = ['Adelie', 'Chinstrap', 'Gentoo'];
const PENGUIN_ROWS = 344;
// 2 rows miss all four measurements, 11 rows miss sex: 4 * 2 + 11 = 19 missing cells.
const PENGUIN_MISSING_CELLS = 19;

// tests/fixtures/small_classification.csv: one column of most types, 40 rows, nothing missing.
const FIXTURE_TYPES = {
  id: 'integer',
  measured_on: 'date',
  height_cm: 'number',
  color: 'category',
  passed: 'boolean',
  note: 'text',
};

// Console errors tolerated only while the worker is deliberately crashed: the Rust panic
// message (console_error_panic_hook prints "panicked at ...") and the wasm trap that follows
// it ("RuntimeError: unreachable"). Anything else during the crash still fails the test.
const EXPECTED_CRASH_ERRORS = /panicked|unreachable/i;

describe('Sift in headless Chromium', { timeout: 280_000 }, () => {
  let app;
  let page;
  let tmp;
  const seen = {}; // facts one step learns from the page and a later step checks

  before(async () => {
    assert.ok(
      existsSync(join(DIST, 'index.html')),
      `${DIST}/index.html is missing: build the app first (make dist, or run make test)`,
    );
    tmp = await mkdtemp(join(tmpdir(), 'sift-e2e-'));
    app = await openApp({ query: '?test-hooks' });
    page = app.page;
  });

  after(async () => {
    await app?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** A step of the workflow: skipped if a step it needs failed; fails on any page problem. */
  const step = stepper(it, () => app);

  const region = (name) => page.getByRole('region', { name });
  const evaluation = () => region('Evaluation');

  async function previewHeaders() {
    const table = page.getByRole('table', { name: 'Data preview' });
    await table.waitFor({ state: 'visible' });
    const rows = await table.getByRole('row').count();
    assert.ok(rows >= 2, `the preview table shows data rows (found ${rows} rows)`);
    return (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.replace(/\s+/g, ' ').trim());
  }

  /** Every column's header cell shows its name and its inferred type. */
  function assertColumnTypes(headers, expected) {
    for (const [name, type] of Object.entries(expected)) {
      const header =
        headers.find((h) => h.split(' ')[0] === name) ?? headers.find((h) => h.includes(name));
      assert.ok(header, `preview has a header for "${name}"; headers: ${JSON.stringify(headers)}`);
      const rest = header.replace(name, ' ');
      assert.match(rest, new RegExp(`(^|[^a-z])${type}([^a-z]|$)`, 'i'), `column "${name}" shows type ${type}; header: "${header}"`);
    }
  }

  /** The quality report shows the overview and one entry (name, type) per column. */
  async function assertQualityReport(expectedTypes, numbers) {
    const report = region('Data quality report');
    await report.waitFor({ state: 'visible' });
    const text = await waitForText(report, new RegExp(Object.keys(expectedTypes).at(-1)));
    for (const label of ['Rows', 'Columns', 'Missing cells', 'Duplicate rows']) {
      assert.match(text, new RegExp(label, 'i'), `the quality report shows "${label}"`);
    }
    for (const n of numbers) {
      assert.match(text, new RegExp(`(^|[^0-9.,])${n}([^0-9.,]|$)`), `the quality report shows the number ${n}`);
    }
    for (const [name, type] of Object.entries(expectedTypes)) {
      assert.ok(text.includes(name), `the quality report has an entry for column "${name}"`);
      assert.match(text, new RegExp(type, 'i'), `the quality report mentions type "${type}"`);
    }
  }

  /** Texts of the cells of a table, row by row (header cells included). */
  async function tableRows(table) {
    const rows = table.getByRole('row');
    const out = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = rows.nth(i).locator('th, td, [role="cell"], [role="gridcell"], [role="columnheader"], [role="rowheader"]');
      out.push((await cells.allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim()));
    }
    return out;
  }

  /** Sum and diagonal of the confusion matrix (one row per class, counts in class order). */
  async function confusionCounts() {
    const matrix = await tableRows(evaluation().getByRole('table', { name: 'Confusion matrix' }));
    let total = 0;
    let diagonal = 0;
    for (const [i, cls] of PENGUIN_CLASSES.entries()) {
      const row = matrix.find((r) => r.some((c) => c.includes(cls)) && r.some((c) => /^\d[\d,]*$/.test(c)));
      assert.ok(row, `confusion matrix has a row for ${cls}: ${JSON.stringify(matrix)}`);
      const counts = row.filter((c) => /^\d[\d,]*$/.test(c)).map((c) => Number(c.replace(/,/g, ''))).slice(0, 3);
      assert.equal(counts.length, 3, `row ${cls} has 3 counts: ${JSON.stringify(row)}`);
      total += counts.reduce((a, b) => a + b, 0);
      diagonal += counts[i];
    }
    return { total, diagonal };
  }

  async function stepTexts() {
    return (await recipeSteps(page).allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
  }

  async function runPredict(model, input) {
    const out = join(tmp, `predictions-${Date.now()}.csv`);
    try {
      await run(SIFT_BIN, ['predict', model, input, '-o', out], { timeout: 60_000 });
    } catch (err) {
      assert.fail(`sift predict failed (exit ${err.code}): ${err.stderr || err.message}`);
    }
    const rows = parseCsv(await readFile(out, 'utf8')).filter((r) => r.length > 1 || r[0] !== '');
    const header = rows[0];
    const col = header.indexOf('prediction');
    assert.ok(col >= 0, `predictions have a "prediction" column; header: ${header}`);
    return { header, rows: rows.slice(1), predictions: rows.slice(1).map((r) => r[col]) };
  }

  const sampleRows = async () => parseCsv(await readFile(SAMPLE_CSV, 'utf8')).slice(1).filter((r) => r.length > 1);

  // ---------------------------------------------------------------------------------------

  step('the page loads; the crash hook exists only with ?test-hooks', [], async () => {
    assert.equal(await page.evaluate(() => typeof window.siftCrashWorker), 'function');
    const plain = app.guard.watch(await app.context.newPage());
    await plain.goto(`${app.server.url}/`);
    await plain.getByRole('button', { name: 'Load sample data' }).waitFor({ state: 'visible' });
    assert.equal(await plain.evaluate(() => typeof window.siftCrashWorker), 'undefined');
    await plain.close();
  });

  step('uploads a CSV through "Open CSV files" and infers each column type', [], async () => {
    const input = control(page, 'Open CSV files');
    assert.deepEqual(await input.evaluate((el) => [el.type, el.multiple]), ['file', true], 'a file input that takes several files');
    await upload(page, join(FIXTURES, 'small_classification.csv'));
    await waitForVisibleText(page, shape(40, 6));
    await waitForVisibleText(page, 'small_classification.csv');
    assertColumnTypes(await previewHeaders(), FIXTURE_TYPES);
    await assertQualityReport(FIXTURE_TYPES, [40, 6]);
  });

  step('adds the fix of a quality alert to the recipe in one click', ['uploads a CSV through "Open CSV files" and infers each column type'], async () => {
    const report = region('Data quality report');
    const warnings = report.getByRole('list', { name: 'Warnings' });
    await waitForText(warnings, /'id'/);
    const fix = report.getByRole('button', { name: 'Fix: Drop column: id' });
    await fix.click();
    await eventually(() => recipeSteps(page).allInnerTexts(), (texts) => texts.some((s) => s.includes('Drop column: id')), {
      what: 'the fix "Drop column: id" in the recipe',
    });
    const done = report.getByRole('button', { name: 'In the recipe ✓' });
    assert.equal(await done.count(), 1, 'the fix button now says the step is in the recipe');
    assert.ok(await done.isDisabled(), 'a fix already in the recipe cannot be added twice');
    const count = await recipeSteps(page).count();
    await page.getByRole('button', { name: `Remove step ${count}` }).click();
    await eventually(() => recipeSteps(page).count(), (n) => n === count - 1, { what: 'the fix step removed' });
  });

  step('loads the sample data with a quality report', [], async () => {
    await loadSample(page);
    await waitForVisibleText(page, 'penguins.csv');
    assertColumnTypes(await previewHeaders(), PENGUIN_TYPES);
    await assertQualityReport(PENGUIN_TYPES, [PENGUIN_ROWS, 8, PENGUIN_MISSING_CELLS]);
    const report = region('Data quality report');
    // Five numeric columns (25 cells) and three category columns (9 cells), drawn from the data.
    const pearson = report.getByRole('img', { name: 'Correlation between numeric columns (Pearson)' });
    const cramers = report.getByRole('img', { name: "Association between category columns (Cramér's V)" });
    assert.equal(await pearson.locator('rect').count(), 25);
    assert.equal(await cramers.locator('rect').count(), 9);
    // pandas: df[['flipper_length_mm', 'body_mass_g']].corr() gives 0.871202 → "0.87".
    assert.ok((await pearson.locator('title').allTextContents()).includes('flipper_length_mm and body_mass_g: 0.87'));
    // Spearman on request: the worker profiles again and a third heatmap appears.
    const spearmanBox = report.getByLabel(/Spearman rank correlation/);
    await spearmanBox.check();
    const spearman = report.getByRole('img', { name: 'Rank correlation between numeric columns (Spearman)' });
    await spearman.waitFor({ state: 'visible' });
    assert.equal(await spearman.locator('rect').count(), 25);
    await spearmanBox.uncheck();
    await spearman.waitFor({ state: 'detached' });
  });

  step('adds and removes recipe steps', ['loads the sample data with a quality report'], async () => {
    const recipe = region('Recipe');
    const options = await control(recipe, 'Kind of step').locator('option').allTextContents();
    for (const o of ['Drop column', 'Impute missing', 'One-hot encode', 'Standard scale']) {
      assert.ok(options.map((x) => x.trim()).includes(o), `Step offers "${o}"; options: ${options}`);
    }
    const steps = recipeSteps(page);
    const before = await steps.count();

    await addStep(page, { step: 'Impute missing', columns: ['bill_length_mm'], strategy: 'Median' });
    await eventually(() => steps.count(), (n) => n === before + 1, { what: 'the impute step to appear' });
    assert.match(await textOf(steps.nth(before)), /bill_length_mm/);
    assert.match(await textOf(steps.nth(before)), /median/i);

    await addStep(page, { step: 'Drop column', columns: ['year'] });
    await eventually(() => steps.count(), (n) => n === before + 2, { what: 'the drop step to appear' });
    assert.match(await textOf(steps.nth(before + 1)), /year/);

    await recipe.getByRole('button', { name: `Remove step ${before + 2}`, exact: true }).click();
    await eventually(() => steps.count(), (n) => n === before + 1, { what: 'the drop step to go away' });
    const texts = await stepTexts();
    assert.ok(!texts.some((s) => /\byear\b/.test(s)), `the drop-year step is gone: ${JSON.stringify(texts)}`);
    assert.match(texts[before], /bill_length_mm/);
  });

  step('trains a classifier on raw data, adding automatic steps', ['adds and removes recipe steps'], async () => {
    assert.equal(Number(await control(page, 'Test share').inputValue()), 0.25);
    assert.equal(Number(await control(page, 'Seed').inputValue()), 42);
    const algorithm = control(page, 'Algorithm');
    const algos = await algorithm.locator('option').evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));
    for (const pair of [
      ['logistic_regression', 'Logistic regression'],
      ['decision_tree', 'Decision tree'],
      ['random_forest', 'Random forest'],
      ['linear_regression', 'Linear regression'],
    ]) {
      assert.ok(algos.some(([v, l]) => v === pair[0] && l === pair[1]), `Algorithm offers ${pair}; has ${JSON.stringify(algos)}`);
    }
    const tasks = (await control(page, 'Task').locator('option').allTextContents()).map((t) => t.trim());
    assert.deepEqual(tasks.filter((t) => ['Automatic', 'Classification', 'Regression'].includes(t)), ['Automatic', 'Classification', 'Regression']);

    const text = await train(page, { target: 'species', algorithm: 'logistic_regression', expect: /Accuracy\s*\S*\d/ });
    const accuracy = numberAfter(text, 'Accuracy');
    assert.ok(accuracy >= 0.9 && accuracy <= 1, `accuracy on penguin species is high (got ${accuracy})`);
    seen.accuracy = accuracy;

    const perClass = evaluation().getByRole('table', { name: 'Per-class metrics' });
    const perClassText = await textOf(perClass);
    for (const word of ['precision', 'recall', 'F1', ...PENGUIN_CLASSES]) {
      assert.ok(perClassText.toLowerCase().includes(word.toLowerCase()), `per-class metrics show "${word}": ${perClassText}`);
    }
    seen.classes = PENGUIN_CLASSES.filter((c) => perClassText.includes(c));

    // Confusion matrix: its counts add up to the test rows (25% of 344 = 86) and its diagonal
    // agrees with the accuracy shown.
    const { total, diagonal } = await confusionCounts();
    assert.ok(Math.abs(total - 86) <= 2, `confusion matrix counts the ~86 test rows (got ${total})`);
    assert.ok(Math.abs(diagonal / total - accuracy) < 0.011, `diagonal ${diagonal}/${total} matches accuracy ${accuracy}`);

    const texts = await stepTexts();
    assert.ok(texts.some((s) => /automatic/i.test(s)), `training added automatic steps: ${JSON.stringify(texts)}`);
    assert.ok(texts.some((s) => /bill_length_mm/.test(s) && /median/i.test(s)), `the user's impute step is kept: ${JSON.stringify(texts)}`);
    seen.stepCount = texts.length;
  });

  step('downloads the cleaned CSV, recipe JSON and model JSON', ['trains a classifier on raw data, adding automatic steps'], async () => {
    const csv = await download(page, 'Download cleaned CSV', tmp);
    const rows = parseCsv(csv.text).filter((r) => r.length > 1 || r[0] !== '');
    const header = rows[0];
    assert.equal(new Set(header).size, header.length, `cleaned CSV has unique column names: ${header}`);
    assert.ok(header.includes('bill_length_mm'), `cleaned CSV keeps numeric columns: ${header}`);
    assert.ok(!header.includes('island') && header.some((h) => h.startsWith('island')), `island is one-hot encoded: ${header}`);
    assert.equal(rows.length - 1, PENGUIN_ROWS, 'cleaned CSV has one line per row');
    for (const [i, r] of rows.slice(1).entries()) {
      assert.equal(r.length, header.length, `cleaned CSV line ${i + 2} has ${header.length} fields`);
      assert.ok(!r.some((c) => c === '' || c === 'NA'), `cleaned CSV line ${i + 2} has no missing values: ${r}`);
    }

    const recipeFile = await download(page, 'Download recipe JSON', tmp);
    const recipe = JSON.parse(recipeFile.text);
    assert.ok(recipe.version !== undefined, 'recipe JSON has a version');
    // The CLI replays the downloaded recipe on the same file to the same bytes.
    const cliCsv = join(tmp, 'cli-cleaned.csv');
    await run(SIFT_BIN, ['clean', SAMPLE_CSV, '--recipe', recipeFile.path, '-o', cliCsv]);
    assert.ok((await readFile(cliCsv, 'utf8')) === csv.text, 'sift clean writes byte for byte the CSV the app downloads');
    assert.ok(Array.isArray(recipe.steps), 'recipe JSON has a steps array');
    assert.equal(recipe.steps.length, seen.stepCount, 'recipe JSON has the steps listed on the page');

    const model = await download(page, 'Download model JSON', tmp);
    const doc = JSON.parse(model.text);
    for (const key of ['version', 'schema', 'recipe', 'target', 'classes', 'algorithm', 'model', 'evaluation', 'seed', 'created_at']) {
      assert.ok(key in doc, `model JSON has "${key}"`);
    }
    assert.equal(doc.target, 'species');
    assert.deepEqual([...doc.classes].map(String).sort(), PENGUIN_CLASSES);
    assert.equal(Number(doc.seed), 42);
    assert.match(JSON.stringify(doc.algorithm), /logistic_regression/);
    assert.ok(!Number.isNaN(Date.parse(doc.created_at)), `created_at is a date: ${doc.created_at}`);
    const schema = JSON.stringify(doc.schema);
    for (const name of Object.keys(PENGUIN_TYPES).filter((n) => n !== doc.target)) {
      assert.ok(schema.includes(`"${name}"`), `the input schema lists ${name}: ${schema}`);
    }
    const stored = findNumber(doc.evaluation, 'accuracy');
    assert.ok(stored !== undefined && Math.abs(stored - seen.accuracy) < 0.006, `model JSON accuracy ${stored} = page ${seen.accuracy}`);
    seen.classifierModel = model.path;
  });

  step('sift predict on the downloaded model agrees with the app', ['downloads the cleaned CSV, recipe JSON and model JSON'], async () => {
    const { header, predictions } = await runPredict(seen.classifierModel, SAMPLE_CSV);
    for (const name of Object.keys(PENGUIN_TYPES)) assert.ok(header.includes(name), `predictions keep input column ${name}`);
    const input = await sampleRows();
    assert.equal(predictions.length, input.length, 'one prediction per input row');
    const unknown = predictions.filter((p) => !seen.classes.includes(p));
    assert.deepEqual([...new Set(unknown)], [], `every prediction is a class shown in the app (${seen.classes})`);
    const right = predictions.filter((p, i) => p === input[i][0]).length;
    assert.ok(right / input.length >= 0.9, `CLI predictions match species for ${right}/${input.length} rows`);
  });

  step('trains a regression model and leaves out rows with a missing target', ['trains a classifier on raw data, adding automatic steps'], async () => {
    const text = await train(page, { target: 'body_mass_g', algorithm: 'linear_regression', expect: /R²[\s\S]*MAE[\s\S]*RMSE|RMSE[\s\S]*MAE[\s\S]*R²/ });
    const r2 = numberAfter(text, 'R²');
    const mae = numberAfter(text, 'MAE');
    const rmse = numberAfter(text, 'RMSE');
    assert.ok(r2 > 0.6 && r2 <= 1, `R² for body mass is good (got ${r2})`);
    assert.ok(mae > 0 && rmse >= mae, `0 < MAE (${mae}) <= RMSE (${rmse})`);
    const body = await textOf(page.locator('body'));
    assert.match(body, /missing target/, 'the page says rows with a missing target were left out');
    assert.match(body, /\b2\b[^.]{0,40}missing target/, 'the page says how many (2)');

    const model = await download(page, 'Download model JSON', tmp);
    assert.equal(JSON.parse(model.text).target, 'body_mass_g');
    const { predictions } = await runPredict(model.path, SAMPLE_CSV);
    const input = await sampleRows();
    assert.equal(predictions.length, input.length, 'one prediction per input row');
    const values = predictions.map(Number);
    assert.ok(values.every(Number.isFinite), 'every regression prediction is a number');
    const known = input.map((r, i) => [Number(r[5]), values[i]]).filter(([y]) => Number.isFinite(y));
    const cliMae = known.reduce((s, [y, p]) => s + Math.abs(y - p), 0) / known.length;
    assert.ok(cliMae < 2 * mae + 100, `CLI predictions are as good as the app says (MAE ${cliMae.toFixed(1)} vs ${mae})`);
  });

  for (const [file, problem] of [
    ['empty.csv', /empty/i],
    ['binary.bin', /binary/i],
    ['ragged.csv', /line 3/i],
  ]) {
    step(`a bad file (${file}) shows an alert naming the problem and keeps the data`, ['loads the sample data with a quality report'], async () => {
      await upload(page, join(FIXTURES, file));
      await page.getByRole('alert').filter({ hasText: problem }).first().waitFor({ state: 'visible' });
      await waitForVisibleText(page, shape(PENGUIN_ROWS, 8), { timeout: 5_000 });
      await waitForVisibleText(page, 'penguins.csv', { timeout: 5_000 });
      assertColumnTypes(await previewHeaders(), PENGUIN_TYPES);
    });
  }

  step('recovers when the worker crashes, keeping data and recipe', ['trains a classifier on raw data, adding automatic steps'], async () => {
    const stepsBefore = await stepTexts();
    await app.guard.expectErrors(EXPECTED_CRASH_ERRORS, async () => {
      await page.evaluate(() => {
        window.siftCrashWorker();
      });
      await page.getByRole('alert').filter({ hasText: /crashed/i }).first().waitFor({ state: 'visible' });
      await page.waitForTimeout(500); // let the worker's last console messages arrive
    });
    await waitForVisibleText(page, shape(PENGUIN_ROWS, 8), { timeout: 5_000 });
    assert.deepEqual(await stepTexts(), stepsBefore, 'the recipe steps are still there');
    // Train with another test share, so the new evaluation (40% of 344 = ~138 test rows) cannot
    // be mistaken for an earlier one.
    await train(page, { target: 'species', algorithm: 'decision_tree', testShare: 0.4, expect: /Accuracy\s*\S*\d/ });
    const { total } = await eventually(confusionCounts, (c) => Math.abs(c.total - 138) <= 2, {
      what: 'a new evaluation on ~138 test rows',
    });
    const accuracy = numberAfter(await textOf(evaluation()), 'Accuracy');
    assert.ok(accuracy >= 0.8, `training works again after the crash (accuracy ${accuracy} on ${total} rows)`);
  });

  step('appends files with the same columns, joins two tables, and flags lost values and padded text', [], async () => {
    const data = page.getByRole('region', { name: 'Data', exact: true });
    await upload(page, ['sales_jan.csv', 'stores.csv', 'sales_feb.csv'].map((f) => join(FIXTURES, f)));
    // The two sales files share their columns: one dataset with source_file; stores.csv is its own.
    await waitForVisibleText(page, 'stores.csv');
    await control(page, 'Dataset').selectOption({ label: 'sales_jan.csv + sales_feb.csv' });
    await waitForVisibleText(page, shape(5, 5));
    await eventually(previewHeaders, (h) => h.join('|') === 'order integer|store text|region text|amount number|source_file category', {
      what: 'the appended columns and source_file',
    });
    await waitForText(data, /Appended 2 files with the same columns/);
    // The padded " North" is reported as a whitespace problem.
    const warnings = region('Data quality report').getByRole('list', { name: 'Warnings' });
    await waitForText(warnings, /'region' has 1 value with leading or trailing spaces, such as ' North'/);
    // A left join on store = store_id keeps all five sales; S9 has no store, so no city.
    await data.getByText('Join two tables', { exact: true }).click();
    await control(page, 'Left table').selectOption({ label: 'sales_jan.csv + sales_feb.csv' });
    await control(page, 'Right table').selectOption({ label: 'stores.csv' });
    await control(page, 'Left key').selectOption('store');
    await control(page, 'Right key').selectOption('store_id');
    await control(page, 'Join type').selectOption('left');
    await page.getByRole('button', { name: 'Join', exact: true }).click();
    await waitForVisibleText(page, 'sales_jan + sales_feb ⋈ stores');
    await waitForVisibleText(page, shape(5, 6));
    const cities = await data.getByRole('table', { name: 'Data preview' }).locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => r.lastElementChild.textContent.trim()));
    assert.deepEqual(cities, ['Lyon', 'Porto', 'Lyon', 'Graz', '—'], 'city joined by store, missing for S9');
    // Forcing amount to integer loses 20.5: the Data stage says so where it cannot be missed.
    await control(page, 'Dataset').selectOption({ label: 'sales_jan.csv + sales_feb.csv' });
    await waitForVisibleText(page, shape(5, 5));
    await data.getByText('Reading options', { exact: true }).click();
    await control(page, 'Columns to retype').selectOption(['amount']);
    await control(page, 'New type').selectOption('integer');
    await page.getByRole('button', { name: 'Change type' }).click();
    await waitForText(data, /1 value did not fit the type you chose and is now missing: 1 in “amount” \(integer\)/);
    await waitForVisibleText(page, shape(5, 5));
    await data.getByText('Reading options', { exact: true }).click();
  });

  step('skips ragged rows when the reading options say so, and says which', [], async () => {
    const data = page.getByRole('region', { name: 'Data', exact: true });
    await data.getByText('Reading options', { exact: true }).click();
    await control(page, 'Ragged rows').selectOption({ label: 'Skip them and report' });
    await upload(page, join(FIXTURES, 'ragged.csv'));
    await waitForVisibleText(page, shape(2, 3));
    await waitForText(data, /Skipped 1 ragged rows? \(lines? 3\)/);
    // Re-reading the same file with another delimiter gives one column; "Reset to detect" and
    // a re-read bring the three columns back.
    await control(page, 'Delimiter').selectOption({ label: 'Semicolon ;' });
    await page.getByRole('button', { name: 'Re-read file' }).click();
    await waitForVisibleText(page, shape(3, 1));
    await page.getByRole('button', { name: 'Reset to detect' }).click();
    await control(page, 'Ragged rows').selectOption({ label: 'Skip them and report' });
    await page.getByRole('button', { name: 'Re-read file' }).click();
    await waitForVisibleText(page, shape(2, 3));
    // Two columns retyped at once; the third keeps its inferred type.
    await control(page, 'Columns to retype').selectOption(['a', 'b']);
    await control(page, 'New type').selectOption('category');
    await page.getByRole('button', { name: 'Change type' }).click();
    await eventually(previewHeaders, (h) => h.join('|') === 'a category|b category|c integer', {
      what: 'columns a and b retyped to category',
    });
  });

  step('edits the recipe: open a saved recipe, preview, edit in place, off, move, undo and redo', ['loads the sample data with a quality report'], async () => {
    const recipe = region('Recipe');
    await control(page, 'Dataset').selectOption({ label: 'penguins.csv' });
    await waitForVisibleText(page, shape(PENGUIN_ROWS, 8));
    const steps = recipeSteps(page);
    const original = await stepTexts();
    // A saved recipe naming absent columns is refused with their names; a good one replaces
    // the recipe.
    const bad = join(tmp, 'bad-recipe.json');
    await writeFile(bad, JSON.stringify({ version: 2, steps: [{ kind: 'drop_columns', columns: ['wingspan'] }] }));
    await recipe.getByLabel('Open recipe JSON').setInputFiles(bad);
    await waitForText(recipe.getByRole('alert'), /wingspan/);
    const good = join(tmp, 'good-recipe.json');
    await writeFile(good, JSON.stringify({ version: 2, steps: [{ kind: 'drop_columns', columns: ['year'] }] }));
    await recipe.getByLabel('Open recipe JSON').setInputFiles(good);
    await eventually(stepTexts, (t) => t.length === 1 && /year/.test(t[0]), { what: 'the saved recipe opened' });
    // The preview shows what a step would do before it is added: body_mass_g has 2 gaps.
    const form = addStepForm(page);
    await control(form, 'Kind of step').selectOption({ label: 'Impute missing' });
    await control(form, 'Columns').selectOption(['body_mass_g']);
    await control(form, 'Fill with').selectOption('mean');
    await waitForText(form.getByRole('region', { name: 'Step preview' }), /2 of 344 rows changed/);
    await form.getByRole('button', { name: 'Add step' }).click();
    await eventually(() => steps.count(), (n) => n === 2, { what: 'the impute step added' });
    assert.match(await textOf(steps.nth(1)), /body_mass_g/);
    // Edit in place: mean → median, with its own preview.
    await recipe.getByRole('button', { name: 'Edit step 2', exact: true }).click();
    const editor = steps.nth(1);
    await control(editor, 'Fill with').selectOption('median');
    await waitForText(editor.getByRole('region', { name: 'Step preview' }), /2 of 344 rows changed/);
    await editor.getByRole('button', { name: 'Save' }).click();
    await eventually(() => textOf(steps.nth(1)), (t) => /median/i.test(t) && !/Save/.test(t), { what: 'the step edited to median' });
    // Off, then moved up; Ctrl+Z undoes the move, Ctrl+Shift+Z redoes it.
    await recipe.getByRole('checkbox', { name: 'Use step 2' }).uncheck();
    await waitForText(steps.nth(1), /\boff\b/);
    await recipe.getByRole('button', { name: 'Move step 2 up' }).click();
    await eventually(() => textOf(steps.nth(0)), (t) => /body_mass_g/.test(t), { what: 'the step moved up' });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await eventually(() => textOf(steps.nth(1)), (t) => /body_mass_g/.test(t), { what: 'Ctrl+Z undid the move' });
    await page.keyboard.press('Control+Shift+z');
    await eventually(() => textOf(steps.nth(0)), (t) => /body_mass_g/.test(t), { what: 'Ctrl+Shift+Z redid the move' });
    // Undo takes back every edit in turn: move, off, edit, add, open.
    const undo = recipe.getByRole('button', { name: 'Undo' });
    for (let i = 0; i < 5; i += 1) await undo.click();
    await eventually(stepTexts, (t) => JSON.stringify(t) === JSON.stringify(original), { what: 'Undo restored the recipe before opening' });
  });
});

/** The first number stored under `key` anywhere inside `value` (depth-first). */
function findNumber(value, key) {
  if (value === null || typeof value !== 'object') return undefined;
  if (typeof value[key] === 'number') return value[key];
  for (const v of Object.values(value)) {
    const found = findNumber(v, key);
    if (found !== undefined) return found;
  }
  return undefined;
}
