// End-to-end test of the stage navigator (issue 20): the seven stages as links whose visible
// text is their accessible name, with their state ("Train: ready"), which follows the work (empty → ready → done, failed on a failed
// job); the navigator stays in view when the page scrolls; a link, clicked or used with the
// keyboard, scrolls to its stage below the sticky band and moves focus into it; the stage in
// view is the navigator's aria-current="location".
//
//   SIFT_DIST=$PWD/dist node --test tests/e2e/navigator.test.mjs
//
// Steps share one page and run in order; a step whose prerequisite failed is skipped.
// SIFT_SCREENSHOT=dir saves the navigator before and after training into dir.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, control, eventually, loadSample, openApp, stepper, train } from './app.mjs';

const TITLES = ['Data', 'Quality', 'Prepare', 'Train', 'Evaluate', 'Predict', 'Export'];

describe('Stage navigator in headless Chromium', { timeout: 600_000 }, () => {
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
  const nav = () => page.getByRole('navigation', { name: 'Stages' });
  const links = () => nav().getByRole('link');

  /** Each stage's state as the navigator names it: { Data: 'ready', … }. */
  async function states() {
    const names = [...(await nav().ariaSnapshot()).matchAll(/link "([^"]+)"/g)].map((m) => m[1]);
    return Object.fromEntries(names.map((n) => n.split(': ')));
  }

  /** The name of the link marked as the stage in view (aria-current="location"). */
  const current = () => nav().locator('a[aria-current="location"]').evaluateAll((as) => as.map((a) => a.querySelector('.stage-text').textContent).join(' | '));

  /** Wait until the states include `expected` (a partial map). */
  function statesBecome(expected) {
    return eventually(states, (s) => Object.entries(expected).every(([k, v]) => s[k] === v), {
      what: `the navigator to show ${JSON.stringify(expected)}`,
    });
  }

  /** The focused element's closest stage section's accessible name, and its top and the
   *  navigator's bottom in the viewport. */
  function focusedStage() {
    return page.evaluate(() => {
      const section = document.activeElement?.closest('section.stage');
      const band = document.querySelector('.sticky-top').getBoundingClientRect();
      return { region: section?.getAttribute('aria-label') ?? null, top: section?.getBoundingClientRect().top, bandBottom: band.bottom };
    });
  }

  async function shoot(name) {
    if (process.env.SIFT_SCREENSHOT) await nav().screenshot({ path: join(process.env.SIFT_SCREENSHOT, `navigator-${name}.png`) });
  }

  step('lists the seven stages in order with their state, first in the tab order', [], async () => {
    const names = await links().allInnerTexts();
    assert.equal(names.length, 7);
    TITLES.forEach((title, i) => assert.match(names[i], new RegExp(title), `link ${i + 1} is ${title}`));
    assert.deepEqual(await states(), {
      Data: 'ready', Quality: 'empty', Prepare: 'empty', Train: 'empty', Evaluate: 'empty', Predict: 'ready', Export: 'empty',
    });
    await page.keyboard.press('Tab');
    const focused = await nav().getByRole('link', { name: 'Data: ready' }).evaluate((a) => a === document.activeElement);
    assert.ok(focused, 'the first Tab reaches the navigator');
    await shoot('empty');
  });

  step('follows the work: data loaded, then a model trained', [], async () => {
    await loadSample(page);
    await statesBecome({ Data: 'done', Quality: 'done', Prepare: 'ready', Train: 'ready', Evaluate: 'empty', Export: 'ready' });
    await train(page, { target: 'species', algorithm: 'decision_tree', expect: /Accuracy\s*\S*\d/ });
    await statesBecome({ Prepare: 'done', Train: 'done', Evaluate: 'done' });
    await shoot('trained');
  });

  step('stays in view at the bottom of the page', ['follows the work: data loaded, then a model trained'], async () => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await eventually(() => page.evaluate(() => window.scrollY), (y) => y > 1000, { what: 'the page to scroll' });
    const box = await nav().boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 60, `the navigator is at the top of the viewport: ${JSON.stringify(box)}`);
    assert.ok(await links().first().isVisible(), 'its links are visible');
    await eventually(current, (name) => name === 'Export: ready', { what: 'Export marked as the stage in view' });
  });

  step('the keyboard moves focus to a stage, below the sticky band, and Tab continues there', ['stays in view at the bottom of the page'], async () => {
    await nav().getByRole('link', { name: 'Train: done' }).focus();
    await page.keyboard.press('Enter');
    let where = await eventually(focusedStage, (w) => w.region === 'Training', { what: 'focus in the Training stage' });
    await eventually(current, (name) => name === 'Train: done', { what: 'Train marked as the stage in view' });
    assert.ok(where.top >= where.bandBottom - 1 && where.top < 300, `the stage's top is just below the band: ${JSON.stringify(where)}`);
    await page.keyboard.press('Tab');
    where = await focusedStage();
    assert.equal(where.region, 'Training', 'Tab moves on inside the stage');

    await nav().getByRole('link', { name: 'Data: done' }).click();
    where = await eventually(focusedStage, (w) => w.region === 'Data', { what: 'focus in the Data stage' });
    assert.ok(where.top >= where.bandBottom - 1, `the Data stage is not hidden under the band: ${JSON.stringify(where)}`);
  });

  step('a failed job marks its stage failed until the message is dismissed', ['follows the work: data loaded, then a model trained'], async () => {
    await control(page, 'Test share').fill('2');
    await page.getByRole('button', { name: 'Train model' }).click();
    await statesBecome({ Train: 'failed' });
    await shoot('failed');
    const training = page.getByRole('region', { name: 'Training' });
    await training.getByRole('button', { name: 'Dismiss message' }).click();
    await statesBecome({ Train: 'done' });
    await control(page, 'Test share').fill('0.25');
  });
});
