// End-to-end test of opening a large CSV (issue 3): a 40 MB file, read by the worker in
// sixteen slices, is parsed while it is read. The progress bar moves through the parse
// (many steps, not one per slice), the report counts every row, the columns get
// their types, and Cancel during a load leaves the page working with the data it had. On a
// machine with four cores a helper worker reads half of the columns and analyses half of them
// for the report: the report is the same as one made alone, on two cores.
//
// A file with a quote never closed (issue 17) is refused with the line and column of the quote
// and the way out; choosing "Read quotes as text" in Reading options reads every row.
//
// Run with: SIFT_DIST=/tmp/dist-NAME node --test tests/e2e/ingest.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, alertTexts, control, eventually, openApp, shape, textOf, upload, waitForVisibleText } from './app.mjs';

const ROWS = 400_000;
const TYPES = ['integer', 'number', 'number', 'number', 'number', 'number', 'number', 'integer', 'integer', 'category', 'category', 'date', 'boolean'];

/** Every value the progress bar shows from now on, collected in the page. */
async function recordProgress(page) {
  await page.evaluate(() => {
    window.progressSeen = [];
    const seen = () => {
      const bar = document.querySelector('[role="status"] progress');
      const value = bar?.getAttribute('value');
      if (value !== null && value !== undefined) window.progressSeen.push(Number(value));
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
}

const rowsShown = async (page) => {
  const report = page.getByRole('region', { name: 'Data quality report' });
  return (await textOf(report)).replace(/\s+/g, ' ');
};

describe('opening a large CSV', () => {
  let app;
  let dir;
  let file;
  let report; // the report as made alone, on two cores

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sift-ingest-'));
    file = join(dir, 'large.csv');
    execFileSync('node', [join(REPO, 'bench/generate.mjs'), '--rows', String(ROWS), '--out', file]);
    assert.ok((await stat(file)).size > 32 * 1024 * 1024, 'the file is larger than 32 MiB');
    app = await openApp({ cores: 2 });
  });

  after(async () => {
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('parses while it reads, with a moving progress bar, and reports every row', async () => {
    const { page } = app;
    await recordProgress(page);
    await upload(page, [file]);
    await eventually(() => rowsShown(page), (t) => t.includes('400,000'), { what: 'the report of 400,000 rows', timeout: 120_000 });
    const seen = await page.evaluate(() => window.progressSeen);
    const distinct = new Set(seen.filter((v) => v > 0 && v < 1));
    // Sixteen slices would give at most sixteen steps: parsing reports about one per percent.
    assert.ok(distinct.size >= 24, `the bar moved through the parse: ${JSON.stringify([...distinct])}`);
    for (const type of new Set(TYPES)) {
      assert.match(await rowsShown(page), new RegExp(`\\b${type}\\b`), `a ${type} column`);
    }
    report = await rowsShown(page);
    assert.equal(page.workers().length, 1, 'no helper worker on two cores');
    assert.deepEqual(app.guard.problems, []);
  });

  it('on four cores, reads and analyses half of the columns in a helper worker, to the same report', async () => {
    const four = await openApp({ cores: 4 });
    try {
      await eventually(async () => four.page.workers().length, (n) => n === 2, { what: 'the worker and its helper' });
      const started = [];
      four.page.on('worker', (worker) => started.push(worker.url()));
      await upload(four.page, [file]);
      await eventually(() => rowsShown(four.page), (t) => t.includes('400,000'), { what: 'the report of 400,000 rows', timeout: 120_000 });
      assert.equal(await rowsShown(four.page), report, 'the same report as made alone');
      // A helper that helped is stopped after the answer, and a new one starts.
      await eventually(async () => started.length, (n) => n === 1, { what: 'a new helper after the answer' });
      assert.deepEqual(four.guard.problems, [], 'no error, such as the helper failing and the work done alone');
    } finally {
      await four.close();
    }
  });

  it('cancels a load and keeps the data it had', async () => {
    const { page } = app;
    await upload(page, [file]);
    const status = page.getByRole('status');
    const cancel = status.getByRole('button', { name: 'Cancel' });
    await cancel.waitFor({ state: 'visible' });
    await cancel.click();
    await eventually(() => alertTexts(page), (a) => a.some((x) => /Cancelled “Opening large\.csv”/.test(x)), { what: 'the cancel message' });
    // The worker restarts with the session replayed: the first load is back, and works.
    await eventually(() => rowsShown(page), (t) => t.includes('400,000'), { what: 'the first load back', timeout: 120_000 });
    await eventually(() => status.innerText(), (t) => t.trim() === '', { what: 'no job running', timeout: 120_000 });
    assert.deepEqual(app.guard.problems, []);
  });
});

describe('opening a CSV with a quote never closed', () => {
  let app;
  let dir;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sift-quote-'));
    app = await openApp();
  });

  after(async () => {
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('names the line and column of the quote, and reads every row with quotes read as text', async () => {
    const { page } = app;
    const file = join(dir, 'stray.csv');
    await writeFile(file, 'a,b\n1,x\n2,"oops\n3,y\n4,z\n5,w\n');
    await upload(page, [file]);
    const pattern = /'stray\.csv' line 3: the quote that opens column 2 is never closed.*read quotes as text \(Reading options → Quotes\)/;
    await eventually(() => alertTexts(page), (a) => a.some((x) => pattern.test(x)), { what: 'the unclosed-quote message' });
    await page.getByText('Reading options', { exact: true }).click();
    const quotes = control(page, 'Quotes');
    await quotes.selectOption({ label: 'Read quotes as text' });
    await upload(page, [file]);
    await waitForVisibleText(page, shape(5, 2));
    await waitForVisibleText(page, 'quotes read as text (your choice)');
    await page.screenshot({ path: process.env.SIFT_SCREENSHOT ?? join(dir, 'quotes.png'), fullPage: true });
    assert.equal(await quotes.inputValue(), 'text', 'the choice stays for the next files');
    assert.deepEqual(app.guard.problems, []);
  });
});
