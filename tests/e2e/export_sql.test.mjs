// End-to-end test of the Export stage's SQL downloads (issue 21): after training, "Download
// model SQL" in each "SQL dialect" gives exactly the statement `sift sql` prints for the model
// JSON the page downloads, and "Download cleaning SQL" the one `sift sql --recipe --fit` prints
// for the page's recipe on the same file. (That those statements reproduce `sift predict` and
// `sift clean` in real DuckDB and Spark is tests/equivalence/sql_check.py's job.)
//
//   SIFT_DIST=$PWD/dist SIFT_BIN=$PWD/target/release/sift node --test tests/e2e/export_sql.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SAMPLE_CSV, SIFT_BIN, control, download, loadSample, openApp, stepper, train } from './app.mjs';

const run = promisify(execFile);

describe('SQL downloads', { timeout: 300_000 }, () => {
  let app;
  let page;
  let tmp;

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sift-sql-'));
    app = await openApp();
    page = app.page;
  });

  after(async () => {
    await app?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const step = stepper(it, () => app);

  step('before training, only the cleaning SQL can be downloaded', [], async () => {
    await loadSample(page);
    assert.ok(await page.getByRole('button', { name: 'Download model SQL' }).isDisabled(), 'no model yet');
    assert.ok(await page.getByRole('button', { name: 'Download cleaning SQL' }).isEnabled());
  });

  step('model and cleaning SQL are what sift sql prints, in both dialects', [], async () => {
    await train(page, { target: 'species', algorithm: 'logistic_regression', expect: /Accuracy/ });
    const model = await download(page, 'Download model JSON', tmp);
    const recipe = await download(page, 'Download recipe JSON', tmp);
    for (const [dialect, label] of [['duckdb', 'DuckDB'], ['spark', 'Spark SQL']]) {
      await control(page, 'SQL dialect').selectOption({ label });
      const sql = await download(page, 'Download model SQL', tmp);
      assert.equal(sql.name, `penguins-model-${dialect}.sql`);
      const { stdout } = await run(SIFT_BIN, ['sql', model.path, '--dialect', dialect]);
      assert.equal(sql.text, stdout, `the page's ${label} model SQL is sift sql's`);
      assert.match(sql.text, /prediction/);

      const cleaning = await download(page, 'Download cleaning SQL', tmp);
      assert.equal(cleaning.name, `penguins-cleaning-${dialect}.sql`);
      const cli = await run(SIFT_BIN, ['sql', '--recipe', recipe.path, '--fit', SAMPLE_CSV, '--dialect', dialect]);
      assert.equal(cleaning.text, cli.stdout, `the page's ${label} cleaning SQL is sift sql's`);
    }
  });
});
