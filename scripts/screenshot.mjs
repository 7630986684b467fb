// Take the README screenshot: serve dist/, load the sample data, train once, and save a
// full-page screenshot 1280 pixels wide. Run with `make screenshot` (builds dist/ first).
//
//   node scripts/screenshot.mjs [--dist DIR] [--out FILE]
//
// Uses the helpers (and the playwright-core install) of the end-to-end test in tests/e2e.

import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { dist: { type: 'string' }, out: { type: 'string' } },
});
if (values.dist) process.env.SIFT_DIST = resolve(values.dist);

// Imported after SIFT_DIST is set: app.mjs reads it when it loads.
const { REPO, loadSample, openApp, train, withAlerts } = await import('../tests/e2e/app.mjs');
const out = resolve(values.out ?? join(REPO, 'docs/screenshot.png'));

const app = await openApp({ viewport: { width: 1280, height: 900 } });
try {
  await loadSample(app.page);
  await train(app.page, { target: 'species', algorithm: 'random_forest', expect: /Accuracy\s*\S*\d/ });
  await app.page.waitForTimeout(300); // let the charts settle
  await mkdir(dirname(out), { recursive: true });
  await app.page.screenshot({ path: out, fullPage: true });
  for (const p of app.guard.problems) console.warn(`warning: ${p}`);
  console.log(`wrote ${out}`);
} catch (err) {
  throw await withAlerts(app.page, err);
} finally {
  await app.close();
}
