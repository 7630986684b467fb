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
use super::pieces::Pieces;
use super::rows::{Rows, RowsState, Tally};
use super::split::Split;
use super::IngestOptions;
use crate::engine::format::count;
use crate::engine::learn::{ProgressFn, CANCELLED};

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

/// The columns being built once the head has been read.
struct Started {
    builders: Vec<ColumnBuilder>,
    reader: CellReader,
    has_header: Detected<bool>,
    /// The first data row (1 after a header).
    from: usize,
    /// The decimal separator read with, and whether it is still a guess to check.
    guess: bool,
    observe: bool,
    last_empty: bool,
}

impl Started {
    fn new(head: &Head, split: Split, options: &IngestOptions, decimal_comma: Option<bool>, total: usize) -> Started {
        let guess = decimal_comma.unwrap_or_else(|| {
            let mut evidence = Evidence::default();
            head.observe(&mut evidence, 0..head.rows);
            evidence.decimal_comma(split.delimiter)
        });
        let reader = CellReader::new(&options.missing_tokens, guess);
        let has_header = Detected::choose(options.has_header, || header::first_row_is_header(&head.columns, &reader));
        let from = usize::from(has_header.value);
        let observe = decimal_comma.is_none();
        let builders = start_columns(head, from, &reader, total, options, observe);
        Started { builders, reader, has_header, from, guess, observe, last_empty: head.last_column_empty() }
    }
}

/// Reads the text `pieces` hand over into columns; `decimal_comma` is the decimal separator
/// when known. `progress` hears the share of the text read (and can cancel).
pub async fn read(
    name: &str,
    pieces: &mut dyn Pieces,
    split: Split,
    options: &IngestOptions,
    decimal_comma: Option<bool>,
    progress: &mut ProgressFn<'_>,
) -> Result<Outcome, String> {
    pieces.rewind()?;
    let total = pieces.total();
    let mut head = Head::default();
    let mut started: Option<Started> = None;
    let (mut state, mut used, mut offset) = (RowsState::default(), 0, 0);
    let tally = loop {
        let Some((text, last)) = pieces.next_piece(used).await? else { return Err(no_rows(name)) };
        offset += used;
        let mut rows = Rows::piece(text, split, options.ragged, std::mem::take(&mut state), last);
        if started.is_none() {
            head.extend(&mut rows, offset);
            if !head.is_full() && !last {
                (state, used) = rows.suspend();
                continue;
            }
            if head.rows == 0 {
                rows.finish(name)?;
                return Err(no_rows(name));
            }
        }
        let s = started.get_or_insert_with(|| Started::new(&head, split, options, decimal_comma, total));
        let mut batches = 0usize;
        while push_rows(&mut rows, &mut s.builders, &s.reader, &mut s.last_empty) {
            batches += 1;
            if batches.is_multiple_of(PROGRESS_BATCHES) {
                let done = (offset + rows.position()) as f64 / total.max(1) as f64;
                if !progress(done.min(1.0), &format!("Reading {name}: {} rows", count(rows.count()))) {
                    return Err(CANCELLED.to_string());
                }
            }
        }
        if last {
            break rows.finish(name)?;
        }
        (state, used) = rows.suspend();
    };
    let Some(Started { mut builders, reader, has_header, from, guess, observe, last_empty }) = started else {
        return Err(no_rows(name));
    };
    if observe && file_evidence(&head, from, &builders).decimal_comma(split.delimiter) != guess {
        return Ok(Outcome::Again { decimal_comma: !guess });
    }
    let width = head.columns.len();
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
    let again = Again { from, capacity: tally.rows - from, reader: &reader };
    again.read(pieces, split, options, &mut builders).await?;
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
/// Batches between two progress reports (8,192 rows: about one percent of a million rows).
const PROGRESS_BATCHES: usize = 8;

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

/// How to read the columns whose values were dropped a second time.
struct Again<'a> {
    from: usize,
    capacity: usize,
    reader: &'a CellReader,
}

impl Again<'_> {
    /// Reads the columns whose values were dropped again, now that their kind is known.
    async fn read(&self, pieces: &mut dyn Pieces, split: Split, options: &IngestOptions, builders: &mut [ColumnBuilder]) -> Result<(), String> {
        let again: Vec<usize> = (0..builders.len()).filter(|&i| builders[i].plan().1).collect();
        if again.is_empty() {
            return Ok(());
        }
        for &i in &again {
            builders[i] = ColumnBuilder::new(builders[i].plan().0, self.capacity, options.day_first, false);
        }
        pieces.rewind()?;
        let (mut state, mut used, mut skip) = (RowsState::default(), 0, self.from);
        while let Some((text, last)) = pieces.next_piece(used).await? {
            let mut rows = Rows::piece(text, split, options.ragged, std::mem::take(&mut state), last);
            while let Some(row) = rows.next_row() {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                for &i in &again {
                    builders[i].push(row.cell(i), self.reader);
                }
            }
            (state, used) = rows.suspend();
        }
        Ok(())
    }
}

/// The error for a file with no rows.
pub fn no_rows(name: &str) -> String {
    format!("'{name}' has no header and no rows, only blank space; choose a CSV file with data")
}
