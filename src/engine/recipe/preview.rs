//! The before/after preview the UI shows while a step is added or edited: the affected
//! columns' first rows and statistics before and after the step, and how many rows and
//! columns it changed. Meant for the first rows of the data (say up to 100 000).

use crate::engine::base::error::{Error, Result};
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::document::Recipe;
use super::step::FitContext;
use super::values::{numbers, Labels};
use super::Step;
use crate::engine::base::table::{ColumnData, ColumnType, Table};

/// How many first rows of each affected column the preview holds.
pub const PREVIEW_ROWS: usize = 10;

/// What one step does to a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StepPreview {
    pub rows_before: usize,
    pub rows_after: usize,
    pub columns_before: usize,
    pub columns_after: usize,
    /// Rows with at least one changed cell (when the step keeps every row), or rows removed.
    pub rows_changed: usize,
    pub columns_added: Vec<String>,
    pub columns_removed: Vec<String>,
    /// Columns kept under their name whose values changed.
    pub columns_changed: Vec<String>,
    /// The affected columns: added, removed, changed (or, for a step that removes rows, the
    /// columns it looks at).
    pub columns: Vec<ColumnChange>,
}

/// One affected column, before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnChange {
    pub name: String,
    /// `None`: the step added it.
    pub before: Option<ColumnStats>,
    /// `None`: the step removed it.
    pub after: Option<ColumnStats>,
    /// Cells that differ (for a column kept in place, when the step keeps every row).
    pub cells_changed: usize,
}

/// A column's type, statistics and first values.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnStats {
    pub column_type: ColumnType,
    pub missing: usize,
    pub distinct: usize,
    pub mean: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// The first [`PREVIEW_ROWS`] values as text (`None`: missing).
    pub first: Vec<Option<String>>,
}

/// The preview of step `index` of `recipe` (enabled or not) on `table`: the enabled steps
/// before it are fitted and applied first, then the step is fitted on what they leave.
pub fn preview(table: &Table, recipe: &Recipe, index: usize, context: &FitContext) -> Result<StepPreview> {
    let entry = recipe.steps.get(index).ok_or_else(|| Error::other(format!("the recipe has no step {}", index + 1)))?;
    let before = recipe.table_before(index, table.clone(), context)?;
    preview_step(&before, &entry.step, context)
}

/// The preview of `step` on `before`, the data as the step sees it.
pub fn preview_step(before: &Table, step: &Step, context: &FitContext) -> Result<StepPreview> {
    let (_, after) = step.fit_transform(before.clone(), context)?;
    let same_rows = before.row_count() == after.row_count();
    let names_before: HashSet<&str> = before.columns.iter().map(|c| c.name.as_str()).collect();
    let names_after: HashSet<&str> = after.columns.iter().map(|c| c.name.as_str()).collect();
    let columns_added: Vec<String> =
        after.column_names().into_iter().filter(|n| !names_before.contains(n.as_str())).collect();
    let columns_removed: Vec<String> =
        before.column_names().into_iter().filter(|n| !names_after.contains(n.as_str())).collect();

    let mut columns = Vec::new();
    let mut columns_changed = Vec::new();
    let mut changed_rows = vec![false; if same_rows { before.row_count() } else { 0 }];
    let looked_at = step.columns();
    for old in &before.columns {
        let Some(new) = after.column(&old.name) else {
            columns.push(ColumnChange {
                name: old.name.clone(),
                before: Some(stats(&old.data)),
                after: None,
                cells_changed: 0,
            });
            continue;
        };
        let cells_changed = if same_rows { mark_changes(&old.data, &new.data, &mut changed_rows) } else { 0 };
        if cells_changed > 0 {
            columns_changed.push(old.name.clone());
        }
        if cells_changed > 0 || (!same_rows && looked_at.contains(&old.name)) {
            columns.push(ColumnChange {
                name: old.name.clone(),
                before: Some(stats(&old.data)),
                after: Some(stats(&new.data)),
                cells_changed,
            });
        }
    }
    for name in &columns_added {
        let data = after.column(name).map(|c| &c.data);
        columns.push(ColumnChange { name: name.clone(), before: None, after: data.map(stats), cells_changed: 0 });
    }
    Ok(StepPreview {
        rows_before: before.row_count(),
        rows_after: after.row_count(),
        columns_before: before.column_count(),
        columns_after: after.column_count(),
        rows_changed: if same_rows {
            changed_rows.iter().filter(|c| **c).count()
        } else {
            before.row_count().abs_diff(after.row_count())
        },
        columns_added,
        columns_removed,
        columns_changed,
        columns,
    })
}

