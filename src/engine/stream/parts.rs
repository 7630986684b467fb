//! A CSV file of any size as a sequence of tables, each a part of its rows: the file is read a
//! part at a time, cut between records, and each part is read by ingest as a file of its own
//! (the header in front, the first part's delimiter, quote, header and decimal separator
//! pinned). Exact or refused: a later part whose columns read as another type than the first
//! part's, or whose dates read in another order, stops the read with a message naming the
//! column and the lines, since reading the whole file at once could read them differently.

use std::io::Read;

use crate::engine::base::error::{Error, Result};
use crate::engine::base::table::{ColumnType, Table};
use crate::engine::ingest::{
    read_csv_detailed, records_end, sep_line, whole_records_end, IngestOptions, Ingested, Split,
};

use super::lines::{line_breaks, shift_lines};

/// Bytes of a part, unless the caller chooses: large enough that a file of one part is read
/// as before, small enough that a part's table stays well under a gigabyte.
pub const PART_BYTES: usize = 64 * 1024 * 1024;

/// Bytes read first to learn the file's dialect (more than ingest sniffs from).
const HEAD_BYTES: usize = 256 * 1024;

/// One part of the file: its rows as a table, and where they are in the file.
#[derive(Debug)]
pub struct Part {
    pub table: Table,
    /// How the part was read (the first part's report is the file's).
    pub report: crate::engine::ingest::IngestReport,
    /// The file line the part's first record starts on (1-based).
    pub first_line: u64,
    /// Data rows of the file before this part.
    pub rows_before: usize,
    /// What turns a line number of the part read alone into the file's.
    pub line_offset: i64,
}

/// A column as the first part read it: its type, and its date order when it holds dates.
#[derive(Clone, Debug, PartialEq)]
struct ColumnShape {
    name: String,
    column_type: ColumnType,
    date_order: Option<&'static str>,
}

/// A CSV file read part by part (see the module's documentation).
pub struct CsvParts<R> {
    name: String,
    source: R,
    part_bytes: usize,
    options: IngestOptions,
    /// Bytes read from the source and not handed out yet: they start with a record.
    pending: Vec<u8>,
    /// Whether the source has no more bytes.
    exhausted: bool,
    /// What every later part is read after: the file's start up to its first data record
    /// (byte-order mark, `sep=` line, header); empty once the whole file was handed out.
    prefix: String,
    /// How the first part's columns read; `None` until it is read.
    shapes: Option<Vec<ColumnShape>>,
    split: Split,
    next_line: u64,
    rows_before: usize,
    finished: bool,
}

impl<R: Read> CsvParts<R> {
    /// Reads the file `name` from `source` in parts of about `part_bytes` with `options`.
    pub fn new(name: &str, source: R, options: &IngestOptions, part_bytes: usize) -> Self {
        CsvParts {
            name: name.to_string(),
            source,
            part_bytes: part_bytes.max(1),
            options: options.clone(),
            pending: Vec::new(),
            exhausted: false,
            prefix: String::new(),
            shapes: None,
            split: Split { delimiter: b',', quote: Some(b'"'), start: 0 },
            next_line: 1,
            rows_before: 0,
            finished: false,
        }
    }

    /// The next part, or `None` after the last one.
    pub fn next_part(&mut self) -> Result<Option<Part>> {
        if self.finished {
            return Ok(None);
        }
        if self.shapes.is_none() {
            return self.first_part().map(Some);
        }
        self.later_part()
    }

    /// The first part: the whole file when it fits in a part or is not UTF-8 (a part of it
    /// could not be decoded alone), else its first records, which fix how the rest is read.
    fn first_part(&mut self) -> Result<Part> {
        self.fill(self.part_bytes)?;
        let utf8 = self.options.encoding.as_deref().is_none_or(|e| e.eq_ignore_ascii_case("utf-8"));
        let bytes = std::mem::take(&mut self.pending);
        let text = if utf8 && !self.exhausted { valid_utf8(&bytes) } else { None };
        let Some((prefix_end, end)) = text.and_then(|text| self.first_cut(text)) else {
            self.pending = bytes;
            return self.whole_file();
        };
        let first = &bytes[..end];
        self.prefix = String::from_utf8_lossy(&bytes[..prefix_end]).into_owned();
        let ingested = read_csv_detailed(&self.name, first, &self.options)?;
        // Decided on the whole part, not its head: a decimal comma may show only further down.
        self.options.decimal_comma = Some(ingested.report.decimal_separator.value == ',');
        self.shapes = Some(shapes(&ingested));
        self.next_line = 1 + line_breaks(first);
        self.pending = bytes[end..].to_vec();
        let prefix_lines = line_breaks(self.prefix.as_bytes());
        Ok(self.handed_out(ingested, 1 + prefix_lines, 0))
    }

