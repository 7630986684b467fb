//! How long the quality report takes on 1 M rows × 13 columns (the benchmark file's shape:
//! floats with 3 % gaps, integers, categories with 7 and 200 values, an ISO date, a boolean).
//! A measurement, not a timed test:
//!
//!     cargo test --release --test profile_speed -- --ignored --nocapture

use std::time::Instant;

use sift::engine::base::table::{Column, ColumnData, Table};
use sift::engine::profile::{profile, profile_with, ProfileOptions};

#[path = "common/lcg.rs"]
mod lcg;
use lcg::Lcg;

fn benchmark_table(rows: usize) -> Table {
    let mut rng = Lcg(42);
    let mut columns = Vec::new();
    for f in 0..6 {
        let values =
            (0..rows).map(|_| if rng.next() < 0.03 { f64::NAN } else { rng.next() * 1000.0 + f as f64 }).collect();
        columns.push(Column::new(format!("float_{f}"), ColumnData::Number(values)));
    }
    for k in 0..3 {
        let values = (0..rows).map(|_| Some((rng.next() * 10_000.0 * (k + 1) as f64) as i64)).collect();
        columns.push(Column::new(format!("int_{k}"), ColumnData::Integer(values)));
    }
    for (name, levels) in [("cat_7", 7u32), ("cat_200", 200)] {
        let codes = (0..rows).map(|_| Some((rng.next() * f64::from(levels)) as u32)).collect();
        let levels = (0..levels).map(|l| format!("level {l}")).collect();
        columns.push(Column::new(name, ColumnData::Category { codes, levels }));
    }
    columns.push(Column::new(
        "date",
        ColumnData::Date((0..rows).map(|_| Some(15_000 + (rng.next() * 5000.0) as i32)).collect()),
    ));
    columns.push(Column::new("flag", ColumnData::Boolean((0..rows).map(|_| Some(rng.next() < 0.3)).collect())));
    Table::new("bench", columns).unwrap()
}

#[test]
#[ignore = "a measurement; run with --release --ignored --nocapture"]
fn profile_one_million_rows() {
    let table = benchmark_table(1_000_000);
    assert_eq!(table.column_count(), 13);
    let start = Instant::now();
    let report = profile(&table);
    println!("profile 1M × 13: {:.0} ms", start.elapsed().as_secs_f64() * 1000.0);
    assert_eq!(report.rows, 1_000_000);
    let start = Instant::now();
    let options = ProfileOptions { spearman: true, target: Some("flag".into()) };
    let report = profile_with(&table, &options);
    println!("profile 1M × 13 with Spearman and a target: {:.0} ms", start.elapsed().as_secs_f64() * 1000.0);
    assert!(report.correlations.spearman.is_some());
}
