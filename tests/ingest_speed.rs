//! How long opening the benchmark CSV takes natively, phase by phase: reading the bytes,
//! ingest (decode, sniff, one pass into typed columns) and the quality report. It reads
//! `bench/data/bench-100mb.csv` (`node bench/generate.mjs` writes it), or the file named by
//! `SIFT_BENCH_CSV`. A measurement, not a timed test:
//!
//!     cargo test --release --test ingest_speed -- --ignored --nocapture

use std::path::PathBuf;
use std::time::Instant;

use sift::engine::ingest::{read_csv_detailed, IngestOptions};
use sift::engine::profile::profile;

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

#[test]
#[ignore = "a measurement; run with --release --ignored --nocapture"]
fn open_the_benchmark_file() {
    let path = std::env::var_os("SIFT_BENCH_CSV").map_or_else(|| PathBuf::from("bench/data/bench-100mb.csv"), PathBuf::from);
    let start = Instant::now();
    let Ok(bytes) = std::fs::read(&path) else {
        println!("{} is missing: run `node bench/generate.mjs` first", path.display());
        return;
    };
    println!("read {:.1} MB: {:.0} ms", bytes.len() as f64 / 1e6, ms(start));
    let options = IngestOptions::default();
    let mut best = f64::INFINITY;
    let mut ingested = None;
    for _ in 0..3 {
        let start = Instant::now();
        ingested = Some(read_csv_detailed("bench.csv", &bytes, &options).unwrap());
        best = best.min(ms(start));
    }
    let ingested = ingested.unwrap();
    let table = &ingested.table;
    println!("ingest {} rows × {} columns: {best:.0} ms (best of 3)", table.row_count(), table.column_count());
    let types: Vec<&str> = table.columns.iter().map(|c| c.column_type().name()).collect();
    println!("types: {}", types.join(", "));
    drop(bytes);
    let start = Instant::now();
    let report = profile(table);
    println!("profile: {:.0} ms", ms(start));
    assert_eq!(report.rows, table.row_count());
}
