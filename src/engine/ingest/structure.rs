//! Records to raw columns: quoted newlines, escaped quotes and CRLF come from the `csv`
//! crate; here blank lines are skipped, a trailing delimiter is tolerated, and rows with
//! another field count (ragged rows) either stop the read or are skipped and reported.

use serde::{Deserialize, Serialize};

use super::report::SkippedRows;

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

/// One column's cells as text, stored in one buffer (no allocation per cell).
#[derive(Clone, Debug, Default)]
pub struct RawColumn {
    text: String,
    ends: Vec<u32>,
}

impl RawColumn {
    fn with_capacity(bytes: usize) -> Self {
        RawColumn { text: String::with_capacity(bytes), ends: Vec::new() }
    }

    fn push(&mut self, cell: &str) -> Result<(), ()> {
        self.text.push_str(cell);
        self.ends.push(u32::try_from(self.text.len()).map_err(|_| ())?);
        Ok(())
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Cell `i` as written in the file (unquoted).
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// Cells `from..` in order.
    pub fn cells(&self, from: usize) -> impl Iterator<Item = &str> + '_ {
        (from..self.len()).map(move |i| self.get(i))
    }

    /// Whether every cell from `from` on is empty.
    pub fn all_empty(&self, from: usize) -> bool {
        let start = if from == 0 { 0 } else { self.ends.get(from - 1).map_or(0, |&e| e as usize) };
        self.text.len() == start
    }
}

/// The file's records as columns (the first row included), with what was skipped.
#[derive(Debug)]
pub struct Grid {
    pub columns: Vec<RawColumn>,
    /// Rows kept, the first row included.
    pub rows: usize,
    pub skipped: SkippedRows,
    /// Rows whose one extra (or one missing) empty last field was taken for a trailing delimiter.
    pub trailing_fixed: usize,
    /// Field count of the first ragged row.
    first_ragged_fields: usize,
    /// The first ragged row holding a line break in a field: likely a quote never closed.
    pub unclosed_quote_line: Option<u64>,
}

/// Splits `text` into columns. With [`RaggedRows::Stop`] a ragged row is an error naming the
/// file, the first bad line and the count.
pub fn parse(name: &str, text: &str, delimiter: u8, quote: u8, ragged: RaggedRows) -> Result<Grid, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quote(quote)
        .double_quote(true)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let read_error = |e: csv::Error| format!("'{name}' could not be read as CSV: {e}");
    let mut record = csv::StringRecord::new();
    let mut grid = Grid { columns: Vec::new(), rows: 0, skipped: SkippedRows::default(), trailing_fixed: 0, first_ragged_fields: 0, unclosed_quote_line: None };
    let mut first_line = 1;
    let mut last_empty_in_first = false;
    while reader.read_record(&mut record).map_err(read_error)? {
        if record.len() == 1 && record[0].trim().is_empty() {
            continue; // a blank line
        }
        let line = record.position().map_or(0, |p| p.line());
        if grid.rows == 0 {
            let per_column = text.len() / record.len() + 16;
            grid.columns = (0..record.len()).map(|_| RawColumn::with_capacity(per_column)).collect();
            last_empty_in_first = record.iter().next_back().is_some_and(str::is_empty);
            first_line = line;
        }
        let width = grid.columns.len();
        let fields = record.len();
        let last_empty = record.iter().next_back().is_some_and(str::is_empty);
        let keep = if fields == width {
            fields
        } else if (fields == width + 1 && last_empty) || (fields + 1 == width && last_empty_in_first) {
            grid.trailing_fixed += 1;
            fields.min(width)
        } else {
            if grid.skipped.count == 0 {
                grid.first_ragged_fields = fields;
            }
            if grid.unclosed_quote_line.is_none() && record.iter().any(|f| f.contains(['\n', '\r'])) {
                grid.unclosed_quote_line = Some(line);
            }
            grid.skipped.add(line);
            continue;
        };
        if ragged == RaggedRows::Stop && grid.skipped.count > 0 {
            grid.rows += 1; // only counting now: the read will fail
            continue;
        }
        for (column, cell) in grid.columns.iter_mut().zip(record.iter().take(keep)) {
            column.push(cell).map_err(|_| too_large(name))?;
        }
        for column in grid.columns.iter_mut().skip(keep) {
            column.push("").map_err(|_| too_large(name))?;
        }
        grid.rows += 1;
    }
    if ragged == RaggedRows::Stop && grid.skipped.count > 0 {
        return Err(ragged_error(name, &grid, first_line));
    }
    Ok(grid)
}

fn too_large(name: &str) -> String {
    format!("'{name}' has a column over 4 GB of text, more than Sift can hold; split the file and open the parts")
}

fn ragged_error(name: &str, grid: &Grid, first_line: u64) -> String {
    let s = &grid.skipped;
    let listed: Vec<String> = s.lines.iter().take(10).map(u64::to_string).collect();
    let more = if s.count > listed.len() { ", …" } else { "" };
    let total = grid.rows + s.count;
    let hint = match grid.unclosed_quote_line {
        Some(line) => format!(" (a quote opened on line {line} may never be closed)"),
        None => String::new(),
    };
    format!(
        "'{name}' line {} has {} fields but line {first_line} has {}; {} of {total} rows differ (lines {}{more}){hint}; fix those rows, or choose to skip ragged rows",
        s.lines.first().copied().unwrap_or_default(),
        grid.first_ragged_fields,
        grid.columns.len(),
        s.count,
        listed.join(", "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(text: &str, ragged: RaggedRows) -> Result<Grid, String> {
        parse("f.csv", text, b',', b'"', ragged)
    }

    fn rows(g: &Grid) -> Vec<Vec<&str>> {
        (0..g.rows).map(|r| g.columns.iter().map(|c| c.get(r)).collect()).collect()
    }

    #[test]
    fn handles_quotes_newlines_crlf_and_blank_lines() {
        let g = grid("a,b\r\n\"x\ny\",\"say \"\"hi\"\"\"\r\n\r\n  \r\n1,2\r\n", RaggedRows::Stop).unwrap();
        assert_eq!(rows(&g), [vec!["a", "b"], vec!["x\ny", "say \"hi\""], vec!["1", "2"]]);
    }

    #[test]
    fn tolerates_a_trailing_delimiter_on_data_rows_only() {
        let g = grid("a,b\n1,2,\n3,4,\n", RaggedRows::Stop).unwrap();
        assert_eq!((g.rows, g.trailing_fixed), (3, 2));
        let g = grid("a,b,\n1,2\n", RaggedRows::Stop).unwrap();
        assert_eq!(rows(&g), [vec!["a", "b", ""], vec!["1", "2", ""]]);
    }

    #[test]
    fn stops_or_skips_ragged_rows() {
        let text = "a,b,c\n1,2,3\n1,2,3,4\n5,6,7\n8\n";
        let err = grid(text, RaggedRows::Stop).unwrap_err();
        assert!(err.contains("line 3") && err.contains("2 of 5 rows") && err.contains("lines 3, 5"), "{err}");
        let g = grid(text, RaggedRows::Skip).unwrap();
        assert_eq!((g.rows, g.skipped.count, g.skipped.lines.clone()), (3, 2, vec![3, 5]));
        assert!(g.columns[0].all_empty(3) && !g.columns[0].all_empty(2));
    }

    #[test]
    fn hints_at_a_quote_never_closed() {
        let err = grid("a,b\n1,2\n\"oops,3\n4,5\n", RaggedRows::Stop).unwrap_err();
        assert!(err.contains("a quote opened on line 3 may never be closed"), "{err}");
    }
}
