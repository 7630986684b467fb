//! Hostile inputs to the CSV reader and writer (issue 17): a stray quote never takes rows
//! silently, a header of quoted numbers is a header, infinity reads back as written, header
//! cells are formula-neutralised like data cells. The properties run 256 cases each in the
//! normal test run; the reader's fuzz run at scale is ignored there:
//!
//!     SIFT_FUZZ_SECONDS=600 nice -n 19 cargo test --release --test hostile_ingest fuzz -- --ignored --nocapture

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use sift::engine::base::error::Error;
use sift::engine::base::table::{Column, ColumnData, ColumnType, Table};
use sift::engine::export::{write_csv, write_csv_with, CsvOptions};
use sift::engine::ingest::{complete, read_csv_detailed, read_csv_in_slices, IngestOptions, Ingested, RaggedRows};

fn read(text: &str) -> Result<Ingested, Error> {
    read_csv_detailed("f.csv", text.as_bytes(), &IngestOptions::default())
}

fn read_with(text: &str, options: &IngestOptions) -> Result<Ingested, Error> {
    read_csv_detailed("f.csv", text.as_bytes(), options)
}

fn quotes_as_text() -> IngestOptions {
    IngestOptions { quotes_as_text: true, ..IngestOptions::default() }
}

/// The same text read in slices of `slice` bytes (as the page reads a file).
fn read_in_slices(text: &str, slice: usize, options: &IngestOptions) -> Result<Ingested, Error> {
    let mut source = text.as_bytes();
    complete(read_csv_in_slices("f.csv", &mut source, (u64::MAX, slice), options, None, &mut |_, _| true))
}

fn texts(t: &Table, column: usize) -> Vec<Option<String>> {
    (0..t.row_count()).map(|row| t.columns[column].data.text_at(row)).collect()
}

// ---- #1 an unclosed quote -------------------------------------------------------------

#[test]
fn an_unclosed_quote_is_an_error_naming_its_line_and_column() {
    let text = "a,b\n1,x\n2,\"oops\n3,y\n4,z\n5,w\n";
    for options in [IngestOptions::default(), IngestOptions { ragged: RaggedRows::Skip, ..IngestOptions::default() }] {
        let err = read_with(text, &options).unwrap_err();
        assert!(err.contains("'f.csv' line 3: the quote that opens column 2 is never closed"), "{err}");
        assert!(err.contains("read quotes as text"), "the message names the way out: {err}");
        for slice in [7, 16, 64] {
            assert_eq!(read_in_slices(text, slice, &options).unwrap_err(), err, "in slices of {slice}");
        }
    }
    // Read with quotes as text, every row is there and the quote is a character.
    let t = read_with(text, &quotes_as_text()).unwrap().table;
    assert_eq!(t.row_count(), 5);
    assert_eq!(texts(&t, 1)[1].as_deref(), Some("\"oops"));
}

#[test]
fn a_stray_quote_in_a_long_file_names_its_line() {
    let mut text = String::from("id,name\n");
    for i in 1..10_000 {
        text.push_str(&format!("{i},{}\n", if i == 10 { "\"stray" } else { "plain" }));
    }
    let err = read(&text).unwrap_err();
    assert!(err.contains("line 11: the quote that opens column 2 is never closed"), "{err}");
    assert_eq!(read_in_slices(&text, 4096, &IngestOptions::default()).unwrap_err(), err);
    assert_eq!(read_with(&text, &quotes_as_text()).unwrap().table.row_count(), 9_999);
}

