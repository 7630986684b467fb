//! The log1p transform as SQL: `ln(1 + x)`, `NULL` at or below −1. Spark has `log1p`; in
//! DuckDB, where `ln(1 + x)` loses digits for tiny `x`, values below 1e-4 in size use the
//! series x − x²/2 + x³/3 − x⁴/4 (its error, below x⁵/5, is far under 1e-9 relative).

use super::Log1p;
use crate::engine::base::sql::Dialect;
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

impl Log1p {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        before.map_numbers(&self.columns, |_, x| {
            let log = match d {
                Dialect::Spark => format!("log1p({x})"),
                Dialect::DuckDb => format!(
                    "CASE WHEN abs({x}) < 1e-4 THEN {x} * (1e0 - {x} * (5e-1 - {x} * ({} - {x} * 2.5e-1))) ELSE ln(1e0 + {x}) END",
                    d.number(1.0 / 3.0)
                ),
            };
            format!("CASE WHEN {x} > -1e0 THEN {log} END")
        })
    }
}
