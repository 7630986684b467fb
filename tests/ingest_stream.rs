//! Reading a file slice by slice gives the same table and report as reading it whole: rows
//! and quoted fields cut by a slice's end, characters cut in the middle, columns whose type
//! changes late (read again), a decimal comma guessed wrong at first (the file read again),
//! a sample of a file's first bytes, and files that must be read whole after all (not UTF-8
//! past the first slice, UTF-16, JSON). Each is also read shared with a partner that builds
//! half of the columns (as the browser's helper worker does), whose columns go through the
//! bytes they are handed over as.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use sift::engine::base::error::Error;
use sift::engine::ingest::{
    complete, read_csv_detailed, read_csv_in_slices, ready, ByteSource, IngestOptions, Ingested, Partner, Pending,
};

#[path = "common/local_partner.rs"]
mod local_partner;
use local_partner::Local;

/// A file in memory that counts how much of it was read, and at most how much at once.
struct Counted<'a> {
    bytes: &'a [u8],
    read: usize,
    largest: usize,
}

impl ByteSource for Counted<'_> {
    fn size(&self) -> u64 {
        self.bytes.len() as u64
    }

    fn read_into<'a>(&'a mut self, start: u64, end: u64, out: &'a mut Vec<u8>) -> Pending<'a, ()> {
        let part = &self.bytes[start as usize..end as usize];
        self.read += part.len();
        self.largest = self.largest.max(part.len());
        out.extend_from_slice(part);
        ready(Ok(()))
    }
}

/// A file in memory that, like a browser, makes every read wait once before it is done.
struct Waiting<'a>(&'a [u8]);

impl ByteSource for Waiting<'_> {
    fn size(&self) -> u64 {
        self.0.len() as u64
    }

    fn read_into<'a>(&'a mut self, start: u64, end: u64, out: &'a mut Vec<u8>) -> Pending<'a, ()> {
        let part = &self.0[start as usize..end as usize];
        let mut waited = false;
        Box::pin(std::future::poll_fn(move |context| {
            if !waited {
                waited = true;
                context.waker().wake_by_ref();
                return Poll::Pending;
            }
            out.extend_from_slice(part);
            Poll::Ready(Ok(()))
        }))
    }
}

/// Polls `future` until it is done, counting how often it had to wait.
fn run<T>(future: impl Future<Output = T>) -> (T, usize) {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    let mut waits = 0;
    loop {
        match future.as_mut().poll(&mut context) {
            Poll::Ready(value) => return (value, waits),
            Poll::Pending => waits += 1,
        }
    }
}

fn sliced<'a>(
    bytes: &'a [u8],
    slice: usize,
    limit: u64,
    options: &IngestOptions,
) -> (Result<Ingested, Error>, Counted<'a>) {
    read_sliced(bytes, slice, limit, options, None)
}

/// `bytes` read `slice` bytes at a time, up to `limit`, with `partner` if there is one.
fn read_sliced<'a>(
    bytes: &'a [u8],
    slice: usize,
    limit: u64,
    options: &IngestOptions,
    partner: Option<&mut dyn Partner>,
) -> (Result<Ingested, Error>, Counted<'a>) {
    let mut source = Counted { bytes, read: 0, largest: 0 };
    let mut reports = 0;
    let result =
        complete(read_csv_in_slices("f.csv", &mut source, (limit, slice), options, partner, &mut |share, _| {
            assert!((0.0..=1.0).contains(&share));
            reports += 1;
            true
        }));
    (result, source)
}

/// `bytes` read with a [`Local`] partner; the partner after.
fn shared<'a>(
    bytes: &'a [u8],
    slice: usize,
    limit: u64,
    options: &IngestOptions,
) -> (Result<Ingested, Error>, Local<'a>) {
    let mut partner = Local::new(bytes);
    let (result, _) = read_sliced(bytes, slice, limit, options, Some(&mut partner));
    (result, partner)
}

fn assert_same(text: &str, slice: usize) {
    let whole = read_csv_detailed("f.csv", text.as_bytes(), &IngestOptions::default());
    let (parts, source) = sliced(text.as_bytes(), slice, u64::MAX, &IngestOptions::default());
    assert_eq!(parts, whole, "slice {slice}");
    assert!(source.largest <= slice.max(64), "read {} bytes at once", source.largest);
    let (together, partner) = shared(text.as_bytes(), slice, u64::MAX, &IngestOptions::default());
    assert_eq!(together, whole, "shared, slice {slice}");
    if text.len() > 2 * slice.max(64) {
        assert!(partner.starts >= 1 && partner.columns >= 1, "slice {slice}: the partner read no column");
    }
}

/// A CSV of `rows` rows with quoted fields holding delimiters, quotes and line breaks,
/// accented text, CRLF line ends, blank lines and missing values.
fn tricky(rows: usize) -> String {
    let mut text = String::from("id,name,note,price,day\r\n");
    for i in 0..rows {
        let note = match i % 5 {
            0 => "\"a, b\"".to_string(),
            1 => "\"two\nlines\"".to_string(),
            2 => "\"say \"\"hi\"\"\"".to_string(),
            3 => String::new(),
            _ => format!("plain{i}"),
        };
        let name = ["Zoë", "Ångström", "naïve café", "€uro", "日本"][i % 5];
        text.push_str(&format!("{i},{name},{note},{}.{:02},2024-01-{:02}\r\n", i % 97, i % 100, 1 + i % 28));
        if i % 17 == 0 {
            text.push_str("\r\n");
        }
    }
    text
}