#[test]
fn a_stray_quote_closed_by_a_later_cell_is_an_error() {
    // The stray quote on line 3 pairs with the opening quote of line 5's cell: lines 3–5
    // would be one cell of a row with the right field count.
    let text = "a,b\n1,\"x\"\n2,\"oops\n3,y\n4,\"z\"\n5,w\n";
    let err = read(text).unwrap_err();
    assert!(err.contains("line 3: the quote that opens column 2 closes only on line 5, with more text after it, so lines 3–5 would be one cell"), "{err}");
    let t = read_with(text, &quotes_as_text()).unwrap().table;
    assert_eq!(
        texts(&t, 1),
        [Some("\"x\""), Some("\"oops"), Some("y"), Some("\"z\""), Some("w")].map(|s| s.map(str::to_string))
    );
}

#[test]
fn quotes_are_quoting_or_refused_never_quietly_dropped() {
    // A quote inside a cell is a character; a quoted cell may hold line breaks, delimiters
    // and doubled quotes.
    let t = read("a,b\nab\"c,1\n\"x\ny\",2\n\"p,\"\"q\"\"\",3\n").unwrap().table;
    assert_eq!(texts(&t, 0), [Some("ab\"c"), Some("x\ny"), Some("p,\"q\"")].map(|s| s.map(str::to_string)));
    // Even spaces after a closing quote are refused: a stray quote before a cell that starts
    // with a space would otherwise split its row in two (`""\t,\n x",y` is two rows).
    let err = read("c0,c1\n\"\"\t,\n '\",\"y\"\n").unwrap_err();
    assert!(err.contains("line 2: the quote that opens column 1 closes before the cell ends (\"\"\t)"), "{err}");
    // Text after a closing quote: the `csv` crate and pandas drop those quotes (`"ab"c` is
    // `abc`, `"He said "hi" there"` is `He said hi" there"`); Sift refuses and names the cell.
    let err = read("a,b\n1,\"ab\"c\n").unwrap_err();
    assert!(
        err.contains("'f.csv' line 2: the quote that opens column 2 closes before the cell ends (\"ab\"c)"),
        "{err}"
    );
    let text = "id,quote\n1,\"He said \"hi\" there\"\n";
    let err = read(text).unwrap_err();
    assert!(
        err.contains("line 2: the quote that opens column 2 closes before the cell ends (\"He said \"hi\" there\")"),
        "{err}"
    );
    assert!(err.contains("read quotes as text"), "{err}");
    let t = read_with(text, &quotes_as_text()).unwrap().table;
    assert_eq!(texts(&t, 1), [Some("\"He said \"hi\" there\"".to_string())]);
    // Quotes as text: the quote byte splits nothing, delimiters inside quotes split.
    let t = read_with("a,b\n\"x,y\",1\n", &IngestOptions { has_header: Some(true), ..quotes_as_text() });
    let err = t.unwrap_err();
    assert!(err.contains("line 2 has 3 fields but line 1 has 2"), "{err}");
}

/// A cell as arbitrary text: any printable characters, and many quotes, delimiters and
/// line breaks.
fn any_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,8}",
        "[\",;\\t\\r\\n' ab]{0,6}",
        prop::sample::select(vec!["\"", "\"\"", "a\"b", "\"a\"b", " \" ", "\n", "\r\n"]).prop_map(str::to_string)
    ]
}

/// A header `c0,c1,…` over rows of arbitrary cells, each written with proper quoting by the
/// `csv` crate (the reference writer).
fn well_formed() -> impl Strategy<Value = (Vec<Vec<String>>, String)> {
    (2usize..5).prop_flat_map(|width| prop::collection::vec(prop::collection::vec(any_cell(), width), 0..12)).prop_map(
        |rows| {
            let width = rows.first().map_or(2, Vec::len);
            let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
            writer.write_record((0..width).map(|i| format!("c{i}"))).unwrap();
            rows.iter().for_each(|row| writer.write_record(row).unwrap());
            (rows, String::from_utf8(writer.into_inner().unwrap()).unwrap())
        },
    )
}

