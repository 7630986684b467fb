//! Two readers sharing one large file: both split every row (rows can only be found front to
//! back), but each parses and stores only its own columns, so the per-cell work, most of a
//! read, is halved. The browser runs the second reader in a helper worker, on the second core.
//!
//! Each column stays whole inside one reader: its type is inferred, and if need be it is read
//! again, there alone, so no rows or line numbers need merging. The reader that leads takes
//! the helper's finished columns ([`Part`]) and decides the decimal separator from the
//! evidence of both; when that shows the first rows' guess was wrong, it reads the file again
//! alone.

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use super::convert::Converted;
use super::decimal::Evidence;
use super::head::Head;
use super::pass::{self, Pass};
use super::pieces::Pieces;
use super::split::Split;
use super::IngestOptions;
use crate::engine::base::pending::Pending;
use crate::engine::base::table::ColumnData;
use crate::engine::learn::ProgressFn;

/// Which of a file's columns a reader builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Share {
    /// Every column: the file is read alone.
    Whole,
    /// The lead's columns of a shared file; the lead also reads the header's evidence.
    Lead,
    /// The helper's columns of a shared file.
    Help,
}

impl Share {
    /// The columns this reader builds, ascending: the columns are dealt to the two readers
    /// by the bytes their cells take in the head's rows from `from` on (the heaviest first,
    /// each to the reader with fewer bytes so far), so both have about the same work.
    pub fn columns(self, head: &Head, from: usize) -> Vec<usize> {
        let width = head.columns.len();
        let wanted = match self {
            Share::Whole => return (0..width).collect(),
            Share::Lead => 0,
            Share::Help => 1,
        };
        // A cell costs its bytes and a little for being a cell at all.
        let cost = |i: usize| head.columns[i].iter().skip(from).map(|cell| cell.len() + 2).sum::<usize>();
        let mut order: Vec<(usize, usize)> = (0..width).map(|i| (cost(i), i)).collect();
        order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut load = [0usize; 2];
        let mut mine = Vec::new();
        for (cost, i) in order {
            let reader = usize::from(load[1] < load[0]);
            load[reader] += cost;
            if reader == wanted {
                mine.push(i);
            }
        }
        mine.sort_unstable();
        mine
    }

    /// Whether the header row's cells are this reader's evidence of the decimal separator
    /// (only one reader counts them).
    pub fn reads_header(self) -> bool {
        self != Share::Help
    }
}

/// What the lead tells the helper: the file's name, how much of it to read and with which
/// options, how to split the rows it found, and the decimal separator when it is known.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShareRequest {
    pub name: String,
    /// Bytes of the file to read.
    pub end: u64,
    pub options: IngestOptions,
    pub delimiter: u8,
    /// `None` when quotes are read as text.
    pub quote: Option<u8>,
    /// Bytes of an Excel `sep=` line to skip.
    pub start: usize,
    pub decimal_comma: Option<bool>,
    /// Bytes read at a time.
    pub slice: usize,
}

impl ShareRequest {
    /// The helper's share of the first `end` bytes of `name`.
    pub(super) fn new(
        name: &str,
        (end, slice): (u64, usize),
        options: &IngestOptions,
        split: Split,
        decimal_comma: Option<bool>,
    ) -> Self {
        let (name, options) = (name.to_string(), options.clone());
        ShareRequest {
            name,
            end,
            options,
            delimiter: split.delimiter,
            quote: split.quote,
            start: split.start,
            decimal_comma,
            slice,
        }
    }

    pub(super) fn split(&self) -> Split {
        Split { delimiter: self.delimiter, quote: self.quote, start: self.start }
    }
}

/// One finished column of a [`Part`].
pub struct PartColumn {
    /// The column's place in the file.
    pub index: usize,
    pub converted: Converted,
    /// Whether its type was the user's choice.
    pub forced: bool,
}

/// The helper's columns of a shared file, finished.
pub struct Part {
    /// The decimal separator the helper read with (a guess from the first rows, as the lead's).
    pub decimal_comma: bool,
    /// What its cells said about the decimal separator, when that was not known.
    pub evidence: Option<Evidence>,
    pub columns: Vec<PartColumn>,
}

/// A [`Part`] without its values: what goes beside the columns' bytes when a worker hands
/// its part over (see [`crate::engine::base::column_bytes`]).
#[derive(Debug, Serialize, Deserialize)]
pub struct PartHeader {
    pub decimal_comma: bool,
    pub evidence: Option<Evidence>,
    pub columns: Vec<ColumnHeader>,
}

/// A [`PartColumn`] without its values.
#[derive(Debug, Serialize, Deserialize)]
pub struct ColumnHeader {
    pub index: usize,
    pub notes: Vec<String>,
    pub unfit: usize,
    pub forced: bool,
}

impl Part {
    /// The part's header, and its columns' values in the header's order.
    pub fn split_values(self) -> (PartHeader, Vec<ColumnData>) {
        let (columns, values) = self
            .columns
            .into_iter()
            .map(|PartColumn { index, converted: Converted { data, notes, unfit }, forced }| {
                (ColumnHeader { index, notes, unfit, forced }, data)
            })
            .unzip();
        (PartHeader { decimal_comma: self.decimal_comma, evidence: self.evidence, columns }, values)
    }

    /// The part `header` describes, with its columns' `values`.
    pub fn join_values(header: PartHeader, values: Vec<ColumnData>) -> Result<Part> {
        if header.columns.len() != values.len() {
            return Err(Error::other(format!(
                "the helper described {} columns but sent {}",
                header.columns.len(),
                values.len()
            )));
        }
        let columns = header
            .columns
            .into_iter()
            .zip(values)
            .map(|(ColumnHeader { index, notes, unfit, forced }, data)| PartColumn {
                index,
                converted: Converted { data, notes, unfit },
                forced,
            })
            .collect();
        Ok(Part { decimal_comma: header.decimal_comma, evidence: header.evidence, columns })
    }
}

/// The reader of the other columns, seen from the lead.
pub trait Partner {
    /// Starts reading the helper's share of the file.
    fn start(&mut self, request: ShareRequest) -> Result<()>;

    /// The helper's columns, once it has read them all.
    fn finish(&mut self) -> Pending<'_, Part>;
}

/// Reads the columns, with `partner` reading half of them (a slice of the given size at a
/// time) when there is one, and again with
/// the other decimal separator when the cells show the first rows' guess was wrong. Should
/// the partner fail, the file is read again alone: the person only waits longer.
pub(super) async fn read_columns(
    name: &str,
    pieces: &mut dyn Pieces,
    split: Split,
    options: &IngestOptions,
    mut partner: Option<(&mut dyn Partner, usize)>,
    progress: &mut ProgressFn<'_>,
) -> Result<Pass> {
    let mut decimal_comma = options.decimal_comma;
    loop {
        let started = match &mut partner {
            Some((p, slice)) => {
                p.start(ShareRequest::new(name, (pieces.total() as u64, *slice), options, split, decimal_comma)).is_ok()
            }
            None => false,
        };
        let share = if started { Share::Lead } else { Share::Whole };
        let mut pass = pass::read(name, pieces, split, options, (decimal_comma, share), progress).await?;
        if let Some((partner, _)) = partner.take().filter(|_| started) {
            if partner.finish().await.and_then(|part| pass.absorb(part)).is_err() {
                continue;
            }
        }
        if !pass.guessed_wrong(split) {
            return Ok(pass);
        }
        decimal_comma = Some(!pass.decimal_comma);
    }
}
