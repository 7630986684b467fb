//! Grouping rare values as SQL: values outside the kept list become the "other" label;
//! `NULL` stays `NULL`.

use super::GroupRareFitted;
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

impl GroupRareFitted {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let names: Vec<String> = self.kept.iter().map(|k| k.column.clone()).collect();
        before.map_labels(&names, |col| {
            let name = names.iter().find(|n| before.col(n) == col).ok_or("a kept list per column")?;
            let kept = &self
                .kept
                .iter()
                .find(|k| &k.column == name)
                .ok_or_else(|| format!("no fitted values for '{name}'"))?
                .values;
            let other = d.string(&self.other);
            if kept.is_empty() {
                return Ok(format!("CASE WHEN {col} IS NULL THEN NULL ELSE {other} END"));
            }
            let list: Vec<String> = kept.iter().map(|v| d.string(v)).collect();
            Ok(format!(
                "CASE WHEN {col} IS NULL THEN NULL WHEN {col} IN ({}) THEN {col} ELSE {other} END",
                list.join(", ")
            ))
        })
    }
}
