// End-to-end test of "Download model ONNX" and "Download Python" (issue 22): after training a linear regression on
// the diabetes sample, the Export stage's button downloads the bytes `sift onnx` writes for the
// model JSON the page downloads; the Predict stage's button, with that model JSON opened, gives
// the same file. The file then runs in the browser's own onnxruntime-web (npm, served from
// node_modules through the page's own origin — no other host) on rows of the same CSV, and its
// predictions equal the Predict stage's within 1e-9 relative. A model with no ONNX translation
// (DBSCAN, whose noise label the graph could not tell from a refused row) is an alert naming the reason, and
// no download. axe finds nothing to fix on the page with the new controls.
//
//   SIFT_DIST=$PWD/dist SIFT_BIN=$PWD/target/release/sift node --test tests/e2e/export_onnx.test.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { REPO, SIFT_BIN, alertTexts, guardContext, control, download, eventually, openApp, parseCsv, shape, stepper, train, waitForVisibleText } from './app.mjs';
import { axeViolations, describeViolations } from './axe.mjs';
import { mimeType } from './server.mjs';

const run = promisify(execFile);
const DIABETES = join(REPO, 'public/samples/diabetes.csv');
/** onnxruntime-web's dist/ folder, served at ORT_PATH on the app's own origin. */
const ORT_DIST = dirname(createRequire(import.meta.url).resolve('onnxruntime-web/wasm'));
const ORT_PATH = '/__onnxruntime-web/';

/** `values` equal `expected` within 1e-9 relative (absolute near zero). */
function assertClose(values, expected, what) {
  assert.equal(values.length, expected.length, `${what}: as many values`);
  values.forEach((v, i) => {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected[i]));
    assert.ok(Math.abs(v - expected[i]) <= tolerance, `${what}, row ${i + 1}: ${v} against ${expected[i]}`);
  });
}

/**
 * Runs the ONNX `model` (bytes) on `columns` ({ name: numbers }) in onnxruntime-web, in a page of
 * its own in `browser` (no service worker: the app's would answer with the app), its files
 * served from node_modules on `origin` (the app's server); any request to another host fails.
 */
async function runInBrowser(browser, origin, model, columns) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const guard = guardContext(context, origin);
  try {
    await context.route(`${origin}${ORT_PATH}**`, async (route) => {
      const name = new URL(route.request().url()).pathname.slice(ORT_PATH.length);
      if (name === 'run.html') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>onnxruntime-web</title>' });
      const body = /^[\w.-]+$/.test(name) ? await readFile(join(ORT_DIST, name)).catch(() => null) : null;
      return body ? route.fulfill({ contentType: mimeType(name), body }) : route.fulfill({ status: 404 });
    });
    const page = guard.watch(await context.newPage());
    await page.goto(`${origin}${ORT_PATH}run.html`);
    const got = await predict(page, model, columns);
    assert.deepEqual(guard.problems, [], 'the onnxruntime-web page had no problems');
    return got;
  } finally {
    await context.close();
  }
}

/** onnxruntime-web (imported from ORT_PATH) run in `page` on `columns`: its inputs, outputs and label. */
async function predict(page, model, columns) {
  return page.evaluate(
    async ({ path, bytes, columns }) => {
      const ort = await import(`${path}ort.wasm.min.mjs`);
      ort.env.wasm.numThreads = 1;
      const session = await ort.InferenceSession.create(Uint8Array.from(bytes));
      const feeds = {};
      for (const name of session.inputNames) {
        const values = columns[name].map((v) => (v === null ? NaN : v));
        feeds[name] = new ort.Tensor('float64', Float64Array.from(values), [values.length, 1]);
      }
      const { label } = await session.run(feeds);
      return { inputs: session.inputNames, outputs: session.outputNames, type: label.type, dims: label.dims, label: Array.from(label.data) };
    },
    { path: ORT_PATH, bytes: Array.from(model), columns },
  );
}

