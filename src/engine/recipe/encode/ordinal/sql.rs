//! Ordinal encoding as SQL: each learned category's rank by a `CASE`; missing and unseen
//! labels are `NULL`, as in Sift.

use super::OrdinalFitted;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{lookup, SqlFrame, SqlStep};

impl OrdinalFitted {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        before.map_columns(|name, _| {
            let Some(encoding) = self.encodings.iter().find(|e| e.column == name) else { return Ok(None) };
            let ranks: Vec<(String, String)> =
                encoding.categories.iter().enumerate().map(|(i, c)| (c.clone(), i.to_string())).collect();
            let null = "CAST(NULL AS BIGINT)";
            Ok(Some((ColumnType::Integer, lookup(&before.label(name)?, &ranks, null, null, before.dialect))))
        })
    }
}