/// Marks the rows where `a` and `b` differ and counts them.
fn mark_changes(a: &ColumnData, b: &ColumnData, changed: &mut [bool]) -> usize {
    fn unequal<T: PartialEq>(x: impl IntoIterator<Item = T>, y: impl IntoIterator<Item = T>) -> Vec<bool> {
        x.into_iter().zip(y).map(|(p, q)| p != q).collect()
    }
    let differs: Vec<bool> = match (a, b) {
        (ColumnData::Number(x), ColumnData::Number(y)) => {
            x.iter().zip(y).map(|(p, q)| !(p == q || (p.is_nan() && q.is_nan()))).collect()
        }
        (ColumnData::Integer(x), ColumnData::Integer(y)) => unequal(x, y),
        (ColumnData::Boolean(x), ColumnData::Boolean(y)) => unequal(x, y),
        (ColumnData::Date(x), ColumnData::Date(y)) => unequal(x, y),
        (ColumnData::DateTime(x), ColumnData::DateTime(y)) => unequal(x, y),
        (ColumnData::Text(x), ColumnData::Text(y)) => unequal(x, y),
        (ColumnData::Category { codes: c1, levels: l1 }, ColumnData::Category { codes: c2, levels: l2 })
            if l1 == l2 =>
        {
            unequal(c1, c2)
        }
        _ => (0..a.len().min(b.len())).map(|i| a.text_at(i) != b.text_at(i)).collect(),
    };
    let mut count = 0;
    for (mark, d) in changed.iter_mut().zip(differs) {
        *mark |= d;
        count += usize::from(d);
    }
    count
}

fn stats(data: &ColumnData) -> ColumnStats {
    let first = (0..data.len().min(PREVIEW_ROWS)).map(|i| data.text_at(i)).collect();
    let numeric = numbers(data);
    let (mean, min, max, distinct) = match &numeric {
        Some(values) => {
            let present = || values.iter().copied().filter(|x| !x.is_nan());
            let count = present().count();
            let mean = (count > 0).then(|| present().sum::<f64>() / count as f64);
            let distinct = distinct_count(present().map(|x| if x == 0.0 { 0 } else { x.to_bits() }), count);
            (mean, present().reduce(f64::min), present().reduce(f64::max), distinct)
        }
        None => {
            let labels = Labels::of(data);
            (None, None, None, labels.counts().iter().filter(|n| **n > 0).count())
        }
    };
    ColumnStats { column_type: data.column_type(), missing: data.missing_count(), distinct, mean, min, max, first }
}

/// How many different `keys` there are (at most `n`), with an open-addressing set: a few
/// times faster than sorting, which matters for a preview that must feel instant.
fn distinct_count(keys: impl Iterator<Item = u64>, n: usize) -> usize {
    let size = (2 * n).next_power_of_two().max(16);
    let (mask, shift) = (size - 1, 64 - size.trailing_zeros());
    // Slot 0 marks "empty"; the key 0 is counted on the side.
    let mut slots = vec![0u64; size];
    let (mut count, mut zero) = (0, false);
    for key in keys {
        if key == 0 {
            zero = true;
            continue;
        }
        // Fibonacci hashing: the top bits of the product.
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize;
        while slots[i] != 0 && slots[i] != key {
            i = (i + 1) & mask;
        }
        if slots[i] == 0 {
            slots[i] = key;
            count += 1;
        }
    }
    count + usize::from(zero)
}