/// Reading as text, nothing missing, with the dialect written (cells of apostrophes could
/// pass for single-quoted fields), so that every cell comes back exactly as written.
fn exact_options(width: usize) -> IngestOptions {
    IngestOptions {
        missing_tokens: Vec::new(),
        delimiter: Some(b','),
        quote: Some(b'"'),
        has_header: Some(true),
        column_types: (0..width).map(|i| (format!("c{i}"), ColumnType::Text)).collect(),
        ..IngestOptions::default()
    }
}

/// The cells of a well-formed file come back exactly.
fn check_exact(rows: &[Vec<String>], csv: &str) -> Result<(), TestCaseError> {
    let width = rows.first().map_or(2, Vec::len);
    let ingested = read_with(csv, &exact_options(width)).map_err(|e| TestCaseError::fail(format!("{e}\n{csv:?}")))?;
    let t = &ingested.table;
    prop_assert_eq!(t.row_count(), rows.len(), "{:?}", csv);
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            prop_assert_eq!(t.columns[c].data.text_at(r), Some(cell.clone()), "row {} column {}\n{:?}", r, c, csv);
        }
    }
    Ok(())
}

/// With one quote put anywhere, the file reads every row (a row may come out split in two),
/// is refused, or says why it may not have: never fewer rows without a word.
fn check_stray_quote(rows: &[Vec<String>], csv: &str, at: usize) -> Result<(), TestCaseError> {
    let mut at = at % (csv.len() + 1);
    while !csv.is_char_boundary(at) {
        at -= 1;
    }
    let hostile = format!("{}\"{}", &csv[..at], &csv[at..]);
    let width = rows.first().map_or(2, Vec::len);
    // A stray quote may make a well-formed file of its own, with rows inside a quoted cell:
    // that is told in a note on cells holding line breaks. (Just before a line break in a
    // quoted cell, it splits the row in two, also well-formed when the field counts agree:
    // more rows, none lost.)
    let told_line_breaks = |i: &Ingested| i.report.notes.iter().any(|n| n.contains("holding line breaks"));
    if let Ok(ingested) = read_with(&hostile, &exact_options(width)) {
        let told = told_line_breaks(&ingested);
        prop_assert!(
            told || ingested.table.row_count() >= rows.len(),
            "{} rows of {}: {:?}",
            ingested.table.row_count(),
            rows.len(),
            hostile
        );
    }
    let skip = IngestOptions { ragged: RaggedRows::Skip, ..exact_options(width) };
    if let Ok(ingested) = read_with(&hostile, &skip) {
        let r = &ingested.report;
        // Skipped rows are listed; rows a quote swallowed into a skipped row are noted.
        let told = r.skipped_rows.count > 0 && r.notes.iter().any(|n| n.contains("quote"));
        let told = told || told_line_breaks(&ingested);
        prop_assert!(told || ingested.table.row_count() + r.skipped_rows.count >= rows.len(), "{:?}", hostile);
    }
    Ok(())
}

proptest! {
    #[test]
    fn well_formed_cells_read_back_exactly((rows, csv) in well_formed()) {
        check_exact(&rows, &csv)?;
    }

    #[test]
    fn one_stray_quote_never_loses_rows_silently((rows, csv) in well_formed(), at in any::<usize>()) {
        check_stray_quote(&rows, &csv, at)?;
    }
}

#[test]
fn notes_count_rows_in_good_english() {
    let notes = read("a,b\n1,2,\n3,4\n").unwrap().report.notes;
    assert!(notes.iter().any(|n| n.starts_with("1 row had one empty field more")), "{notes:?}");
    let notes = read("a,b\n1,\"x\ny\"\n2,\"p\nq\"\n").unwrap().report.notes;
    assert!(
        notes.iter().any(|n| n.starts_with("2 rows have a quoted cell holding line breaks (the first on line 2)")),
        "{notes:?}"
    );
}

// ---- #5 a header of quoted numbers ----------------------------------------------------

