//! Reading the rows once, straight into typed columns. The first rows decide the header and
//! a provisional decimal separator and start each column's kind; every later cell goes
//! directly into its column's buffer. Only columns whose kind turned out wider than their
//! buffer could hold are read a second time, and only when every cell shows the decimal
//! separator was guessed wrong is the whole file read again.

use super::builder::{ColumnBuilder, Plan};
use super::cells::CellReader;
use super::convert::{finish, Converted};
use super::decimal::Evidence;
use super::head::Head;
use super::header;
use super::report::{Detected, Renamed};
use super::rows::{Rows, Tally};
use super::split::Split;
use super::IngestOptions;

/// A file's columns, read.
pub struct Pass {
    /// Each column's name, values and whether its type was forced.
    pub columns: Vec<(String, Converted, bool)>,
    pub tally: Tally,
    pub has_header: Detected<bool>,
    pub decimal_comma: bool,
    pub renamed: Vec<Renamed>,
    pub notes: Vec<String>,
}

/// A read, or the decimal separator to read the file again with.
pub enum Outcome {
    Read(Pass),
    Again { decimal_comma: bool },
}

/// Reads `text` into columns; `decimal_comma` is the decimal separator when known.
pub fn read(name: &str, text: &str, split: Split, options: &IngestOptions, decimal_comma: Option<bool>) -> Result<Outcome, String> {
    let rows_of = |text| Rows::new(text, split, options.ragged);
    let mut rows = rows_of(text);
    let head = Head::read(&mut rows);
    if head.rows == 0 {
        rows.finish(name)?;
        return Err(no_rows(name));
    }
    let guess = decimal_comma.unwrap_or_else(|| {
        let mut evidence = Evidence::default();
        head.observe(&mut evidence, 0..head.rows);
        evidence.decimal_comma(split.delimiter)
    });
    let reader = CellReader::new(&options.missing_tokens, guess);
    let has_header = Detected::choose(options.has_header, || header::first_row_is_header(&head.columns, &reader));
    let from = usize::from(has_header.value);
    let width = head.columns.len();
    let observe = decimal_comma.is_none();
    let mut builders = start_columns(&head, from, &reader, text.len(), options, observe);
    let mut last_empty = head.last_column_empty();
    while push_rows(&mut rows, &mut builders, &reader, &mut last_empty) {}
    let tally = rows.finish(name)?;
    if observe && file_evidence(&head, from, &builders).decimal_comma(split.delimiter) != guess {
        return Ok(Outcome::Again { decimal_comma: !guess });
    }
    let mut notes = tally_notes(&tally);
    let kept = if width > 1 && last_empty {
        builders.pop();
        notes.push("the last column was empty, with no name (every line ends with a delimiter); it was dropped".into());
        width - 1
    } else {
        width
    };
    let (names, renamed) = column_names(&head, has_header.value, kept);
    drop(head);
    for (wanted, _) in &options.column_types {
        if !names.contains(wanted) {
            notes.push(format!("there is no column named '{wanted}'; the type chosen for it was not applied"));
        }
    }
    read_again(rows_of(text), from, &mut builders, &reader, tally.rows - from, options.day_first);
    let columns = names
        .into_iter()
        .zip(builders)
        .map(|(name, builder)| {
            let forced = matches!(builder.plan().0, Plan::Force(..));
            (name, finish(builder, options.day_first), forced)
        })
        .collect();
    Ok(Outcome::Read(Pass { columns, tally, has_header, decimal_comma: guess, renamed, notes }))
}

/// A builder for each column, as its type was chosen or as the head's values are, with the
/// head's rows from `from` on already pushed.
fn start_columns(head: &Head, from: usize, reader: &CellReader, text_len: usize, options: &IngestOptions, observe: bool) -> Vec<ColumnBuilder> {
    let (names, _) = column_names(head, from == 1, head.columns.len());
    let forced = |name: &str| options.column_types.iter().rev().find(|(n, _)| n == name).map(|(_, t)| *t);
    let capacity = head.estimate_rows(text_len).saturating_sub(from);
    let mut builders: Vec<ColumnBuilder> = (0..names.len())
        .map(|i| ColumnBuilder::new(head.plan(i, from, forced(&names[i]), reader), capacity, options.day_first, observe))
        .collect();
    head.replay(from, &mut builders, reader);
    builders
}

/// What every cell says about the decimal separator: the header row's cells, and what each
/// column saw below it.
fn file_evidence(head: &Head, from: usize, builders: &[ColumnBuilder]) -> Evidence {
    let mut evidence = Evidence::default();
    head.observe(&mut evidence, 0..from);
    builders.iter().filter_map(ColumnBuilder::evidence).for_each(|e| evidence.absorb(e));
    evidence
}

/// Rows pushed per call of [`push_rows`].
const BATCH_ROWS: usize = 1024;

/// Pushes up to [`BATCH_ROWS`] rows into the builders, noting whether the last column stays
/// empty; `false` once there are no more rows. A function of its own, called once per batch:
/// a browser's WebAssembly engine optimizes a function after its first calls, never in the
/// middle of one long-running call.
#[inline(never)]
fn push_rows(rows: &mut Rows, builders: &mut [ColumnBuilder], reader: &CellReader, last_empty: &mut bool) -> bool {
    for _ in 0..BATCH_ROWS {
        let Some(row) = rows.next_row() else { return false };
        for (i, builder) in builders.iter_mut().enumerate() {
            builder.push(row.cell(i), reader);
        }
        *last_empty &= row.cell(row.width() - 1).is_empty();
    }
    true
}

/// Notes on the rows: repaired trailing delimiters, a quote that swallowed skipped rows.
fn tally_notes(tally: &Tally) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(line) = tally.unclosed_quote_line.filter(|_| tally.skipped.count > 0) {
        notes.push(format!("a quote opened on line {line} may never be closed; the rows it swallowed were skipped"));
    }
    if tally.trailing_fixed > 0 {
        notes.push(format!(
            "{} rows had one empty field more or less at the end than the first row (a trailing delimiter); the difference was ignored",
            tally.trailing_fixed
        ));
    }
    notes
}

/// The names of the first `count` columns, and the header cells that were changed.
fn column_names(head: &Head, has_header: bool, count: usize) -> (Vec<String>, Vec<Renamed>) {
    if has_header {
        header::unique_names(head.columns[..count].iter().map(|c| c[0].as_str()))
    } else {
        (header::generated_names(count), Vec::new())
    }
}

/// Reads the columns whose values were dropped again, now that their kind is known.
fn read_again(mut rows: Rows, from: usize, builders: &mut [ColumnBuilder], reader: &CellReader, capacity: usize, day_first: Option<bool>) {
    let again: Vec<usize> = (0..builders.len()).filter(|&i| builders[i].plan().1).collect();
    if again.is_empty() {
        return;
    }
    for &i in &again {
        builders[i] = ColumnBuilder::new(builders[i].plan().0, capacity, day_first, false);
    }
    let mut skip = from;
    while let Some(row) = rows.next_row() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        for &i in &again {
            builders[i].push(row.cell(i), reader);
        }
    }
}

/// The error for a file with no rows.
pub fn no_rows(name: &str) -> String {
    format!("'{name}' has no header and no rows, only blank space; choose a CSV file with data")
}
