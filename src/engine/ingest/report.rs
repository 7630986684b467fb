//! What ingest detected and decided about a file, for the Data stage to show and override.

use serde::{Deserialize, Serialize};

use crate::engine::base::table::ColumnType;

/// At most this many skipped line numbers are listed (the count is always exact).
pub const MAX_LISTED_LINES: usize = 100;

/// A setting and whether it was detected from the data (`true`) or chosen by the user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Detected<T> {
    pub value: T,
    pub detected: bool,
}

impl<T> Detected<T> {
    /// The user's choice when there is one, else the detected value from `detect`.
    pub fn choose(chosen: Option<T>, detect: impl FnOnce() -> T) -> Self {
        match chosen {
            Some(value) => Detected { value, detected: false },
            None => Detected { value: detect(), detected: true },
        }
    }
}

/// A header name that was changed to make it usable (empty, duplicate or padded).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renamed {
    pub original: String,
    pub name: String,
}

/// Rows left out because their field count differs from the header's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRows {
    /// Exact number of skipped rows.
    pub count: usize,
    /// Their line numbers (1-based, where each row starts), the first [`MAX_LISTED_LINES`].
    pub lines: Vec<u64>,
}

impl SkippedRows {
    /// Records one more skipped row starting at `line`.
    pub fn add(&mut self, line: u64) {
        self.count += 1;
        if self.lines.len() < MAX_LISTED_LINES {
            self.lines.push(line);
        }
    }
}

/// What was decided for one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnReport {
    pub name: String,
    pub column_type: ColumnType,
    /// Whether the type was forced by the user rather than inferred.
    pub forced: bool,
    /// Non-missing cells that did not fit a forced type and were made missing.
    pub unfit: usize,
    /// Plain-language notes, e.g. "percent values kept as numbers (12% → 12)".
    pub notes: Vec<String>,
}

/// Everything ingest detected or decided about one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IngestReport {
    /// The WHATWG name of the encoding used, e.g. `UTF-8`, `windows-1252`, `UTF-16LE`.
    pub encoding: Detected<String>,
    /// The field delimiter: `,` `;` TAB or `|` (or the user's byte).
    pub delimiter: Detected<u8>,
    /// The quote character: `"` or `'`.
    pub quote: Detected<u8>,
    /// Whether the first row is a header (else columns are named `column_1` … `column_n`).
    pub has_header: Detected<bool>,
    /// The decimal separator of numbers: `.` or `,`.
    pub decimal_separator: Detected<char>,
    pub renamed_headers: Vec<Renamed>,
    pub skipped_rows: SkippedRows,
    pub row_count: usize,
    pub column_count: usize,
    pub columns: Vec<ColumnReport>,
    /// File-level notes: encoding fallbacks, replaced bytes, a dropped empty last column, …
    pub notes: Vec<String>,
}
