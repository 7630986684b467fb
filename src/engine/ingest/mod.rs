//! From file bytes to a typed [`Table`]: decode the text (detecting the encoding), refuse
//! what is not CSV, sniff the dialect, split the records (blank lines, trailing delimiters,
//! ragged rows), decide the decimal separator and whether there is a header, then infer each
//! column's type over all its values. [`read_csv_detailed`] also says what it decided.

mod convert;
mod dates;
mod decode;
mod guard;
mod header;
mod infer;
mod numbers;
mod report;
mod sniff;
mod structure;

use serde::{Deserialize, Serialize};

use crate::engine::table::{Column, ColumnType, Table};

pub use infer::DEFAULT_MISSING_TOKENS;
pub use report::{ColumnReport, Detected, IngestReport, Renamed, SkippedRows, MAX_LISTED_LINES};
pub use structure::RaggedRows;

use infer::{CellReader, Classifier};
use structure::RawColumn;

/// How to read a CSV file. Every `Option` is `None` to detect it from the data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IngestOptions {
    /// Cell texts (after trimming) read as missing.
    pub missing_tokens: Vec<String>,
    /// A WHATWG encoding label: `utf-8`, `windows-1252`, `latin1`, `utf-16le`, ….
    pub encoding: Option<String>,
    /// The field delimiter byte, e.g. `b';'`.
    pub delimiter: Option<u8>,
    /// The quote byte, `b'"'` or `b'\''`.
    pub quote: Option<u8>,
    /// Whether the first row is a header.
    pub has_header: Option<bool>,
    /// Whether numbers use a decimal comma (`1.234,5`).
    pub decimal_comma: Option<bool>,
    /// How to read dates like `04/03/2024` that fit both orders: day first (`true`) or month
    /// first (`false`). `None`: day first, noted in the report. Unambiguous columns ignore it.
    pub day_first: Option<bool>,
    /// Stop at rows with another field count, or skip them.
    pub ragged: RaggedRows,
    /// Types the user chose, by column name; values that do not fit become missing.
    pub column_types: Vec<(String, ColumnType)>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            missing_tokens: DEFAULT_MISSING_TOKENS.iter().map(|s| s.to_string()).collect(),
            encoding: None,
            delimiter: None,
            quote: None,
            has_header: None,
            decimal_comma: None,
            day_first: None,
            ragged: RaggedRows::Stop,
            column_types: Vec::new(),
        }
    }
}

/// A table and the report of how it was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Ingested {
    pub table: Table,
    pub report: IngestReport,
}

/// Reads a CSV file's bytes into a table named `name`.
pub fn read_csv(name: &str, bytes: &[u8], options: &IngestOptions) -> Result<Table, String> {
    read_csv_detailed(name, bytes, options).map(|ingested| ingested.table)
}

