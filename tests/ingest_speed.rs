//! How long opening the benchmark CSV takes natively, phase by phase: reading the bytes,
//! ingest (decode, sniff, one pass into typed columns) and the quality report. It reads
//! `bench/data/bench-100mb.csv` (`node bench/generate.mjs` writes it), or the file named by
//! `SIFT_BENCH_CSV`. A measurement, not a timed test:
//!
//!     cargo test --release --test ingest_speed -- --ignored --nocapture

use std::path::PathBuf;
use std::time::Instant;

use sift::engine::base::error::Error;
use sift::engine::ingest::{
    complete, read_csv_detailed, read_csv_from, read_csv_shared, read_part, ready, IngestOptions, Part, Partner,
    Pending, ShareRequest,
};
use sift::engine::profile::profile;

#[path = "common/bench_file.rs"]
mod bench_file;
use bench_file::{bench_path, FileSource};

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

#[test]
#[ignore = "a measurement; run with --release --ignored --nocapture"]
fn open_the_benchmark_file() {
    let path = bench_path();
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

/// The process's peak resident set in MB (Linux), to compare with the table's size.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse::<f64>().ok());
    kib.map_or(f64::NAN, |k| k * 1024.0 / 1e6)
}

/// Run alone, so the peak is this read's:
///
///     cargo test --release --test ingest_speed stream -- --ignored --nocapture
#[test]
#[ignore = "a measurement; run with --release --ignored --nocapture"]
fn stream_the_benchmark_file() {
    let Some(mut source) = FileSource::bench() else { return };
    let size = source.1;
    let before = peak_mb();
    let start = Instant::now();
    let ingested =
        complete(read_csv_from("bench.csv", &mut source, u64::MAX, &IngestOptions::default(), &mut |_, _| true))
            .unwrap();
    let read = ms(start);
    let after_read = peak_mb();
    let start = Instant::now();
    let report = profile(&ingested.table);
    println!(
        "streamed {:.1} MB: {read:.0} ms, peak {after_read:.0} MB ({before:.0} MB before); profile {:.0} ms, peak {:.0} MB",
        size as f64 / 1e6,
        ms(start),
        peak_mb()
    );
    assert_eq!(report.rows, ingested.table.row_count());
}

/// A partner reading its half of the columns on a second thread, as the browser's helper
/// worker does on the second core.
struct Threaded {
    path: PathBuf,
    running: Option<std::thread::JoinHandle<Result<Part, Error>>>,
}

impl Partner for Threaded {
    fn start(&mut self, request: ShareRequest) -> Result<(), Error> {
        let path = self.path.clone();
        self.running = Some(std::thread::spawn(move || {
            let file = std::fs::File::open(&path).map_err(|e| e.to_string())?;
            let size = file.metadata().map_err(|e| e.to_string())?.len();
            let mut source = FileSource(file, size);
            complete(read_part(&mut source, &request, &mut |_, _| true))
        }));
        Ok(())
    }

    fn finish(&mut self) -> Pending<'_, Part> {
        let running = self.running.take().ok_or_else(|| Error::other("not started"));
        ready(running.and_then(|r| r.join().map_err(|_| Error::other("the partner panicked"))).and_then(|part| part))
    }
}

/// The benchmark file read alone and shared with a second thread, alternately:
///
///     cargo test --release --test ingest_speed shared -- --ignored --nocapture
#[test]
#[ignore = "a measurement; run with --release --ignored --nocapture"]
fn shared_with_a_second_thread() {
    let path = bench_path();
    let Ok(size) = std::fs::metadata(&path).map(|m| m.len()) else {
        println!("{} is missing: run `node bench/generate.mjs` first", path.display());
        return;
    };
    let (mut alone, mut shared) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        for with_partner in [false, true] {
            let mut source = FileSource(std::fs::File::open(&path).unwrap(), size);
            let mut partner = Threaded { path: path.clone(), running: None };
            let partner: Option<&mut dyn Partner> = if with_partner { Some(&mut partner) } else { None };
            let start = Instant::now();
            let table = complete(read_csv_shared(
                "bench.csv",
                &mut source,
                u64::MAX,
                &IngestOptions::default(),
                partner,
                &mut |_, _| true,
            ))
            .unwrap()
            .table;
            if with_partner { &mut shared } else { &mut alone }.push(ms(start));
            assert_eq!(table.column_count(), 13);
        }
    }
    let best = |v: &[f64]| v.iter().copied().fold(f64::INFINITY, f64::min);
    println!(
        "alone {:.0} ms, shared with a second thread {:.0} ms (best of 3): {:.2}×",
        best(&alone),
        best(&shared),
        best(&shared) / best(&alone)
    );
}
