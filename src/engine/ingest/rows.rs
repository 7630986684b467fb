//! Records to rows: blank lines are skipped, a trailing delimiter is tolerated, and rows with
//! another field count than the first (ragged rows) either stop the read or are skipped and
//! reported. A quote that is not CSV quoting (see [`StrayQuote`]) always stops the read.

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use super::cells::trim;
use super::report::SkippedRows;
use super::split::{Record, Split, Splitter, StrayQuote};

/// What to do with a row whose field count differs from the first row's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RaggedRows {
    /// Refuse the file, naming the first bad line and how many there are.
    #[default]
    Stop,
    /// Leave those rows out and list them in the report.
    Skip,
}

/// What the rows were: how many were kept, skipped or repaired.
#[derive(Debug, Default)]
pub struct Tally {
    /// Rows kept, the first row included.
    pub rows: usize,
    /// Field count of the first row, which every kept row has.
    pub width: usize,
    pub skipped: SkippedRows,
    /// Rows whose one extra (or one missing) empty last field was taken for a trailing delimiter.
    pub trailing_fixed: usize,
    /// The first row holding a line break in a quoted field: when rows are ragged, likely a
    /// quote that was never meant to be closed so late.
    pub unclosed_quote_line: Option<u64>,
    /// Rows holding a line break in a quoted field.
    pub multi_line_rows: usize,
    /// A quote that is not CSV quoting: the read fails.
    pub stray_quote: Option<StrayQuote>,
    first_line: u64,
    first_ragged_fields: usize,
    last_empty_in_first: bool,
}

/// Where reading rows stopped at the end of one piece of a text, to go on in the next.
#[derive(Debug, Default)]
pub struct RowsState {
    tally: Tally,
    /// The line the next piece starts on; 0 before the first piece.
    line: u64,
}

/// The kept rows of a text, front to back.
pub struct Rows<'t> {
    splitter: Splitter<'t>,
    record: Record<'t>,
    ragged: RaggedRows,
    tally: Tally,
}

/// One kept row: its first `keep` fields, then empty cells up to the width.
pub struct Row<'a, 't> {
    record: &'a Record<'t>,
    keep: usize,
    width: usize,
}

impl Row<'_, '_> {
    /// Number of cells: the first row's field count.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The file line the row starts on.
    pub fn line(&self) -> u64 {
        self.record.line
    }

    /// Whether cell `i` was quoted.
    pub fn quoted(&self, i: usize) -> bool {
        i < self.keep && self.record.quoted(i)
    }

    /// Cell `i` (empty past the fields kept).
    #[inline]
    pub fn cell(&self, i: usize) -> &str {
        if i < self.keep {
            self.record.field(i)
        } else {
            ""
        }
    }
}

impl<'t> Rows<'t> {
    /// Rows of `text` split as `split` says.
    #[cfg(test)]
    pub fn new(text: &'t str, split: Split, ragged: RaggedRows) -> Self {
        Rows { splitter: Splitter::new(text, split), record: Record::new(text), ragged, tally: Tally::default() }
    }

    /// Rows of one piece of a longer text, going on from `state` (the first piece with
    /// `RowsState::default()`); `last` when no piece follows. A row that may go on in the
    /// next piece is not read: [`Rows::suspend`] says where it starts.
    pub fn piece(text: &'t str, split: Split, ragged: RaggedRows, state: RowsState, last: bool) -> Self {
        let mut splitter =
            if state.line == 0 { Splitter::new(text, split) } else { Splitter::piece(text, split, state.line, last) };
        splitter.set_last(last);
        Rows { splitter, record: Record::new(text), ragged, tally: state.tally }
    }

    /// Where this piece's rows stopped: the state to go on with, and the bytes of the piece
    /// read (the rest starts the next piece).
    pub fn suspend(self) -> (RowsState, usize) {
        let line = self.splitter.line().max(1);
        (RowsState { tally: self.tally, line }, self.splitter.position())
    }

    /// Bytes of the text read so far.
    pub fn position(&self) -> usize {
        self.splitter.position()
    }

    /// Rows kept so far.
    pub fn count(&self) -> usize {
        self.tally.rows
    }

