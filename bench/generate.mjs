// Write the benchmark CSV: deterministic (seeded), about 100 bytes a row, 13 columns —
// six floats with 3 % empty cells, three integers (one an id), two categories (7 and 200 values),
// an ISO date and a boolean. 1,000,000 rows make about 100 MB; 10,000,000 about 1 GB.
//
//   node bench/generate.mjs [--rows 1000000] [--seed 42] [--out bench/data/bench-100mb.csv]

import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_FILE = resolve(BENCH_DIR, 'data/bench-100mb.csv');

const HEADER = 'id,price,score,ratio,temperature,weight,humidity,quantity,delta,color,city,date,active';
const COLORS = ['red', 'orange', 'yellow', 'green', 'blue', 'indigo', 'violet'];
const CITIES = Array.from({ length: 200 }, (_, i) => `city_${String(i + 1).padStart(3, '0')}`);
const GAP_SHARE = 0.03;
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 0, 1);
const DAYS = 3653; // 2015-01-01 .. 2024-12-31

/** mulberry32: a small, fast, seeded generator of uniform numbers in [0, 1). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One CSV row per call; `row(i)` for i = 1, 2, … */
function rowMaker(seed) {
  const u = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
  const int = (lo, hi) => lo + Math.floor(u() * (hi - lo + 1));
  // A float written with `digits` decimals, or an empty cell (3 % of them).
  const float = (value, digits) => (u() < GAP_SHARE ? '' : value.toFixed(digits));
  // City popularity is skewed: low numbers are common, high numbers rare.
  const city = () => CITIES[Math.floor(CITIES.length * u() ** 2)];
  const date = () => new Date(FIRST_DAY + int(0, DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  return (i) =>
    [
      i,
      float(Math.exp(3 + normal()), 4),
      float(50 + 15 * normal(), 4),
      float(u(), 8),
      float(15 + 8 * normal(), 4),
      float(70 + 12 * normal(), 4),
      float(100 * u(), 4),
      int(0, 99_999),
      int(-5000, 5000),
      COLORS[int(0, COLORS.length - 1)],
      city(),
      date(),
      u() < 0.5,
    ].join(',');
}

/** Write `rows` rows to `path` (through a temporary file, so a stopped run leaves no half file). */
export function generateCsv(path, { rows = 1_000_000, seed = 42 } = {}) {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  const row = rowMaker(seed);
  try {
    writeSync(fd, `${HEADER}\n`);
    const chunk = 20_000;
    for (let start = 1; start <= rows; start += chunk) {
      const lines = [];
      for (let i = start; i < Math.min(start + chunk, rows + 1); i++) lines.push(row(i));
      writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string', default: DEFAULT_FILE },
    },
  });
  const started = Date.now();
  const path = generateCsv(resolve(values.out), { rows: Number(values.rows), seed: Number(values.seed) });
  console.log(`wrote ${path} (${values.rows} rows) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
