// axe-core in the page under test: `axeViolations(page)` injects axe-core (npm, pinned in
// package.json) through Playwright's evaluate, which the page's Content-Security-Policy does not
// govern, runs every rule axe has for WCAG 2.2 A/AA and best practice, and returns the
// violations in a form that reads well in a failed assertion.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The violations axe-core finds on `page` now: [{ id, impact, help, nodes: [{ target, summary }] }]. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
}

/** Violations as lines for an assertion message: "serious color-contrast (…): #x — Fix …". */
export function describeViolations(violations) {
  return violations
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => `  - ${v.impact} ${v.id} (${v.help}): ${n.target} — ${n.summary.replace(/\s+/g, ' ')}`))
    .join('\n');
}