describe('ONNX download', { timeout: 300_000 }, () => {
  let app;
  let page;
  let tmp;
  const seen = {};

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'sift-onnx-'));
    app = await openApp();
    page = app.page;
    // The type of every Blob the page offers as a download.
    await page.evaluate(() => {
      window.__siftBlobTypes = [];
      const create = URL.createObjectURL;
      URL.createObjectURL = (blob) => {
        window.__siftBlobTypes.push(blob.type);
        return create(blob);
      };
    });
  });

  after(async () => {
    await app?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const step = stepper(it, () => app);
  const exportStage = () => page.getByRole('region', { name: 'Export' });
  const prediction = () => page.getByRole('region', { name: 'Prediction' });

  step('without a model the buttons wait', [], async () => {
    await control(page, 'Sample dataset').selectOption('diabetes');
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await waitForVisibleText(page, shape(442, 11));
    assert.ok(await exportStage().getByRole('button', { name: 'Download model ONNX' }).isDisabled(), 'no model yet');
    assert.ok(await prediction().getByRole('button', { name: 'Download model ONNX' }).isDisabled(), 'no model chosen yet');
  });

  step('the Export stage downloads what sift onnx writes', ['without a model the buttons wait'], async () => {
    await train(page, { target: 'progression', algorithm: 'linear_regression', expect: /R²/ });
    const json = await download(page, 'Download model JSON', tmp);
    const onnx = await download(page, 'Download model ONNX', tmp, exportStage());
    assert.equal(onnx.name, 'diabetes-model.onnx');
    assert.equal(await page.evaluate(() => window.__siftBlobTypes.at(-1)), 'application/octet-stream');
    const bytes = await readFile(onnx.path);
    const cli = join(tmp, 'cli.onnx');
    await run(SIFT_BIN, ['onnx', json.path, '-o', cli]);
    assert.ok(bytes.equals(await readFile(cli)), "the page's ONNX file is sift onnx's, byte for byte");
    seen.onnx = bytes;
    seen.modelJson = json.path;
    // "Download Python": the scikit-learn script sift python writes for the same model.
    const script = await download(page, 'Download Python', tmp, exportStage());
    assert.equal(script.name, 'diabetes-pipeline.py');
    const { stdout } = await run(SIFT_BIN, ['python', json.path]);
    assert.equal(script.text, stdout, "the page's script is sift python's");
    assert.match(script.text, /LinearRegression/, 'the algorithm is there');
    const violations = await axeViolations(page);
    assert.deepEqual(violations, [], `axe found problems:\n${describeViolations(violations)}`);
  });

  step("the Predict stage's button writes the model it predicts with", ['the Export stage downloads what sift onnx writes'], async () => {
    await control(page, 'Open model JSON').setInputFiles(seen.modelJson);
    await waitForVisibleText(prediction(), 'From diabetes-model.json');
    const onnx = await download(page, 'Download model ONNX', tmp, prediction());
    assert.equal(onnx.name, 'diabetes-model.onnx', 'named as the model file');
    assert.ok((await readFile(onnx.path)).equals(seen.onnx), 'the same file as the Export stage gives');
  });

  step('onnxruntime-web in the browser predicts what the Predict stage does', ["the Predict stage's button writes the model it predicts with"], async () => {
    const [header, ...rows] = parseCsv(await readFile(DIABETES, 'utf8'));
    const some = rows.slice(0, 25);
    const csv = join(tmp, 'some_diabetes.csv');
    await writeFile(csv, [header, ...some].map((r) => r.join(',')).join('\n') + '\n');
    await control(page, 'CSV to predict').setInputFiles(csv);
    await waitForVisibleText(prediction(), 'Predicted 25 rows');
    const predicted = parseCsv((await download(page, 'Download predictions CSV', tmp)).text);
    const at = predicted[0].indexOf('prediction');
    assert.ok(at >= 0, `a prediction column in ${predicted[0]}`);
    const expected = predicted.slice(1).filter((r) => r.length > 1).map((r) => Number(r[at]));

    const columns = Object.fromEntries(header.map((name, i) => [name, some.map((r) => (r[i] === '' ? null : Number(r[i])))]));
    const got = await runInBrowser(app.browser, app.server.url, seen.onnx, columns);
    assert.deepEqual(got.inputs, header.filter((h) => h !== 'progression'), 'one input per model column');
    assert.deepEqual(got.outputs, ['label']);
    assert.equal(got.type, 'float64');
    assert.deepEqual(got.dims, [25]);
    assertClose(got.label, expected, 'onnxruntime-web against the Predict stage');
  });

  step('a model with no ONNX translation is an alert naming the reason', ['without a model the buttons wait'], async () => {
    await train(page, { target: 'progression', algorithm: 'dbscan', task: 'Clustering', expect: /Measured on all/ });
    let downloads = 0;
    const count = () => downloads++;
    page.on('download', count);
    try {
      await exportStage().getByRole('button', { name: 'Download model ONNX' }).click();
      const alerts = await eventually(
        () => alertTexts(page),
        (texts) => texts.some((t) => /DBSCAN cannot be written as ONNX: \S/.test(t)),
        { what: 'the alert naming DBSCAN' },
      );
      const alert = exportStage().getByRole('alert');
      assert.match(await alert.innerText(), /DBSCAN cannot be written as ONNX/, `in the Export stage: ${alerts}`);
      await page.waitForTimeout(500);
      assert.equal(downloads, 0, 'no file is offered');
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `axe found problems:\n${describeViolations(violations)}`);
    } finally {
      page.off('download', count);
    }
  });
});
