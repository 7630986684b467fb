//! The benchmark CSV for native measurements: `bench/data/bench-100mb.csv` (written by
//! `node bench/generate.mjs`) or the file named by `SIFT_BENCH_CSV`, read as a byte source.

use std::path::PathBuf;

use sift::engine::ingest::{ready, ByteSource, Pending};

/// Where the benchmark file is.
pub fn bench_path() -> PathBuf {
    std::env::var_os("SIFT_BENCH_CSV").map_or_else(|| PathBuf::from("bench/data/bench-100mb.csv"), PathBuf::from)
}

/// A file read slice by slice, as the browser reads a `File`.
pub struct FileSource(pub std::fs::File, pub u64);

impl FileSource {
    /// The benchmark file, or `None` (with a note of how to make it) when it is missing.
    pub fn bench() -> Option<FileSource> {
        let path = bench_path();
        match std::fs::File::open(&path) {
            Ok(file) => {
                let size = file.metadata().map(|m| m.len()).unwrap_or(0);
                Some(FileSource(file, size))
            }
            Err(_) => {
                println!("{} is missing: run `node bench/generate.mjs` first", path.display());
                None
            }
        }
    }
}

impl ByteSource for FileSource {
    fn size(&self) -> u64 {
        self.1
    }

    fn read_into<'a>(&'a mut self, start: u64, end: u64, out: &'a mut Vec<u8>) -> Pending<'a, ()> {
        use std::io::{Read, Seek, SeekFrom};
        let at = out.len();
        out.resize(at + (end - start) as usize, 0);
        let read = self.0.seek(SeekFrom::Start(start)).and_then(|_| self.0.read_exact(&mut out[at..]));
        ready(read.map_err(|e| e.to_string().into()))
    }
}