#[test]
fn a_header_of_quoted_numbers_over_plain_numbers_is_a_header() {
    // What R's write.csv writes for a table with numbered columns.
    let i = read("\"\",\"0\",\"1\"\n\"0\",27,29\n\"1\",30,31\n").unwrap();
    assert!(i.report.has_header.value);
    assert_eq!(i.table.column_names(), ["column_1", "0", "1"]);
    assert_eq!(i.table.row_count(), 2);
    assert_eq!(texts(&i.table, 1), [Some("27".to_string()), Some("30".to_string())]);
    // Every cell quoted, or none: the quotes say nothing, numbers over numbers are data.
    assert!(!read("\"1\",\"2\"\n\"3\",\"4\"\n").unwrap().report.has_header.value);
    assert!(!read("1,2\n3,4\n").unwrap().report.has_header.value);
}

// ---- #7 infinity ----------------------------------------------------------------------

#[test]
fn infinity_reads_as_a_number_as_pandas_reads_it() {
    let t = read("x,y\ninf,1\n-inf,2\n+inf,3\nInfinity,4\n-INFINITY,5\n1.5,6\n").unwrap().table;
    assert_eq!(t.columns[0].column_type(), ColumnType::Number);
    let values: Vec<f64> = (0..6).map(|r| t.columns[0].data.number_at(r).unwrap()).collect();
    let inf = f64::INFINITY;
    assert_eq!(values, [inf, -inf, inf, inf, -inf, 1.5]);
}

#[test]
fn a_column_with_infinity_is_profiled_without_panic() {
    let t = read("x,y\ninf,1\n-inf,2\n3,3\n1e309,4\n,5\n").unwrap().table;
    let report = sift::engine::profile::profile(&t);
    assert_eq!(report.columns.len(), 2);
}

#[test]
fn infinity_written_by_sift_reads_back_the_same() {
    let numbers = vec![f64::INFINITY, f64::NEG_INFINITY, 2.5, f64::NAN];
    let table = Table::new("t", vec![Column::new("x", ColumnData::Number(numbers.clone().into()))]).unwrap();
    let csv = write_csv(&table, CsvOptions::default()).unwrap();
    let back = read(&csv).unwrap().table;
    assert_eq!(back.columns[0].column_type(), ColumnType::Number, "{csv}");
    let got: Vec<Option<f64>> = (0..4).map(|r| back.columns[0].data.number_at(r)).collect();
    assert_eq!(got, [Some(f64::INFINITY), Some(f64::NEG_INFINITY), Some(2.5), None], "{csv}");
}

#[test]
fn a_number_too_large_for_f64_is_infinity_with_a_note_naming_its_line() {
    let mut text = String::from("body_mass_g,species\n");
    for i in 2..=200 {
        text.push_str(&format!("{},a\n", 3000 + i));
    }
    text.push_str("1e309,b\n-2e400,a\n");
    for options in [
        IngestOptions::default(),
        IngestOptions { column_types: vec![("body_mass_g".into(), ColumnType::Number)], ..IngestOptions::default() },
    ] {
        for ingested in [read_with(&text, &options).unwrap(), read_in_slices(&text, 256, &options).unwrap()] {
            let column = &ingested.table.columns[0];
            assert_eq!(column.data.number_at(199), Some(f64::INFINITY));
            assert_eq!(column.data.number_at(200), Some(f64::NEG_INFINITY));
            let notes = &ingested.report.columns[0].notes;
            assert!(
                notes.iter().any(|n| n
                    == "'1e309' on line 201 is too large for a number and was read as infinity (and 1 more value)"),
                "{notes:?}"
            );
        }
    }
    // Infinity written as such is not a surprise: no note.
    assert!(read("x\n1\ninf\n").unwrap().report.columns[0].notes.is_empty());
}

// ---- #4 header cells are formula-neutralised ------------------------------------------

