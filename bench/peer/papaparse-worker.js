// Parses a File with PapaParse (header, dynamic typing), then computes per column: count,
// missing, and mean, std (sample), min, max for numbers or distinct values for the rest.
// Posts { rows, columns, stats } back. A classic worker script.

importScripts('/node_modules/papaparse/papaparse.min.js');

function columnStats(rows, name) {
  let count = 0, missing = 0, mean = 0, m2 = 0, min = Infinity, max = -Infinity;
  const distinct = new Set();
  for (const row of rows) {
    const value = row[name];
    if (value === null || value === undefined || value === '') {
      missing++;
    } else if (typeof value === 'number') {
      count++;
      const delta = value - mean; // Welford's running mean and variance
      mean += delta / count;
      m2 += delta * (value - mean);
      if (value < min) min = value;
      if (value > max) max = value;
    } else {
      distinct.add(value);
    }
  }
  if (distinct.size) return { name, count: rows.length - missing, missing, distinct: distinct.size };
  return { name, count, missing, mean, std: Math.sqrt(m2 / (count - 1)), min, max };
}

onmessage = ({ data: file }) => {
  Papa.parse(file, {
    header: true,
    dynamicTyping: true,
    skipEmptyLines: true,
    complete: ({ data, meta }) => {
      const stats = meta.fields.map((name) => columnStats(data, name));
      postMessage({ rows: data.length, columns: meta.fields.length, stats });
    },
    error: (err) => postMessage({ error: String(err?.message ?? err) }),
  });
};