/// Reads a CSV file's bytes into a table named `name`, with what was detected and decided.
/// Errors are one sentence naming the file (and line) and what to do.
pub fn read_csv_detailed(name: &str, bytes: &[u8], options: &IngestOptions) -> Result<Ingested, String> {
    let decode::Decoded { text, encoding, mut notes } = decode::decode(name, bytes, options.encoding.as_deref())?;
    guard::refuse_structured_text(name, &text)?;
    let no_rows = || format!("'{name}' has no header and no rows, only blank space; choose a CSV file with data");
    if text.trim().is_empty() {
        return Err(no_rows());
    }
    let dialect = sniff::dialect(&text, options.delimiter, options.quote);
    let grid = structure::parse(name, &text, dialect.delimiter.value, dialect.quote.value, options.ragged)?;
    drop(text);
    if grid.rows == 0 {
        return Err(no_rows());
    }
    if let Some(line) = grid.unclosed_quote_line.filter(|_| grid.skipped.count > 0) {
        notes.push(format!("a quote opened on line {line} may never be closed; the rows it swallowed were skipped"));
    }
    if grid.trailing_fixed > 0 {
        notes.push(format!(
            "{} rows had one empty field more or less at the end than the first row (a trailing delimiter); the difference was ignored",
            grid.trailing_fixed
        ));
    }
    let decimal_comma = Detected::choose(options.decimal_comma, || {
        let mut evidence = numbers::Evidence::default();
        grid.columns.iter().flat_map(|c| c.cells(0)).for_each(|cell| evidence.observe(cell.trim()));
        evidence.decimal_comma(dialect.delimiter.value)
    });
    let reader = CellReader::new(&options.missing_tokens, decimal_comma.value);
    let has_header = Detected::choose(options.has_header, || header::first_row_is_header(&grid.columns, &reader));
    let mut raw = grid.columns;
    if raw.len() > 1 && raw.last().is_some_and(|c| c.all_empty(0)) {
        raw.pop();
        notes.push("the last column was empty, with no name (every line ends with a delimiter); it was dropped".into());
    }
    let from = usize::from(has_header.value);
    let (names, renamed_headers) = if has_header.value {
        header::unique_names(raw.iter().map(|c| c.get(0)))
    } else {
        (header::generated_names(raw.len()), Vec::new())
    };
    for (wanted, _) in &options.column_types {
        if !names.contains(wanted) {
            notes.push(format!("there is no column named '{wanted}'; the type chosen for it was not applied"));
        }
    }
    let mut columns = Vec::with_capacity(raw.len());
    let mut column_reports = Vec::with_capacity(raw.len());
    for (column_name, cells) in names.into_iter().zip(raw) {
        let forced = options.column_types.iter().rev().find(|(n, _)| *n == column_name).map(|(_, t)| *t);
        let converted = match forced {
            Some(to) => convert::forced(&cells, from, to, &reader, options.day_first),
            None => convert::inferred(&cells, from, infer_kind(&cells, from, &reader), &reader, options.day_first),
        };
        column_reports.push(ColumnReport {
            name: column_name.clone(),
            column_type: converted.data.column_type(),
            forced: forced.is_some(),
            unfit: converted.unfit,
            notes: converted.notes,
        });
        columns.push(Column::new(column_name, converted.data));
    }
    let table = Table::new(name, columns)?;
    let report = IngestReport {
        encoding,
        delimiter: dialect.delimiter,
        quote: dialect.quote,
        has_header,
        decimal_separator: Detected { value: if decimal_comma.value { ',' } else { '.' }, detected: decimal_comma.detected },
        renamed_headers,
        skipped_rows: grid.skipped,
        row_count: table.row_count(),
        column_count: table.column_count(),
        columns: column_reports,
        notes,
    };
    Ok(Ingested { table, report })
}

/// The kind every non-missing cell from row `from` on fits.
fn infer_kind(cells: &RawColumn, from: usize, reader: &CellReader) -> infer::Kind {
    let mut classifier = Classifier::default();
    for value in cells.cells(from).filter_map(|c| reader.value(c)) {
        classifier.feed(value, reader.decimal_comma);
    }
    classifier.kind()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::ColumnData;

    fn read(text: &str) -> Result<Table, String> {
        read_csv("t.csv", text.as_bytes(), &IngestOptions::default())
    }

    #[test]
    fn infers_types_and_missing_tokens() {
        let t = read("n,x,b,d,c,s\n1,1.5,true,2024-01-02,a,hello there\n2,NA,false,,b,x\n3,2e3,,2024-02-29,a,y\n4,0,no,2024-03-01,b,z\n").unwrap();
        let types: Vec<_> = t.columns.iter().map(|c| c.column_type()).collect();
        assert_eq!(
            types,
            [ColumnType::Integer, ColumnType::Number, ColumnType::Boolean, ColumnType::Date, ColumnType::Category, ColumnType::Text]
        );
        let x: Vec<Option<String>> = (0..3).map(|i| t.columns[1].data.text_at(i)).collect();
        assert_eq!(x, [Some("1.5".to_string()), None, Some("2000".to_string())]);
        assert!(matches!(t.columns[4].data, ColumnData::Category { .. }));
        assert_eq!(t.missing_cells(), 3);
    }

    #[test]
    fn sniffs_semicolons_and_tabs() {
        assert_eq!(read("a;b\n1;2\n3;4\n").unwrap().column_names(), ["a", "b"]);
        assert_eq!(read("a\tb\n1\t2\n").unwrap().column_names(), ["a", "b"]);
    }

    #[test]
    fn reports_ragged_rows_with_their_line() {
        let err = read("a,b,c\n1,2,3\n1,2,3,4\n").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn rejects_empty_and_binary_files() {
        assert!(read("").unwrap_err().contains("empty"));
        let err = read_csv("x.bin", b"\x01\x02abc\0\0\0\rIHDR", &IngestOptions::default()).unwrap_err();
        assert!(err.contains("binary"), "{err}");
    }

    #[test]
    fn makes_header_names_unique() {
        assert_eq!(read(",a,a\n1,2,3\n").unwrap().column_names(), ["column_1", "a", "a_2"]);
    }

    #[test]
    fn header_only_file_gives_zero_rows() {
        let t = read("a,b\n").unwrap();
        assert_eq!((t.row_count(), t.column_count()), (0, 2));
    }
}