    /// The next row to keep; `None` at the end of the text.
    pub fn next_row(&mut self) -> Option<Row<'_, 't>> {
        loop {
            if !self.splitter.next_record(&mut self.record) {
                return None;
            }
            let record = &self.record;
            let fields = record.len();
            if fields == 1 && !record.quoted(0) && trim(record.field(0)).is_empty() {
                continue; // a blank line (a quoted blank is a cell)
            }
            let t = &mut self.tally;
            if t.stray_quote.is_some() {
                continue; // only reading to the end now: the read will fail
            }
            if let Some(stray) = &record.stray_quote {
                t.stray_quote = Some(stray.clone());
                continue;
            }
            let last_empty = fields > 0 && record.field(fields - 1).is_empty();
            if t.rows == 0 {
                t.width = fields;
                t.last_empty_in_first = last_empty;
                t.first_line = record.line;
            }
            if record.has_line_break {
                // Should rows be ragged, the first such quote may have taken them.
                t.unclosed_quote_line.get_or_insert(record.line);
                t.multi_line_rows += 1;
            }
            let keep = if fields == t.width {
                fields
            } else if (fields == t.width + 1 && last_empty) || (fields + 1 == t.width && t.last_empty_in_first) {
                t.trailing_fixed += 1;
                fields.min(t.width)
            } else {
                if t.skipped.count == 0 {
                    t.first_ragged_fields = fields;
                }
                t.skipped.add(record.line);
                continue;
            };
            t.rows += 1;
            if self.ragged == RaggedRows::Stop && t.skipped.count > 0 {
                continue; // only counting now: the read will fail
            }
            return Some(Row { record: &self.record, keep, width: t.width });
        }
    }

    /// The tally once every row was read; with [`RaggedRows::Stop`] a ragged row is an error
    /// naming the file, the first bad line and the count.
    pub fn finish(mut self, name: &str) -> Result<Tally> {
        while self.next_row().is_some() {}
        if let Some(stray) = &self.tally.stray_quote {
            return Err(stray_quote_error(name, stray));
        }
        if self.ragged == RaggedRows::Stop && self.tally.skipped.count > 0 {
            return Err(ragged_error(name, &self.tally));
        }
        Ok(self.tally)
    }
}

/// The error for a quote that is not CSV quoting, naming where it opened and the way out:
/// fix it, or read quotes as text.
fn stray_quote_error(name: &str, stray: &StrayQuote) -> Error {
    let StrayQuote { line, field, closed } = stray;
    let what = match closed {
        None => "is never closed, so the rest of the file would be one cell".to_string(),
        Some((end, _)) if end > line => {
            format!("closes only on line {end}, with more text after it, so lines {line}–{end} would be one cell")
        }
        Some((_, cell)) => format!("closes before the cell ends ({cell}), so its text would lose quotes"),
    };
    let message = format!(
        "'{name}' line {line}: the quote that opens column {field} {what}; fix that quote (a quote inside a quoted cell is written twice: \"\"), or choose to read quotes as text (Reading options → Quotes)"
    );
    Error::stray_quote(*line, message)
}

