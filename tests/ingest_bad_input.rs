//! Bad input: each file gets a clear one-sentence error naming it, or a correct table —
//! never a panic, and never work that grows faster than the file.

use sift::engine::base::error::Error;
use std::time::{Duration, Instant};

use sift::engine::base::table::ColumnType;
use sift::engine::ingest::{read_csv_detailed, IngestOptions, Ingested};

fn read(name: &str, bytes: &[u8]) -> Result<Ingested, Error> {
    read_csv_detailed(name, bytes, &IngestOptions::default())
}

fn error(name: &str, bytes: &[u8]) -> Error {
    let e = read(name, bytes).map(|i| i.report).unwrap_err();
    assert!(e.contains(&format!("'{name}'")), "the error names the file: {e}");
    assert!(!e.contains('\n'), "one sentence: {e}");
    e
}

/// Generous bounds (debug build, shared 2-core machine) that still catch quadratic work.
fn quick<T>(what: &str, limit: Duration, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = f();
    assert!(start.elapsed() < limit, "{what} took {:?}", start.elapsed());
    result
}

#[test]
fn empty_and_blank_files() {
    assert!(error("zero.csv", b"").contains("0 bytes"));
    assert!(error("blank.csv", b"  \r\n\n\t\n").contains("no header and no rows"));
    assert!(error("bom.csv", b"\xEF\xBB\xBF").contains("no header and no rows"));
}

#[test]
fn binary_files_and_spreadsheets() {
    assert!(error("image.png", include_bytes!("fixtures/binary.bin")).contains("PNG image"));
    assert!(error("book.xlsx", b"PK\x03\x04\x14\x00\x06\x00").contains("Excel"));
    assert!(error("data.gz", b"\x1F\x8B\x08\x00").contains("decompress"));
    let noise: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    assert!(error("noise.dat", &noise).contains("binary"));
}

#[test]
fn json_html_and_xml_are_named() {
    assert!(error("rows.csv", br#"[{"a": 1}, {"a": 2}]"#).contains("JSON document"));
    assert!(error("obj.csv", b"\n  {\"rows\": []}\n").contains("JSON document"));
    assert!(error("lines.csv", b"{\"a\":1}\n{\"a\":2}\n").contains("JSON Lines"));
    assert!(error("page.csv", b"<!DOCTYPE html>\n<html><body>404</body></html>").contains("HTML"));
    assert!(error("page2.csv", b"<html lang=en>").contains("HTML"));
    assert!(error("feed.csv", b"<?xml version=\"1.0\"?><a/>").contains("XML"));
    // A CSV whose first cell starts with a bracket is still a CSV.
    let t = read("brackets.csv", b"[id],name\n1,x\n").unwrap().table;
    assert_eq!(t.column_names(), ["[id]", "name"]);
}

#[test]
fn header_only_file_is_an_empty_table() {
    let i = read("header.csv", b"a;b;c\r\n").unwrap();
    assert_eq!((i.table.row_count(), i.table.column_count(), i.report.delimiter.value), (0, 3, b';'));
}

#[test]
fn ten_thousand_columns() {
    let header: Vec<String> = (0..10_000).map(|i| format!("c{i}")).collect();
    let row: Vec<String> = (0..10_000).map(|i| (i % 7).to_string()).collect();
    let text = format!("{}\n{}\n{}\n", header.join(","), row.join(","), row.join(","));
    let i = quick("10 000 columns", Duration::from_secs(10), || read("wide.csv", text.as_bytes()).unwrap());
    assert_eq!((i.table.row_count(), i.table.column_count()), (2, 10_000));
    assert_eq!(i.table.columns[9_999].column_type(), ColumnType::Integer);
    let same = format!("{}\n", vec!["x"; 10_000].join(","));
    let i = quick("10 000 equal names", Duration::from_secs(10), || read("same.csv", same.as_bytes()).unwrap());
    assert_eq!(i.table.columns[9_999].name, "x_10000");
    assert_eq!(i.report.renamed_headers.len(), 9_999);
}

#[test]
fn a_one_megabyte_cell() {
    let big = "x".repeat(1 << 20);
    let text = format!("id,blob\n1,\"{big}\"\n2,{big}\n");
    let i = quick("1 MB cells", Duration::from_secs(10), || read("big.csv", text.as_bytes()).unwrap());
    assert_eq!(i.table.row_count(), 2);
    assert_eq!(i.table.columns[1].data.text_at(0).map(|s| s.len()), Some(1 << 20));
    let quoted_newlines = format!("a\n\"{}\"\n", "line\n".repeat(200_000));
    let i =
        quick("1 MB quoted newlines", Duration::from_secs(10), || read("nl.csv", quoted_newlines.as_bytes()).unwrap());
    assert_eq!(i.table.row_count(), 1);
}

#[test]
fn invalid_utf8_in_the_middle() {
    let mut bytes = "name,city\nRené,Zürich\nJosé,Köln\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"Fran\xe7ois,Paris\n");
    let i = read("mixed.csv", &bytes).unwrap();
    assert_eq!(i.report.encoding.value, "UTF-8");
    assert!(i.report.notes[0].contains("line 4"), "{:?}", i.report.notes);
    assert_eq!(i.table.columns[0].data.text_at(2).as_deref(), Some("Fran\u{FFFD}ois"));
    let latin = b"name,city\nRen\xe9,Z\xfcrich\nFran\xe7ois,Paris\n";
    let i = read("latin.csv", latin).unwrap();
    assert_eq!(i.report.encoding.value, "windows-1252");
    assert_eq!(i.table.columns[0].data.text_at(1).as_deref(), Some("François"));
}

#[test]
fn unknown_encoding_label_and_bad_ragged_rows_say_what_to_do() {
    let options = IngestOptions { encoding: Some("ebcdic-ish".into()), ..IngestOptions::default() };
    let e = read_csv_detailed("x.csv", b"a\n1\n", &options).unwrap_err();
    assert!(e.contains("not an encoding") && e.contains("utf-8"), "{e}");
    let e = error("ragged.csv", include_bytes!("fixtures/ragged.csv"));
    assert!(e.contains("line 3 has 4 fields but line 1 has 3") && e.contains("skip"), "{e}");
}

#[test]
fn many_ragged_rows_are_counted_not_listed_forever() {
    let mut text = String::from("a,b\n");
    for i in 0..5_000 {
        text.push_str(if i % 2 == 0 { "1,2\n" } else { "1,2,3\n" });
    }
    let e = error("r.csv", text.as_bytes());
    assert!(e.contains("2500 of 5001 rows") && e.contains("…"), "{e}");
    let options = IngestOptions { ragged: sift::engine::ingest::RaggedRows::Skip, ..IngestOptions::default() };
    let i = read_csv_detailed("r.csv", text.as_bytes(), &options).unwrap();
    assert_eq!(
        (i.table.row_count(), i.report.skipped_rows.count, i.report.skipped_rows.lines.len()),
        (2500, 2500, 100)
    );
    assert_eq!(i.report.skipped_rows.lines[..2], [3, 5]);
}
