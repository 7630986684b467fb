//! Outlier fences as SQL: clipping is a `CASE` to the learned fences; dropping is a `WHERE`
//! that keeps rows inside every fence (and rows where the value is missing, as Sift does).

use super::{ClipFitted, DropFitted, Fence};
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

fn names(fences: &[Fence]) -> Vec<String> {
    fences.iter().map(|f| f.column.clone()).collect()
}

impl ClipFitted {
    /// `CASE WHEN x < low THEN low WHEN x > high THEN high ELSE x END` per column.
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        before.map_numbers(&names(&self.fences), |name, x| {
            let fence = self
                .fences
                .iter()
                .find(|f| f.column == name)
                .ok_or_else(|| format!("no fitted values for '{name}'"))?;
            let (low, high) = (d.number(fence.low), d.number(fence.high));
            Ok(format!("CASE WHEN {x} < {low} THEN {low} WHEN {x} > {high} THEN {high} ELSE {x} END"))
        })
    }
}

impl DropFitted {
    /// Keeps a row when each fenced value is missing or within its fences.
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let conditions = self
            .fences
            .iter()
            .map(|f| {
                let x = before.number(&f.column)?;
                Ok(format!("({x} IS NULL OR ({x} >= {} AND {x} <= {}))", d.number(f.low), d.number(f.high)))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(before.filter(if conditions.is_empty() { "TRUE".into() } else { conditions.join(" AND ") }))
    }
}
