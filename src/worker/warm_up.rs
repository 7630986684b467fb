//! A warm-up before the worker says it is ready: it reads and profiles a small made-up
//! table once. A browser compiles WebAssembly functions when they are first called and
//! optimizes them only after they have run a while (and never in the middle of a long call),
//! so without it the first file a person opens would pay for compiling the reading and
//! report code and run its first million rows through unoptimized code.

use crate::engine::ingest::{read_csv_detailed, IngestOptions};
use crate::engine::profile::profile;

/// Rows of the made-up table: enough for the browser to optimize the per-cell code.
const ROWS: usize = 20_000;

/// Reads and profiles [`table_text`] and encodes the report, as opening a file does.
pub fn warm_up() {
    if let Ok(ingested) = read_csv_detailed("warm-up.csv", table_text(ROWS).as_bytes(), &IngestOptions::default()) {
        let report = profile(&ingested.table);
        let _ = serde_json::to_string(&report);
    }
}

/// `rows` rows of the kinds of columns files have most: an id, numbers with decimals and
/// gaps, integers, two categories, an ISO date and a boolean.
fn table_text(rows: usize) -> String {
    const COLORS: [&str; 7] = ["red", "orange", "yellow", "green", "blue", "indigo", "violet"];
    let mut text = String::from("id,price,ratio,quantity,delta,color,city,date,active\n");
    for i in 0..rows {
        let price = if i % 31 == 0 { String::new() } else { format!("{}.{:02}", i * 37 % 1000, i % 100) };
        text.push_str(&format!(
            "{i},{price},0.{:06},{},{},{},city_{:03},20{:02}-{:02}-{:02},{}\n",
            i * 7919 % 1_000_000,
            i * 13 % 10_000,
            i as i64 % 201 - 100,
            COLORS[i % COLORS.len()],
            i * i % 200,
            15 + i % 10,
            1 + i % 12,
            1 + i % 28,
            i % 3 == 0,
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::ColumnType;

    #[test]
    fn the_made_up_table_has_the_common_column_types() {
        let table = read_csv_detailed("w.csv", table_text(500).as_bytes(), &IngestOptions::default()).unwrap().table;
        let types: Vec<ColumnType> = table.columns.iter().map(|c| c.column_type()).collect();
        use ColumnType::*;
        assert_eq!(types, [Integer, Number, Number, Integer, Integer, Category, Category, Date, Boolean]);
        assert_eq!(table.row_count(), 500);
        warm_up();
    }
}