#[test]
fn slices_give_the_same_table_as_the_whole_text() {
    let text = tricky(400);
    for slice in [64, 97, 256, 1000, 4096] {
        assert_same(&text, slice);
    }
}

#[test]
fn a_late_wider_type_and_a_decimal_comma_read_again_as_whole() {
    // Integers for 1,200 rows (more than the first rows types are judged on), then a text.
    let mut late = String::from("n,x\n");
    (0..1200).for_each(|i| late.push_str(&format!("{i},{i}\n")));
    late.push_str("many,7\n");
    assert_same(&late, 500);
    let (read, _) = sliced(late.as_bytes(), 500, u64::MAX, &IngestOptions::default());
    assert_eq!(read.unwrap().table.columns[0].column_type().name(), "text");
    // Semicolons and decimal commas that the first rows do not give away.
    let mut comma = String::from("a;b\n");
    (0..1500).for_each(|i| comma.push_str(&format!("{i};{}\n", i * 1000)));
    (0..50).for_each(|i| comma.push_str(&format!("{i},5;1\n")));
    assert_same(&comma, 700);
}

#[test]
fn a_sample_keeps_whole_lines_of_the_bytes_asked_for() {
    let mut text = String::from("a,b,c\n");
    (0..2000).for_each(|i| text.push_str(&format!("{i},x{},{}.5\n", i % 7, i % 13)));
    let limit = text.len() as u64 / 2;
    let (read, source) = sliced(text.as_bytes(), 300, limit, &IngestOptions::default());
    let table = read.unwrap().table;
    let cut = &text[..text[..limit as usize].rfind('\n').unwrap() + 1];
    let expected = read_csv_detailed("f.csv", cut.as_bytes(), &IngestOptions::default()).unwrap().table;
    assert_eq!(table, expected);
    assert!(source.read as u64 <= limit + 300, "read {} of {limit} bytes", source.read);
    let (read, partner) = shared(text.as_bytes(), 300, limit, &IngestOptions::default());
    assert_eq!(read.unwrap().table, expected);
    assert_eq!(partner.starts, 1);
    assert!((1..3).contains(&partner.columns), "the partner read {} of the three columns", partner.columns);
}

#[test]
fn files_that_are_not_utf8_throughout_are_read_whole() {
    // Valid UTF-8 in the first slice, a Latin-1 byte much later.
    let mut latin = tricky(200).into_bytes();
    latin.extend_from_slice(b"9999,M\xfcller,x,1.5,2024-02-01\r\n");
    let whole = read_csv_detailed("f.csv", &latin, &IngestOptions::default());
    let (read, source) = sliced(&latin, 128, u64::MAX, &IngestOptions::default());
    assert_eq!(read, whole);
    assert!(whole.unwrap().report.notes[0].contains("invalid"));
    assert!(source.read > latin.len(), "the file was read again, whole");
    // UTF-16 with a byte-order mark.
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(tricky(100).encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let (read, _) = sliced(&utf16, 128, u64::MAX, &IngestOptions::default());
    assert_eq!(read, read_csv_detailed("f.csv", &utf16, &IngestOptions::default()));
    // A JSON array is refused the same way.
    let json = format!("[{}]", vec!["{\"a\": 1}"; 300].join(","));
    let (read, _) = sliced(json.as_bytes(), 128, u64::MAX, &IngestOptions::default());
    assert!(read.unwrap_err().contains("JSON"));
}

#[test]
fn ragged_rows_are_found_on_either_side_of_a_cut() {
    let mut text = tricky(300);
    text.push_str("1,2\n");
    let whole = read_csv_detailed("f.csv", text.as_bytes(), &IngestOptions::default()).unwrap_err();
    let (read, _) = sliced(text.as_bytes(), 200, u64::MAX, &IngestOptions::default());
    assert_eq!(read.unwrap_err(), whole);
    let (read, _) = shared(text.as_bytes(), 200, u64::MAX, &IngestOptions::default());
    assert_eq!(read.unwrap_err(), whole);
}

#[test]
fn a_source_that_makes_each_read_wait_gives_the_same_table() {
    let text = tricky(400);
    let whole = read_csv_detailed("f.csv", text.as_bytes(), &IngestOptions::default());
    for slice in [64, 300, 4096] {
        let mut source = Waiting(text.as_bytes());
        let (read, waits) = run(read_csv_in_slices(
            "f.csv",
            &mut source,
            (u64::MAX, slice),
            &IngestOptions::default(),
            None,
            &mut |_, _| true,
        ));
        assert_eq!(read, whole, "slice {slice}");
        assert!(waits >= text.len() / slice, "slice {slice}: waited {waits} times");
        let mut source = Waiting(text.as_bytes());
        let refused = complete(read_csv_in_slices(
            "f.csv",
            &mut source,
            (u64::MAX, slice),
            &IngestOptions::default(),
            None,
            &mut |_, _| true,
        ));
        assert!(refused.is_err_and(|e| e.contains("had to wait")), "slice {slice}");
    }
}
