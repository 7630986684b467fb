//! Merging categories as SQL: a `CASE` from each merged value to the value it becomes (the
//! last merge naming a value wins, as in Sift); other values and `NULL` stay as they are.

use std::collections::HashMap;

use super::{Merge, MergeCategories};
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

/// The merges of `column` as one `CASE`; shared with spelling clusters, which merge the same way.
pub(in crate::engine::recipe::text) fn merges_sql(
    before: &SqlFrame,
    column: &str,
    merges: &[Merge],
) -> Result<SqlStep, String> {
    let d = before.dialect;
    let mut into: HashMap<&str, &str> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for merge in merges {
        for from in &merge.from {
            if into.insert(from, &merge.to).is_none() {
                order.push(from);
            }
        }
    }
    before.map_labels(&[column.to_string()], |col| {
        if order.is_empty() {
            return Ok(col.to_string());
        }
        let arms: String = order
            .iter()
            .map(|from| format!(" WHEN {col} = {} THEN {}", d.string(from), d.string(into[from])))
            .collect();
        Ok(format!("CASE{arms} ELSE {col} END"))
    })
}

impl MergeCategories {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        merges_sql(before, &self.column, &self.merges)
    }
}