    /// Learns the dialect from the head of `text` (the file's first bytes) and pins it; then
    /// where the first data record starts and where the first part ends. `None` when the
    /// file is better read whole (its head does not read, or it has one part's records).
    fn first_cut(&mut self, text: &str) -> Option<(usize, usize)> {
        self.split.quote = (!self.options.quotes_as_text).then_some(b'"');
        let head_end = whole_records_end(&text[..floor_char_boundary(text, HEAD_BYTES)], self.split);
        let head = read_csv_detailed(&self.name, &text.as_bytes()[..head_end], &self.options).ok()?;
        self.pin_dialect(&head.report);
        let prefix_end = self.prefix_end(text, head.report.has_header.value);
        let end = whole_records_end(&text[..floor_char_boundary(text, self.part_bytes)], self.split);
        (head_end > 0 && end > prefix_end).then_some((prefix_end, end))
    }

    /// Every byte of the file as one part, read exactly as a whole file is.
    fn whole_file(&mut self) -> Result<Part> {
        self.fill(usize::MAX)?;
        let ingested = read_csv_detailed(&self.name, &self.pending, &self.options)?;
        self.pending = Vec::new();
        self.finished = true;
        Ok(Part { table: ingested.table, report: ingested.report, first_line: 1, rows_before: 0, line_offset: 0 })
    }

    /// The next part after the first: the prefix, then whole records up to about a part's size.
    fn later_part(&mut self) -> Result<Option<Part>> {
        let mut want = self.part_bytes;
        let end = loop {
            self.fill(want)?;
            let text = self.pending_text()?;
            let end = if self.exhausted && text.len() <= want {
                text.len()
            } else {
                whole_records_end(&text[..floor_char_boundary(text, want)], self.split)
            };
            if end > 0 || self.exhausted {
                break end;
            }
            want = want.saturating_mul(2); // one record longer than a part
        };
        let text = self.pending_text()?;
        if text[..end].trim().is_empty() {
            self.finished = true;
            return Ok(None);
        }
        let mut part = String::with_capacity(self.prefix.len() + end);
        part.push_str(&self.prefix);
        part.push_str(&text[..end]);
        let lines = line_breaks(&self.pending[..end]);
        self.pending.drain(..end);
        if self.exhausted && self.pending.is_empty() {
            self.finished = true;
        }
        let first_line = self.next_line;
        let offset = first_line as i64 - 1 - line_breaks(self.prefix.as_bytes()) as i64;
        let ingested =
            read_csv_detailed(&self.name, part.as_bytes(), &self.options).map_err(|e| shift_lines(e, offset))?;
        self.check_shapes(&ingested, first_line, first_line + lines.saturating_sub(1))?;
        self.next_line += lines;
        Ok(Some(self.handed_out(ingested, first_line, offset)))
    }

