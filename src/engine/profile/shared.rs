//! The report made by two: this thread analyses some columns while an [`Analyst`] elsewhere
//! (the browser's helper worker, on the second core) analyses others. A column's analysis
//! needs nothing but the column, so the report is the same whoever analysed each one; the
//! correlations, which need every column, are computed here first, while the analyst starts.
//!
//! The columns are taken heaviest first, from one queue: the analyst keeps one column in
//! hand while it works on another, and takes the next one whenever it has room, so neither
//! side waits long for the other. If the analyst fails, or declines a column, the column is
//! analysed here: sharing can make the report faster, never wrong or missing.

use crate::engine::base::error::{Error, Result};
use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::column::{analyse, Findings};
use super::report::{ColumnProfile, Report};
use super::{assemble, matrices, ProfileOptions};
use crate::engine::base::pending::Pending;
use crate::engine::base::table::{ColumnData, Table};

/// Fewest rows for which columns are handed to an analyst: below, handing a column over
/// costs about as much as analysing it.
pub const SHARE_MIN_ROWS: usize = 100_000;

/// One column's profile and the findings its alerts are made from.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnAnalysis {
    pub(super) profile: ColumnProfile,
    pub(super) findings: Findings,
}

impl ColumnAnalysis {
    /// Analyses the column `name` holding `data`.
    pub fn of(name: &str, data: &ColumnData) -> Self {
        let (profile, findings) = analyse(name, data);
        ColumnAnalysis { profile, findings }
    }

    /// As JSON, when it reads back exactly; `None` when it holds what JSON cannot (an
    /// infinite maximum, say), so that the column is analysed where the report is made.
    pub fn to_exact_json(&self) -> Option<String> {
        let json = serde_json::to_string(self).ok()?;
        (ColumnAnalysis::from_json(&json).ok().as_ref() == Some(self)).then_some(json)
    }

    /// Reads what [`ColumnAnalysis::to_exact_json`] wrote.
    pub fn from_json(json: &str) -> Result<Self> {
        serde_json::from_str(json).map_err(|e| Error::other(format!("a column's analysis could not be read: {e}")))
    }
}

/// Columns an analyst finished, each with its analysis, or `None` where it declined one.
pub type Finished = Vec<(usize, Option<ColumnAnalysis>)>;

/// Someone who analyses columns elsewhere while this thread analyses others.
pub trait Analyst {
    /// Whether it would take another column now.
    fn has_room(&self) -> bool;

    /// Hands it column `index`, named `name`. An error means it can help no more.
    fn give(&mut self, index: usize, name: &str, data: &ColumnData) -> Result<()>;

    /// The columns it finished since last asked, each with its analysis, or `None` where it
    /// declined the column. With `wait`, at least one, unless it has none in hand; without,
    /// what has arrived (letting its messages in). An error means it failed.
    fn finished(&mut self, wait: bool) -> Pending<'_, Finished>;
}

/// Profiles `table` as `options` say, with `analyst` (if any) analysing some of its columns.
pub async fn profile_shared(table: &Table, options: &ProfileOptions, analyst: Option<&mut dyn Analyst>) -> Report {
    let mut analyses: Vec<Option<ColumnAnalysis>> = table.columns.iter().map(|_| None).collect();
    let mut queue = heaviest_first(table);
    let mut sharing = Sharing {
        analyst: analyst.filter(|_| table.row_count() >= SHARE_MIN_ROWS),
        in_hand: Vec::new(),
        declined: Vec::new(),
    };
    // The correlations first, while the analyst starts on the heaviest columns.
    sharing.feed(table, &mut queue);
    let correlations = matrices::correlations(table, options.spearman);
    loop {
        sharing.collect(table, false, &mut analyses, &mut queue).await;
        sharing.feed(table, &mut queue);
        let Some(i) = queue.pop_front() else { break };
        analyses[i] = Some(analyse_column(table, i));
    }
    while !sharing.in_hand.is_empty() {
        sharing.collect(table, true, &mut analyses, &mut queue).await;
        while let Some(i) = queue.pop_front() {
            analyses[i] = Some(analyse_column(table, i));
        }
    }
    let analyses =
        analyses.into_iter().enumerate().map(|(i, a)| a.unwrap_or_else(|| analyse_column(table, i))).collect();
    assemble(table, options, analyses, correlations)
}

fn analyse_column(table: &Table, i: usize) -> ColumnAnalysis {
    let column = &table.columns[i];
    ColumnAnalysis::of(&column.name, &column.data)
}

/// The analyst while it helps, the columns it has in hand, and those it declined.
struct Sharing<'a> {
    analyst: Option<&'a mut dyn Analyst>,
    in_hand: Vec<usize>,
    declined: Vec<usize>,
}

impl Sharing<'_> {
    /// Hands the analyst the heaviest columns worth handing over while it has room.
    fn feed(&mut self, table: &Table, queue: &mut VecDeque<usize>) {
        let Some(analyst) = self.analyst.as_deref_mut() else { return };
        while analyst.has_room() {
            let handable = |i: &usize| worth_handing_over(&table.columns[*i].data) && !self.declined.contains(i);
            let Some(at) = queue.iter().position(handable) else { return };
            let Some(i) = queue.remove(at) else { return };
            let column = &table.columns[i];
            if analyst.give(i, &column.name, &column.data).is_err() {
                queue.push_front(i);
                return self.give_up(queue);
            }
            self.in_hand.push(i);
        }
    }

    /// Takes the analyses the analyst finished (waiting for one with `wait`); a declined
    /// column goes back to the front of `queue`, and if the analyst failed, all it had.
    async fn collect(
        &mut self,
        table: &Table,
        wait: bool,
        analyses: &mut [Option<ColumnAnalysis>],
        queue: &mut VecDeque<usize>,
    ) {
        let Some(analyst) = self.analyst.as_deref_mut() else { return };
        match analyst.finished(wait).await {
            // Asked to wait, it must bring something: one that does not would be waited for forever.
            Ok(finished) if wait && finished.is_empty() => self.give_up(queue),
            Ok(finished) => {
                for (i, analysis) in finished {
                    let Some(at) = self.in_hand.iter().position(|&given| given == i) else { continue };
                    self.in_hand.swap_remove(at);
                    match analysis.filter(|a| a.profile.name == table.columns[i].name) {
                        Some(analysis) => analyses[i] = Some(analysis),
                        None => {
                            self.declined.push(i);
                            queue.push_front(i);
                        }
                    }
                }
            }
            Err(_) => self.give_up(queue),
        }
    }

    /// Stops sharing: the columns in hand are analysed here.
    fn give_up(&mut self, queue: &mut VecDeque<usize>) {
        self.analyst = None;
        queue.extend(self.in_hand.drain(..));
    }
}

/// Column indices, the costliest to analyse first: numbers and text take a sort or a hash
/// of every value, categories and booleans a count.
fn heaviest_first(table: &Table) -> VecDeque<usize> {
    let mut order: Vec<usize> = (0..table.columns.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cost(&table.columns[i].data)));
    order.into()
}

fn cost(data: &ColumnData) -> usize {
    let weight = match data {
        ColumnData::Number(_) | ColumnData::Text(_) => 3,
        ColumnData::Integer(_) | ColumnData::Date(_) | ColumnData::DateTime(_) => 2,
        ColumnData::Category { .. } | ColumnData::Boolean(_) => 1,
    };
    weight * data.len()
}

/// Whether analysing the column costs clearly more than handing it over: not for counted
/// categories and booleans.
fn worth_handing_over(data: &ColumnData) -> bool {
    !matches!(data, ColumnData::Category { .. } | ColumnData::Boolean(_))
}
