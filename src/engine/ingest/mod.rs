//! From file bytes to a typed [`Table`]: decode the text (detecting the encoding), refuse
//! what is not CSV, sniff the dialect, then read the rows once, straight into typed columns
//! (blank lines, trailing delimiters and ragged rows handled on the way), deciding the
//! decimal separator, whether there is a header and each column's type over all its values.
//! [`read_csv_detailed`] also says what it decided.

mod builder;
mod cells;
mod convert;
mod decimal;
mod decode;
mod dictionary;
mod excel;
mod guard;
mod head;
mod header;
mod kind;
mod lanes;
mod levels;
mod pass;

mod pieces;
mod report;
mod rows;
mod share;
mod sniff;
mod split;
mod store;
mod stream;

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use crate::engine::base::table::{Column, ColumnType, Table};

pub use crate::engine::base::pending::{complete, ready, Pending};
pub use cells::DEFAULT_MISSING_TOKENS;
pub use convert::Converted;
pub use report::{ColumnReport, Detected, IngestReport, Renamed, SkippedRows, MAX_LISTED_LINES};
pub use rows::RaggedRows;
pub use share::{ColumnHeader, Part, PartColumn, PartHeader, Partner, ShareRequest};
pub use stream::{
    read_bytes, read_csv_from, read_csv_in_slices, read_csv_shared, read_part, slice_for, ByteSource, SHARE_MIN_BYTES,
    SLICE_BYTES,
};

use crate::engine::learn::ProgressFn;
pub use excel::sep_line;
use pieces::{Pieces, Whole};
pub use split::{records_end, whole_records_end, Split};

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
    /// Read every quote as a plain character: no field is quoted. The way to read a file
    /// whose quotes are not CSV quoting (a stray `"` for inches, an unclosed quote).
    pub quotes_as_text: bool,
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
            quotes_as_text: false,
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
pub fn read_csv(name: &str, bytes: &[u8], options: &IngestOptions) -> Result<Table> {
    read_csv_detailed(name, bytes, options).map(|ingested| ingested.table)
}

/// Reads a CSV file's bytes into a table named `name`, with what was detected and decided.
/// Errors are one sentence naming the file (and line) and what to do.
pub fn read_csv_detailed(name: &str, bytes: &[u8], options: &IngestOptions) -> Result<Ingested> {
    read_csv_with_progress(name, bytes, options, &mut |_, _| true)
}

/// [`read_csv_detailed`], telling `progress` the share of the rows read (a `false` from it
/// stops the read with a "cancelled" error).
pub fn read_csv_with_progress(
    name: &str,
    bytes: &[u8],
    options: &IngestOptions,
    progress: &mut ProgressFn,
) -> Result<Ingested> {
    let decode::Decoded { text, encoding, notes } = decode::decode(name, bytes, options.encoding.as_deref())?;
    guard::refuse_structured_text(name, &text)?;
    if text.trim().is_empty() {
        return Err(pass::no_rows(name));
    }
    complete(read_pieces(name, &mut Whole::new(&text), &text, (encoding, notes), options, None, progress))
}

/// Reads the text `pieces` hand over, whose start is `head` (enough to sniff the dialect),
/// decoded as `decoded` says; `partner`, when there is one, reads half of the columns, a
/// slice of the given size at a time.
async fn read_pieces(
    name: &str,
    pieces: &mut dyn Pieces,
    head: &str,
    (encoding, mut notes): (Detected<String>, Vec<String>),
    options: &IngestOptions,
    partner: Option<(&mut dyn Partner, usize)>,
    progress: &mut ProgressFn<'_>,
) -> Result<Ingested> {
    if !options.delimiter.is_none_or(|d| d.is_ascii()) || !options.quote.is_none_or(|q| q.is_ascii()) {
        return Err(Error::invalid_param(
            "delimiter",
            format!("the delimiter and the quote chosen for '{name}' must be ASCII characters such as , ; | or \""),
        ));
    }
    let (dialect, split) = dialect(head, options, &mut notes);
    let read = share::read_columns(name, pieces, split, options, partner, progress).await?;
    notes.extend(read.notes);
    let mut columns = Vec::with_capacity(read.columns.len());
    let mut column_reports = Vec::with_capacity(read.columns.len());
    for (column_name, column) in read.names.into_iter().zip(read.columns) {
        let Some((Converted { data, notes, unfit }, forced)) = column else {
            return Err(Error::other(format!(
                "column '{column_name}' of '{name}' was not read; please open the file again"
            )));
        };
        column_reports.push(ColumnReport {
            name: column_name.clone(),
            column_type: data.column_type(),
            forced,
            unfit,
            notes,
        });
        columns.push(Column::new(column_name, data));
    }
    let table = Table::new(name, columns)?;
    let report = IngestReport {
        encoding,
        delimiter: dialect.delimiter,
        quote: dialect.quote,
        has_header: read.has_header,
        decimal_separator: Detected {
            value: if read.decimal_comma { ',' } else { '.' },
            detected: options.decimal_comma.is_none(),
        },
        renamed_headers: read.renamed,
        skipped_rows: read.tally.skipped,
        row_count: table.row_count(),
        column_count: table.column_count(),
        columns: column_reports,
        notes,
    };
    Ok(Ingested { table, report })
}

/// The delimiter and quote: the user's, else the one an Excel `sep=` first line names (that
/// line is then skipped), else what the text shows.
fn dialect(text: &str, options: &IngestOptions, notes: &mut Vec<String>) -> (sniff::Dialect, Split) {
    let sep_line = excel::sep_line(text);
    let start = sep_line.map_or(0, |(_, len)| len);
    let mut dialect = sniff::dialect(
        &text[start..],
        options.delimiter.or(sep_line.map(|(d, _)| d)),
        options.quote,
        !options.quotes_as_text,
    );
    if let Some((named, _)) = sep_line {
        dialect.delimiter.detected = options.delimiter.is_none();
        notes.push(excel::note(named, dialect.delimiter.detected));
    }
    let quote = (!options.quotes_as_text).then_some(dialect.quote.value);
    let split = Split { delimiter: dialect.delimiter.value, quote, start };
    (dialect, split)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::ColumnData;

    fn read(text: &str) -> Result<Table> {
        read_csv("t.csv", text.as_bytes(), &IngestOptions::default())
    }

    #[test]
    fn infers_types_and_missing_tokens() {
        let t = read("n,x,b,d,c,s\n1,1.5,true,2024-01-02,a,hello there\n2,NA,false,,b,x\n3,2e3,,2024-02-29,a,y\n4,0,no,2024-03-01,b,z\n").unwrap();
        let types: Vec<_> = t.columns.iter().map(|c| c.column_type()).collect();
        assert_eq!(
            types,
            [
                ColumnType::Integer,
                ColumnType::Number,
                ColumnType::Boolean,
                ColumnType::Date,
                ColumnType::Category,
                ColumnType::Text
            ]
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
