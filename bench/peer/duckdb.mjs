// DuckDB-wasm (EH bundle, one worker, no threads: the page is not cross-origin isolated).
// Timed work: register the File, then SUMMARIZE over read_csv_auto.

import * as duckdb from '/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';

const DIST = '/node_modules/@duckdb/duckdb-wasm/dist';

export async function prepare() {
  const worker = new Worker(`${DIST}/duckdb-browser-eh.worker.js`);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(`${DIST}/duckdb-eh.wasm`);
  const conn = await db.connect();
  return async (file) => {
    await db.registerFileHandle(file.name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    const result = await conn.query(`SUMMARIZE SELECT * FROM read_csv_auto('${file.name}')`);
    const columns = result.toArray().map((row) => row.toJSON());
    return { rows: Number(columns[0].count), columns: columns.length };
  };
}