#[test]
fn header_cells_are_neutralised_like_data_cells() {
    let t = read("=cmd,+b,-c,@d,-1\nx,1,2,3,4\n").unwrap().table;
    assert_eq!(t.column_names(), ["=cmd", "+b", "-c", "@d", "-1"]);
    let csv = write_csv(&t, CsvOptions::default()).unwrap();
    assert_eq!(csv.lines().next(), Some("'=cmd,'+b,'-c,'@d,-1"), "{csv}");
    // The predictions CSV's writer: extra columns' names too.
    let hyperlink = "=HYPERLINK(\"http://x\",\"y\")";
    let values = vec!["a".to_string(), "b".to_string()];
    let csv = write_csv_with(&t, &[(hyperlink, &values)], CsvOptions::default()).unwrap();
    assert!(csv.starts_with("'=cmd,'+b,'-c,'@d,-1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n"), "{csv}");
    // Unprotected on request, as for data cells.
    let csv = write_csv(&t, CsvOptions { protect_formulas: false }).unwrap();
    assert!(csv.starts_with("=cmd,+b,-c,@d,-1\r\n"), "{csv}");
}

// ---- the reader fuzzed at scale -------------------------------------------------------

/// Bytes that look like CSV: delimiters, quotes, line breaks, numbers, infinity, BOMs.
fn csvish() -> impl Strategy<Value = Vec<u8>> {
    let pieces: Vec<&'static [u8]> = vec![
        b",",
        b";",
        b"\t",
        b"|",
        b"\"",
        b"'",
        b"\"\"",
        b"\n",
        b"\r\n",
        b"\r",
        b" ",
        b"a",
        b"xyz",
        b"0",
        b"1.5",
        b"-2",
        b"1e309",
        b"inf",
        b"-Infinity",
        b"NA",
        b"2024-02-29",
        b"12%",
        b"1,234",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"\xC3\xA9",
        b"\xE9",
        b"sep=;\n",
        b"=cmd",
        b"\x00",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..200).prop_map(|p| p.concat())
}

/// Reads `bytes` every way the page can; no panic, and a table of equal-length columns.
fn check_no_panic(bytes: &[u8]) -> Result<(), TestCaseError> {
    let text_options = quotes_as_text();
    for options in
        [IngestOptions::default(), IngestOptions { ragged: RaggedRows::Skip, ..IngestOptions::default() }, text_options]
    {
        if let Ok(ingested) = read_csv_detailed("f.csv", bytes, &options) {
            let rows = ingested.table.row_count();
            prop_assert!(ingested.table.columns.iter().all(|c| c.data.len() == rows));
        }
        let mut source = bytes;
        let _ = complete(read_csv_in_slices("f.csv", &mut source, (u64::MAX, 64), &options, None, &mut |_, _| true));
    }
    Ok(())
}

proptest! {
    #[test]
    fn csv_like_bytes_never_panic(bytes in csvish()) {
        check_no_panic(&bytes)?;
    }
}

/// The properties above for `SIFT_FUZZ_SECONDS` seconds (default 60), in rounds of 2,000
/// cases each, fresh random seeds every round.
#[test]
#[ignore = "a long fuzz run; see the module doc"]
fn fuzz_reader_at_scale() {
    let seconds: u64 = std::env::var("SIFT_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let config = Config { cases: 2000, failure_persistence: None, ..Config::default() };
    let mut cases = 0u64;
    while std::time::Instant::now() < deadline {
        TestRunner::new(config.clone()).run(&csvish(), |bytes| check_no_panic(&bytes)).unwrap();
        TestRunner::new(config.clone()).run(&well_formed(), |(rows, csv)| check_exact(&rows, &csv)).unwrap();
        TestRunner::new(config.clone())
            .run(&(well_formed(), any::<usize>()), |((rows, csv), at)| check_stray_quote(&rows, &csv, at))
            .unwrap();
        cases += 3 * u64::from(config.cases);
        eprintln!("fuzz: {cases} cases clean");
    }
    eprintln!("fuzz: {cases} cases in {seconds} s, no failure");
}
