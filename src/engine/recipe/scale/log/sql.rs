//! The log1p transform as SQL: `ln(1 + x)` as precise as Rust's `ln_1p` (see
//! [`ln_1p`]), `NULL` at or below −1 as in Sift.

use super::Log1p;
use crate::engine::recipe::sql::{ln_1p, SqlFrame, SqlStep};

impl Log1p {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        before.map_numbers(&self.columns, |_, x| {
            Ok(format!("CASE WHEN {x} > -1e0 THEN {} END", ln_1p(x, before.dialect)))
        })
    }
}
