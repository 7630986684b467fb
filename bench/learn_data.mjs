// The rows of tests/learn_speed.rs, made in Node for the browser training benchmark: `rows`
// rows of 20 features uniform in [-1, 1) from SplitMix64 seeded 42, then a two-class target
// from a noisy score (the same draws in the same order, so the same numbers; the text of a
// number may differ from Rust's, e.g. 1.5e-7 against 0.00000015, but it reads back the same).

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const COLS = 20;
const MASK = (1n << 64n) - 1n;

/** SplitMix64 (the engine's `rng.rs`): a function returning the next uniform in [-1, 1). */
function uniforms(seed) {
  let state = BigInt(seed);
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    z ^= z >> 31n;
    return (Number(z >> 11n) / 2 ** 53) * 2 - 1;
  };
}

/** Writes the CSV (header x1,…,x20,target) to `path`; resolves when it is on disk. */
export async function writeLearnCsv(path, rows) {
  const uniform = uniforms(42);
  const values = new Float64Array(rows * COLS);
  for (let i = 0; i < values.length; i++) values[i] = uniform();
  const out = createWriteStream(path);
  const header = Array.from({ length: COLS }, (_, j) => `x${j + 1}`).join(',');
  let chunk = `${header},target\n`;
  for (let i = 0; i < rows; i++) {
    const r = values.subarray(i * COLS, (i + 1) * COLS);
    const label = r[0] + 0.5 * r[1] - 0.3 * r[2] + 0.2 * r[3] * r[4] + 0.3 * uniform() > 0 ? 1 : 0;
    chunk += `${r.join(',')},${label}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
