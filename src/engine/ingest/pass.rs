//! Reading the rows once, straight into typed columns. The first rows decide the header and
//! a provisional decimal separator and start each column's kind; every later cell goes
//! directly into its column's buffer. Only columns whose kind turned out wider than their
//! buffer could hold are read a second time. The pass gathers what every cell says about
//! the decimal separator; when that shows the guess was wrong, the caller reads again.
//!
//! A pass builds the columns of its [`Share`]: all of them, or one of two readers' half.

use super::builder::{ColumnBuilder, Plan};
use super::cells::CellReader;
use super::convert::{finish, Converted};
use super::decimal::Evidence;
use super::head::Head;
use super::header;
use super::pieces::Pieces;
use super::report::{Detected, Renamed};
use super::rows::{Rows, RowsState, Tally};
use super::share::{Part, PartColumn, Share};
use super::split::Split;
use super::IngestOptions;
use crate::engine::base::error::{Error, Result};
use crate::engine::base::format::count;
use crate::engine::learn::ProgressFn;

/// A file's columns, read.
pub struct Pass {
    /// Every column's name.
    pub names: Vec<String>,
    /// Each column's values and whether its type was forced; `None` for another reader's.
    pub columns: Vec<Option<(Converted, bool)>>,
    pub tally: Tally,
    pub has_header: Detected<bool>,
    /// The decimal separator read with.
    pub decimal_comma: bool,
    /// What the cells said about the decimal separator, when it was not known.
    pub evidence: Option<Evidence>,
    pub renamed: Vec<Renamed>,
    pub notes: Vec<String>,
}

impl Pass {
    /// Whether every cell says the decimal separator was guessed wrong.
    pub fn guessed_wrong(&self, split: Split) -> bool {
        self.evidence.is_some_and(|e| e.decimal_comma(split.delimiter) != self.decimal_comma)
    }

    /// This reader's columns, for the reader that leads.
    pub fn into_part(self) -> Part {
        let columns = self.columns.into_iter().enumerate();
        let columns = columns
            .filter_map(|(index, c)| c.map(|(converted, forced)| PartColumn { index, converted, forced }))
            .collect();
        Part { decimal_comma: self.decimal_comma, evidence: self.evidence, columns }
    }

    /// Takes the helper's columns and evidence; an error when it read another way.
    pub fn absorb(&mut self, part: Part) -> Result<()> {
        if part.decimal_comma != self.decimal_comma {
            return Err("the helper read with another decimal separator".into());
        }
        if let (Some(mine), Some(theirs)) = (&mut self.evidence, &part.evidence) {
            mine.absorb(theirs);
        }
        for PartColumn { index, converted, forced } in part.columns {
            match self.columns.get_mut(index) {
                Some(slot @ None) => *slot = Some((converted, forced)),
                _ => return Err(Error::other(format!("the helper sent column {index}, which is not its own"))),
            }
        }
        Ok(())
    }
}

/// The columns being built once the head has been read.
struct Started {
    /// This reader's columns, ascending, and a builder for each.
    mine: Vec<usize>,
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
    fn new(
        head: &Head,
        split: Split,
        options: &IngestOptions,
        (decimal_comma, share): (Option<bool>, Share),
        total: usize,
    ) -> Started {
        let guess = decimal_comma.unwrap_or_else(|| {
            let mut evidence = Evidence::default();
            head.observe(&mut evidence, 0..head.rows);
            evidence.decimal_comma(split.delimiter)
        });
        let reader = CellReader::new(&options.missing_tokens, guess);
        let has_header = Detected::choose(options.has_header, || {
            header::first_row_is_header(&head.columns, &head.quoted_over_unquoted(), &reader)
        });
        let from = usize::from(has_header.value);
        let observe = decimal_comma.is_none();
        let mine = share.columns(head, from);
        let builders = start_columns(head, (from, &mine), &reader, total, options, observe);
        Started { mine, builders, reader, has_header, from, guess, observe, last_empty: head.last_column_empty() }
    }
}