    /// Reads the source until `pending` holds `want` bytes or the source ends.
    fn fill(&mut self, want: usize) -> Result<()> {
        let mut chunk = vec![0u8; 1 << 20];
        while !self.exhausted && self.pending.len() < want {
            match self.source.read(&mut chunk) {
                Ok(0) => self.exhausted = true,
                Ok(n) => self.pending.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Error::other(format!("cannot read '{}': {e}", self.name))),
            }
        }
        Ok(())
    }

    /// The pending bytes as text, up to a character cut by the part's end; an error naming
    /// the line when they are not UTF-8 (the first part was, so the file was read as UTF-8).
    fn pending_text(&self) -> Result<&str> {
        match std::str::from_utf8(&self.pending) {
            Ok(text) => Ok(text),
            Err(e) if e.error_len().is_none() && !self.exhausted => {
                Ok(std::str::from_utf8(&self.pending[..e.valid_up_to()]).unwrap_or_default())
            }
            Err(e) => Err(Error::other(format!(
                "{}: line {} has bytes that are not UTF-8, though the file's start is; a file read in parts must be UTF-8 throughout (save it as UTF-8)",
                self.name,
                self.next_line + line_breaks(&self.pending[..e.valid_up_to()])
            ))),
        }
    }

    /// Reads the first part and every later one with the dialect of the file's head.
    fn pin_dialect(&mut self, report: &crate::engine::ingest::IngestReport) {
        let quote = (!self.options.quotes_as_text).then_some(report.quote.value);
        self.split = Split { delimiter: report.delimiter.value, quote, start: 0 };
        self.options.encoding = Some("utf-8".into());
        self.options.delimiter = Some(report.delimiter.value);
        self.options.quote = Some(report.quote.value);
        self.options.has_header = Some(report.has_header.value);
    }

    /// Where the first data record starts: after a byte-order mark, a `sep=` line and the
    /// header.
    fn prefix_end(&self, text: &str, has_header: bool) -> usize {
        let sep = sep_line(text).map_or(0, |(_, len)| len);
        let bom = if sep == 0 && text.starts_with('\u{FEFF}') { 3 } else { 0 };
        let start = sep.max(bom);
        start + if has_header { records_end(&text[start..], self.split, 1) } else { 0 }
    }

    /// Says that `ingested`'s columns read as the first part's did, or which one did not.
    fn check_shapes(&self, ingested: &Ingested, from_line: u64, to_line: u64) -> Result<()> {
        let first = self.shapes.as_deref().unwrap_or_default();
        let now = shapes(ingested);
        if now.iter().map(|s| &s.name).ne(first.iter().map(|s| &s.name)) {
            return Err(Error::other(format!(
                "{}: lines {from_line}–{to_line} read with other columns than the file's start",
                self.name
            )));
        }
        for ((before, after), column) in first.iter().zip(&now).zip(&ingested.table.columns) {
            let all_missing = column.data.missing_count() == column.data.len();
            let same = before.column_type == after.column_type
                || all_missing
                || both_in(&[ColumnType::Integer, ColumnType::Number], before.column_type, after.column_type)
                || both_in(&[ColumnType::Category, ColumnType::Text], before.column_type, after.column_type);
            let why = if !same {
                format!(
                    "they read as {} there but as {} in the lines before",
                    after.column_type.name(),
                    before.column_type.name()
                )
            } else if !all_missing && before.date_order.is_some() && after.date_order != before.date_order {
                format!(
                    "their dates read {} there but {} in the lines before",
                    after.date_order.unwrap_or("year first"),
                    before.date_order.unwrap_or("year first")
                )
            } else {
                continue;
            };
            return Err(Error::wrong_type(
                &before.name,
                format!(
                    "{}: column '{}' cannot be read in parts: in lines {from_line}–{to_line} {why}, and the whole file could read differently; give the column's values one form (or read a smaller file at once)",
                    self.name, before.name
                ),
            ));
        }
        Ok(())
    }

    /// `ingested` as the part starting on file line `first_line`, counting its rows.
    fn handed_out(&mut self, ingested: Ingested, first_line: u64, line_offset: i64) -> Part {
        let rows_before = self.rows_before;
        self.rows_before += ingested.table.row_count();
        Part { table: ingested.table, report: ingested.report, first_line, rows_before, line_offset }
    }
}

/// `bytes` as text when they are UTF-8, but for a character cut at their end.
fn valid_utf8(bytes: &[u8]) -> Option<&str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok(),
        Err(_) => None,
    }
}

/// The largest character boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

/// Whether `a` and `b` are both among `types`.
fn both_in(types: &[ColumnType], a: ColumnType, b: ColumnType) -> bool {
    types.contains(&a) && types.contains(&b)
}

/// Each column's type and date order as `ingested` read them.
fn shapes(ingested: &Ingested) -> Vec<ColumnShape> {
    ingested
        .report
        .columns
        .iter()
        .map(|c| ColumnShape { name: c.name.clone(), column_type: c.column_type, date_order: date_order(&c.notes) })
        .collect()
}

/// The date order a column's notes name ("day/month" or "month/day"), if any.
fn date_order(notes: &[String]) -> Option<&'static str> {
    notes.iter().filter(|n| n.contains("date order")).find_map(|n| {
        if n.contains("day/month") {
            Some("day first")
        } else if n.contains("month/day") {
            Some("month first")
        } else {
            None
        }
    })
}
