//! Layer 4: files of any size, a part at a time. `sift predict` and `sift clean` read a CSV in
//! parts of whole records ([`parts`]), transform each part as they would the whole file, and
//! write each part's rows as soon as they are ready, so memory holds one part, never the file.
//! Line and row numbers in messages are the file's ([`lines`]).

mod lines;
pub mod parts;

use std::io::{Read, Write};

use crate::engine::artifact::{predictions_csv_rows, Artifact};
use crate::engine::base::error::{Error, Result};
use crate::engine::export::{write_csv_rows, CsvOptions};
use crate::engine::recipe::FittedRecipe;

pub use lines::shift_line_numbers;
pub use parts::{CsvParts, Part, PART_BYTES};

/// Step kinds whose result on a row depends on rows in other parts: a file of several parts
/// cannot be cleaned with them.
const WHOLE_TABLE_STEPS: [&str; 2] = ["drop_duplicates", "sample_rows"];

/// Writes the predictions CSV of every row of `parts` (what `sift predict` writes for the
/// whole file) to `out`; `seen` hears of each part as it is read. The number of rows.
pub fn predict_in_parts<R: Read>(
    artifact: &Artifact,
    parts: &mut CsvParts<R>,
    out: &mut dyn Write,
    seen: &mut dyn FnMut(&Part),
) -> Result<usize> {
    each_part(parts, out, seen, |part, header| {
        predictions_csv_rows(artifact, &part.table, header).map_err(|e| lines::shift_data_rows(e, part.rows_before))
    })
}

/// Writes every row of `parts` transformed by the fitted recipe (every step, row filters
/// included, as `sift clean` applies a recipe to other data) to `out`. The number of rows read.
pub fn clean_in_parts<R: Read>(
    fitted: &FittedRecipe,
    parts: &mut CsvParts<R>,
    out: &mut dyn Write,
    seen: &mut dyn FnMut(&Part),
) -> Result<usize> {
    each_part(parts, out, seen, |part, header| {
        if part.rows_before > 0 {
            if let Some(step) = fitted.steps.iter().find(|s| WHOLE_TABLE_STEPS.contains(&s.info().kind.as_str())) {
                return Err(Error::other(format!(
                    "the step “{}” needs every row of the file at once, and this file is read in parts; remove the step or clean a smaller file",
                    step.info().title
                )));
            }
        }
        let cleaned = fitted.apply(&part.table).map_err(|e| lines::shift_data_rows(e, part.rows_before))?;
        write_csv_rows(&cleaned, &[], CsvOptions::default(), header)
    })
}

/// Runs `write` on each part (with whether it writes the header) and writes what it gives.
fn each_part<R: Read>(
    parts: &mut CsvParts<R>,
    out: &mut dyn Write,
    seen: &mut dyn FnMut(&Part),
    mut write: impl FnMut(&Part, bool) -> Result<String>,
) -> Result<usize> {
    let mut rows = 0;
    let mut header = true;
    while let Some(part) = parts.next_part()? {
        seen(&part);
        let text = write(&part, header)?;
        out.write_all(text.as_bytes()).map_err(|e| Error::other(format!("the CSV could not be written: {e}")))?;
        rows += part.table.row_count();
        header = false;
    }
    Ok(rows)
}
