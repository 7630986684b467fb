//! The first rows of a file, kept as text: enough to judge the header, to guess the decimal
//! separator, to start each column as the kind of its first values, and to estimate how many
//! rows follow.

use std::ops::Range;

use super::builder::{ColumnBuilder, Plan};
use super::cells::{trim, CellReader};
use super::decimal::Evidence;
use super::header::MAX_SAMPLE_ROWS;
use super::kind::Kind;
use super::rows::Rows;
use crate::engine::base::cells::dates::{Orders, ANY_ORDER};
use crate::engine::base::cells::datetimes::Temporal;
use crate::engine::base::table::ColumnType;

/// Rows kept: the first row and as many below it as the header is judged on.
pub const HEAD_ROWS: usize = 1 + MAX_SAMPLE_ROWS;

/// The first rows, column by column.
#[derive(Default)]
pub struct Head {
    pub columns: Vec<Vec<String>>,
    /// The file line each row starts on.
    lines: Vec<u64>,
    /// Per column: whether its first cell was quoted, and whether a cell below it was.
    quoted: Vec<(bool, bool)>,
    pub rows: usize,
    /// Bytes of the text they took.
    bytes: usize,
}

impl Head {
    /// Takes more rows, up to [`HEAD_ROWS`] in all, from a piece of the text that starts
    /// `offset` bytes into it.
    pub fn extend(&mut self, rows: &mut Rows, offset: usize) {
        while rows.count() < HEAD_ROWS {
            let Some(row) = rows.next_row() else { break };
            self.columns.resize_with(row.width(), Vec::new);
            self.lines.push(row.line());
            let first = self.lines.len() == 1;
            self.quoted.resize(row.width(), (false, false));
            for (i, (top, below)) in self.quoted.iter_mut().enumerate() {
                if first {
                    *top = row.quoted(i)
                } else {
                    *below |= row.quoted(i)
                }
            }
            for (i, column) in self.columns.iter_mut().enumerate() {
                column.push(row.cell(i).to_string());
            }
        }
        self.rows = self.columns.first().map_or(0, Vec::len);
        self.bytes = offset + rows.position();
    }

    /// Per column: whether its first cell is quoted and no cell below it is — the way R's
    /// `write.csv` and other writers that quote text set a header of numbers apart.
    pub fn quoted_over_unquoted(&self) -> Vec<bool> {
        self.quoted.iter().map(|&(top, below)| top && !below).collect()
    }

    /// Whether it holds all the rows it takes.
    pub fn is_full(&self) -> bool {
        self.rows >= HEAD_ROWS
    }

    /// The cells of `rows` as evidence of the decimal separator.
    pub fn observe(&self, evidence: &mut Evidence, rows: Range<usize>) {
        for column in &self.columns {
            column[rows.clone()].iter().for_each(|cell| evidence.observe(trim(cell)));
        }
    }

    /// How column `i` starts to be read: as the type the user chose (`forced`) or as the kind
    /// of its values from row `from` on.
    pub fn plan(&self, i: usize, from: usize, forced: Option<ColumnType>, reader: &CellReader) -> Plan {
        let values = || self.columns[i].iter().skip(from).filter_map(|cell| reader.value(cell));
        match forced {
            Some(to) => {
                let orders = values().filter_map(Temporal::parse).fold(ANY_ORDER, |o: Orders, t| o & t.orders);
                Plan::Force(to, orders)
            }
            None => Plan::Infer(values().fold(Kind::Empty, |k, v| k.join(Kind::of(v, reader.decimal_comma)))),
        }
    }

    /// Pushes the rows from `from` on into the builders of the columns `mine`.
    pub fn replay(&self, from: usize, (mine, builders): (&[usize], &mut [ColumnBuilder]), reader: &CellReader) {
        for (builder, column) in builders.iter_mut().zip(mine.iter().filter_map(|&i| self.columns.get(i))) {
            column.iter().zip(&self.lines).skip(from).for_each(|(cell, &line)| builder.push(cell, line, reader));
        }
    }

    /// Whether every cell of the last column is empty.
    pub fn last_column_empty(&self) -> bool {
        self.columns.last().is_some_and(|c| c.iter().all(String::is_empty))
    }

    /// About how many rows a text of `total_bytes` has, from the length of these (a little over).
    pub fn estimate_rows(&self, total_bytes: usize) -> usize {
        if self.bytes == 0 || total_bytes <= self.bytes {
            return self.rows;
        }
        let per_row = self.bytes as f64 / self.rows as f64;
        self.rows + ((total_bytes - self.bytes) as f64 / per_row * 1.02) as usize
    }
}