/// Reads the text `pieces` hand over into the columns of `share`; `decimal_comma` is the
/// decimal separator when known. `progress` hears the share of the text read (and can cancel).
pub async fn read(
    name: &str,
    pieces: &mut dyn Pieces,
    split: Split,
    options: &IngestOptions,
    (decimal_comma, share): (Option<bool>, Share),
    progress: &mut ProgressFn<'_>,
) -> Result<Pass> {
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
        let s = started.get_or_insert_with(|| Started::new(&head, split, options, (decimal_comma, share), total));
        let mut batches = 0usize;
        while push_rows(&mut rows, (&s.mine, &mut s.builders), &s.reader, &mut s.last_empty) {
            batches += 1;
            if batches.is_multiple_of(PROGRESS_BATCHES) {
                let done = (offset + rows.position()) as f64 / total.max(1) as f64;
                if !progress(done.min(1.0), &format!("Reading {name}: {} rows", count(rows.count()))) {
                    return Err(Error::cancelled());
                }
            }
        }
        if last {
            break rows.finish(name)?;
        }
        (state, used) = rows.suspend();
    };
    let Some(Started { mut mine, mut builders, reader, has_header, from, guess, observe, last_empty }) = started else {
        return Err(no_rows(name));
    };
    let header_rows = if share.reads_header() { 0..from } else { 0..0 };
    let evidence = observe.then(|| file_evidence(&head, header_rows, &builders));
    let width = head.columns.len();
    let mut notes = tally_notes(&tally);
    let kept = if width > 1 && last_empty {
        if mine.last() == Some(&(width - 1)) {
            mine.pop();
            builders.pop();
        }
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
    again.read(pieces, split, options, (&mine, &mut builders)).await?;
    let mut columns: Vec<Option<(Converted, bool)>> = std::iter::repeat_with(|| None).take(kept).collect();
    for (i, builder) in mine.into_iter().zip(builders) {
        let forced = matches!(builder.plan().0, Plan::Force(..));
        if let Some(slot) = columns.get_mut(i) {
            *slot = Some((finish(builder, options.day_first), forced));
        }
    }
    Ok(Pass { names, columns, tally, has_header, decimal_comma: guess, evidence, renamed, notes })
}

/// A builder for each of the columns `mine`, as its type was chosen or as the head's values
/// are, with the head's rows from `from` on already pushed.
fn start_columns(
    head: &Head,
    (from, mine): (usize, &[usize]),
    reader: &CellReader,
    text_len: usize,
    options: &IngestOptions,
    observe: bool,
) -> Vec<ColumnBuilder> {
    let (names, _) = column_names(head, from == 1, head.columns.len());
    let forced = |name: &str| options.column_types.iter().rev().find(|(n, _)| n == name).map(|(_, t)| *t);
    let capacity = head.estimate_rows(text_len).saturating_sub(from);
    let mut builders: Vec<ColumnBuilder> = mine
        .iter()
        .map(|&i| {
            ColumnBuilder::new(head.plan(i, from, forced(&names[i]), reader), capacity, options.day_first, observe)
        })
        .collect();
    head.replay(from, (mine, &mut builders), reader);
    builders
}

/// What the cells say about the decimal separator: the cells of the head's `header_rows`,
/// and what each column saw below them.
fn file_evidence(head: &Head, header_rows: std::ops::Range<usize>, builders: &[ColumnBuilder]) -> Evidence {
    let mut evidence = Evidence::default();
    head.observe(&mut evidence, header_rows);
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
fn push_rows(
    rows: &mut Rows,
    (mine, builders): (&[usize], &mut [ColumnBuilder]),
    reader: &CellReader,
    last_empty: &mut bool,
) -> bool {
    for _ in 0..BATCH_ROWS {
        let Some(row) = rows.next_row() else { return false };
        for (&i, builder) in mine.iter().zip(builders.iter_mut()) {
            builder.push(row.cell(i), row.line(), reader);
        }
        *last_empty &= row.cell(row.width() - 1).is_empty();
    }
    true
}

/// Notes on the rows: repaired trailing delimiters, a quote that swallowed skipped rows,
/// quoted cells holding line breaks (which a stray quote could have made of whole rows).
fn tally_notes(tally: &Tally) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(line) = tally.unclosed_quote_line.filter(|_| tally.skipped.count > 0) {
        notes.push(format!("a quote opened on line {line} may never be closed; the rows it swallowed were skipped"));
    } else if let Some(line) = tally.unclosed_quote_line {
        notes.push(format!(
            "{} a quoted cell holding line breaks (the first on line {line}); if a cell should not, a stray quote made rows into it: fix that quote or read quotes as text",
            rows_have(tally.multi_line_rows, "has", "have")
        ));
    }
    if tally.trailing_fixed > 0 {
        notes.push(format!(
            "{} one empty field more or less at the end than the first row (a trailing delimiter); the difference was ignored",
            rows_have(tally.trailing_fixed, "had", "had")
        ));
    }
    notes
}

/// "1 row has", "2 rows have": `n` rows and the verb that agrees.
fn rows_have(n: usize, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 row {one}"),
        n => format!("{} rows {many}", count(n)),
    }
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
    /// Reads the columns whose values were dropped again, now that their kind is known
    /// (`builders` are those of the columns `mine`).
    async fn read(
        &self,
        pieces: &mut dyn Pieces,
        split: Split,
        options: &IngestOptions,
        (mine, builders): (&[usize], &mut [ColumnBuilder]),
    ) -> Result<()> {
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
                    builders[i].push(row.cell(mine[i]), row.line(), self.reader);
                }
            }
            (state, used) = rows.suspend();
        }
        Ok(())
    }
}

/// The error for a file with no rows.
pub fn no_rows(name: &str) -> Error {
    Error::not_csv(format!("'{name}' has no header and no rows, only blank space; choose a CSV file with data"))
}