/// The error for rows of another width than the first, at the first such line.
fn ragged_error(name: &str, t: &Tally) -> Error {
    let s = &t.skipped;
    let listed: Vec<String> = s.lines.iter().take(10).map(u64::to_string).collect();
    let more = if s.count > listed.len() { ", …" } else { "" };
    let total = t.rows + s.count;
    let hint = match t.unclosed_quote_line {
        Some(line) => format!(" (a quote opened on line {line} may never be closed)"),
        None => String::new(),
    };
    let line = s.lines.first().copied().unwrap_or_default();
    let message = format!(
        "'{name}' line {line} has {} fields but line {} has {}; {} of {total} rows differ (lines {}{more}){hint}; fix those rows, or choose to skip ragged rows",
        t.first_ragged_fields,
        t.first_line,
        t.width,
        s.count,
        listed.join(", "),
    );
    Error::ragged(line, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMA: Split = Split { delimiter: b',', quote: Some(b'"'), start: 0 };

    fn read(text: &str, ragged: RaggedRows) -> Result<(Vec<Vec<String>>, Tally)> {
        let mut rows = Rows::new(text, COMMA, ragged);
        let mut kept = Vec::new();
        while let Some(row) = rows.next_row() {
            kept.push((0..row.width()).map(|i| row.cell(i).to_string()).collect());
        }
        rows.finish("f.csv").map(|tally| (kept, tally))
    }

    #[test]
    fn handles_quotes_newlines_crlf_and_blank_lines() {
        let (rows, _) = read("a,b\r\n\"x\ny\",\"say \"\"hi\"\"\"\r\n\r\n  \r\n1,2\r\n", RaggedRows::Stop).unwrap();
        assert_eq!(rows, [vec!["a", "b"], vec!["x\ny", "say \"hi\""], vec!["1", "2"]]);
    }

    #[test]
    fn tolerates_a_trailing_delimiter_on_data_rows_only() {
        let (_, t) = read("a,b\n1,2,\n3,4,\n", RaggedRows::Stop).unwrap();
        assert_eq!((t.rows, t.trailing_fixed), (3, 2));
        let mut rows = Rows::new("a,b,\n1,2\n", COMMA, RaggedRows::Stop);
        rows.next_row();
        let row = rows.next_row().unwrap();
        assert_eq!([row.cell(0), row.cell(1), row.cell(2)], ["1", "2", ""]);
    }

    #[test]
    fn stops_or_skips_ragged_rows() {
        let text = "a,b,c\n1,2,3\n1,2,3,4\n5,6,7\n8\n";
        let err = read(text, RaggedRows::Stop).unwrap_err();
        assert!(err.contains("line 3") && err.contains("2 of 5 rows") && err.contains("lines 3, 5"), "{err}");
        let (rows, t) = read(text, RaggedRows::Skip).unwrap();
        assert_eq!((rows.len(), t.skipped.count, t.skipped.lines.clone()), (3, 2, vec![3, 5]));
    }

    #[test]
    fn numbers_lines_where_rows_start() {
        let text = "a,b\r\n\r\n1,2\r3\r\n\"x\ny\",4,5\n6\n";
        let err = read(text, RaggedRows::Stop).unwrap_err();
        assert!(err.contains("lines 4, 5, 7"), "{err}");
    }

    #[test]
    fn pieces_give_the_rows_and_errors_of_the_whole() {
        let text = "a,b\r\n\"x\ny\",2\n1,2,3\n\n5,6\n";
        let (whole, tally) = read(text, RaggedRows::Skip).unwrap();
        for cut in 1..text.len() {
            let (mut kept, mut state, mut carry) = (Vec::new(), RowsState::default(), String::new());
            for (piece, last) in [(&text[..cut], false), (&text[cut..], true)] {
                let buffer = format!("{carry}{piece}");
                let mut rows = Rows::piece(&buffer, COMMA, RaggedRows::Skip, state, last);
                while let Some(row) = rows.next_row() {
                    kept.push((0..row.width()).map(|i| row.cell(i).to_string()).collect::<Vec<String>>());
                }
                let (next, used) = rows.suspend();
                (state, carry) = (next, buffer[used..].to_string());
            }
            assert_eq!(kept, whole, "cut at {cut}");
            assert_eq!(
                (state.tally.rows, &state.tally.skipped.lines),
                (tally.rows, &tally.skipped.lines),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn hints_at_a_quote_never_closed() {
        let err = read("a,b\n1,2\n\"oops,3\n4,5\n", RaggedRows::Stop).unwrap_err();
        assert!(err.contains("line 3: the quote that opens column 1 is never closed"), "{err}");
        let err = read("a,b\n1,2\n\"x\n\"y\"\n", RaggedRows::Skip).unwrap_err();
        assert!(err.contains("line 3: the quote that opens column 1 closes only on line 4, with more text after it, so lines 3–4 would be one cell"), "{err}");
        let err = read("a,b\n1,\"He said \"hi\"\"\n", RaggedRows::Stop).unwrap_err();
        assert!(
            err.contains("line 2: the quote that opens column 2 closes before the cell ends (\"He said \"hi\"\")"),
            "{err}"
        );
        let err = read("a,b\n\"x\" ,y\n", RaggedRows::Stop).unwrap_err();
        assert!(err.contains("line 2: the quote that opens column 1 closes before the cell ends (\"x\" )"), "{err}");
        let err = read("a,b\n\"x\ny\",3,4\n", RaggedRows::Stop).unwrap_err();
        assert!(err.contains("a quote opened on line 2 may never be closed"), "{err}");
    }
}
