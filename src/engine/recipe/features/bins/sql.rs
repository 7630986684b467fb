//! Binning as SQL: the bin number is how many learned cut points are at or below the value,
//! written as a `CASE` over the sorted cuts; `NULL` stays `NULL`.

use super::BinsFitted;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

impl BinsFitted {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let names: Vec<String> = self.cuts.iter().map(|(n, _)| n.clone()).collect();
        before.require(&names)?;
        before.map_columns(|name, _| {
            let Some((_, cuts)) = self.cuts.iter().find(|(n, _)| n == name) else { return Ok(None) };
            if cuts.windows(2).any(|w| w[0] > w[1]) {
                return Err(format!("the cut points of '{name}' are not in order"));
            }
            let x = before.number(name)?;
            let arms: String =
                cuts.iter().enumerate().map(|(i, c)| format!(" WHEN {x} < {} THEN {i}", d.number(*c))).collect();
            Ok(Some((
                ColumnType::Integer,
                format!("CAST(CASE WHEN {x} IS NULL THEN NULL{arms} ELSE {} END AS BIGINT)", cuts.len()),
            )))
        })
    }
}
