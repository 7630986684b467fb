//! How much heap opening the benchmark CSV takes natively, counted by the allocator itself
//! (exact, unlike the resident set): the peak while reading, the table at rest, and the peak
//! while profiling. Reads `bench/data/bench-100mb.csv` (`node bench/generate.mjs`) or the file
//! named by `SIFT_BENCH_CSV`. A measurement, not a timed test:
//!
//!     cargo test --release --test ingest_memory -- --ignored --nocapture

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use sift::engine::ingest::{complete, read_csv_from, IngestOptions};
use sift::engine::profile::profile;

#[path = "common/bench_file.rs"]
mod bench_file;
use bench_file::FileSource;

/// The system allocator, counting the bytes in use and their high-water mark.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Growing may need both blocks at once; shrinking happens in place.
        if new_size > layout.size() {
            let now = IN_USE.fetch_add(new_size, Relaxed) + new_size;
            PEAK.fetch_max(now, Relaxed);
            IN_USE.fetch_sub(layout.size(), Relaxed);
        } else {
            IN_USE.fetch_sub(layout.size() - new_size, Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

#[test]
#[ignore = "a measurement; run with --release --ignored --nocapture"]
fn heap_while_opening_the_benchmark_file() {
    let Some(mut source) = FileSource::bench() else { return };
    let size = source.1;
    let before = IN_USE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let ingested =
        complete(read_csv_from("bench.csv", &mut source, u64::MAX, &IngestOptions::default(), &mut |_, _| true))
            .unwrap();
    let read_peak = PEAK.load(Relaxed) - before;
    let table = IN_USE.load(Relaxed) - before;
    PEAK.store(IN_USE.load(Relaxed), Relaxed);
    let report = profile(&ingested.table);
    let profile_peak = PEAK.load(Relaxed) - before;
    println!(
        "{:.1} MB file: reading peaks at {:.1} MB of heap, the table holds {:.1} MB at rest, profiling peaks at {:.1} MB",
        mb(size as usize),
        mb(read_peak),
        mb(table),
        mb(profile_peak)
    );
    assert_eq!(report.rows, ingested.table.row_count());
}
