//! Ingest against pandas on small real-world-like files in tests/fixtures/ingest/. The
//! expected values beside each file come from pandas `read_csv` given the same reading
//! instructions and Sift's missing tokens (see tests/fixtures/ingest/expected.py); Sift is
//! given no options unless the expected file says so: it must detect what pandas is told.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use sift::engine::base::table::{Column, ColumnType};
use sift::engine::ingest::{read_csv_detailed, IngestOptions};

#[derive(Deserialize)]
struct Expected {
    file: String,
    sift_options: serde_json::Value,
    rows: usize,
    columns: usize,
    names: Vec<String>,
    kinds: Vec<String>,
    missing: Vec<usize>,
    numeric: BTreeMap<String, Stats>,
    dates: BTreeMap<String, DateRange>,
}

#[derive(Deserialize)]
struct Stats {
    mean: Option<f64>,
    std: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
}

#[derive(Deserialize)]
struct DateRange {
    min: String,
    max: String,
}

/// Sift's name for a pandas column name: "Unnamed: i" → "column_<i+1>", "x.k" (a repeat of
/// an earlier "x") → "x_<k+1>", integer names (header=None) → "column_<i+1>".
fn sift_name(pandas: &str, earlier: &[String]) -> String {
    if let Some(i) = pandas.strip_prefix("Unnamed: ").and_then(|i| i.parse::<usize>().ok()) {
        return format!("column_{}", i + 1);
    }
    if let Ok(i) = pandas.parse::<usize>() {
        return format!("column_{}", i + 1);
    }
    if let Some((base, k)) = pandas.rsplit_once('.') {
        if let (Ok(k), true) = (k.parse::<usize>(), earlier.iter().any(|e| e == base)) {
            return format!("{base}_{}", k + 1);
        }
    }
    pandas.to_string()
}

fn close(what: &str, actual: Option<f64>, expected: Option<f64>) {
    match (actual, expected) {
        (Some(a), Some(e)) => assert!((a - e).abs() <= 1e-9 * e.abs().max(1e-300), "{what}: Sift {a}, pandas {e}"),
        (a, e) => assert_eq!(a, e, "{what}"),
    }
}

fn stats(column: &Column) -> Stats {
    let values: Vec<f64> = (0..column.data.len()).filter_map(|i| column.data.number_at(i)).collect();
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let fold = |f: fn(f64, f64) -> f64| values.iter().copied().reduce(f);
    Stats {
        mean: (n > 0.0).then_some(mean),
        std: (n > 1.0).then(|| var.sqrt()),
        min: fold(f64::min),
        max: fold(f64::max),
    }
}

fn check(expected_path: &Path) {
    let expected: Expected = serde_json::from_str(&std::fs::read_to_string(expected_path).unwrap()).unwrap();
    let file = &expected.file;
    let bytes = std::fs::read(expected_path.with_file_name(file)).unwrap();
    let options: IngestOptions = serde_json::from_value(expected.sift_options.clone()).unwrap();
    let ingested = read_csv_detailed(file, &bytes, &options).unwrap_or_else(|e| panic!("{file}: {e}"));
    let table = &ingested.table;
    assert_eq!((table.row_count(), table.column_count()), (expected.rows, expected.columns), "{file}: shape");
    let mut names = Vec::new();
    for pandas in &expected.names {
        let name = sift_name(pandas, &expected.names);
        names.push(name);
    }
    assert_eq!(table.column_names(), names, "{file}: names");
    for (i, column) in table.columns.iter().enumerate() {
        let what = format!("{file}: column '{}'", column.name);
        assert_eq!(column.data.missing_count(), expected.missing[i], "{what}: missing");
        let t = column.column_type();
        let ok = match expected.kinds[i].as_str() {
            "i" => t == ColumnType::Integer,
            "f" => matches!(t, ColumnType::Number | ColumnType::Integer),
            "M" => t == ColumnType::Date,
            "b" => t == ColumnType::Boolean,
            _ => matches!(t, ColumnType::Category | ColumnType::Text | ColumnType::Boolean),
        };
        assert!(ok, "{what}: Sift type {t:?}, pandas dtype kind {}", expected.kinds[i]);
        if let Some(e) = expected.numeric.get(&expected.names[i]) {
            let a = stats(column);
            close(&format!("{what} mean"), a.mean, e.mean);
            close(&format!("{what} std"), a.std, e.std);
            close(&format!("{what} min"), a.min, e.min);
            close(&format!("{what} max"), a.max, e.max);
        }
        if let Some(e) = expected.dates.get(&expected.names[i]) {
            let days: Vec<String> = (0..column.data.len()).filter_map(|r| column.data.text_at(r)).collect();
            assert_eq!(days.iter().min(), Some(&e.min), "{what}: first date");
            assert_eq!(days.iter().max(), Some(&e.max), "{what}: last date");
        }
    }
}

#[test]
fn every_fixture_matches_pandas() {
    let dir = Path::new("tests/fixtures/ingest");
    let mut checked = 0;
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths.iter().filter(|p| p.to_string_lossy().ends_with(".expected.json")) {
        check(path);
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} fixtures were checked");
}

#[test]
fn the_report_says_what_was_detected() {
    let read = |file: &str| {
        let bytes = std::fs::read(Path::new("tests/fixtures/ingest").join(file)).unwrap();
        read_csv_detailed(file, &bytes, &IngestOptions::default()).unwrap().report
    };
    let r = read("semicolon_decimal_comma.csv");
    assert_eq!((r.delimiter.value, r.decimal_separator.value, r.encoding.value.as_str()), (b';', ',', "UTF-8"));
    assert!(r.columns[0].notes.iter().any(|n| n.contains("day/month")), "{:?}", r.columns[0]);
    assert!(r.columns[2].notes.iter().any(|n| n.contains("thousands")), "{:?}", r.columns[2]);
    let r = read("latin1.csv");
    assert_eq!(r.encoding.value, "windows-1252");
    assert!(r.notes.iter().any(|n| n.contains("not UTF-8")), "{:?}", r.notes);
    let r = read("utf16_tab.csv");
    assert_eq!((r.encoding.value.as_str(), r.delimiter.value), ("UTF-16LE", b'\t'));
    let r = read("r_write_csv.csv");
    assert_eq!(r.renamed_headers[0].name, "column_1");
    let r = read("pipe_single_quote.csv");
    assert_eq!((r.delimiter.value, r.quote.value), (b'|', b'\''));
    let r = read("no_header.csv");
    assert!(!r.has_header.value && r.has_header.detected);
    let r = read("percentages.csv");
    assert!(r.columns[1].notes.iter().any(|n| n.contains("percent")), "{:?}", r.columns[1]);
    let r = read("trailing_delimiter.csv");
    assert!(r.notes.iter().any(|n| n.contains("dropped")), "{:?}", r.notes);
}
