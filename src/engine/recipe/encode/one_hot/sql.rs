//! One-hot encoding as SQL: one `CASE` per learned category, 1 where the label equals it and
//! 0 otherwise (missing and unseen labels give all zeros, as in Sift).

use super::OneHotFitted;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{replace_with, SqlColumn, SqlFrame, SqlStep};

impl OneHotFitted {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let mut columns = before.unchanged();
        for encoding in &self.encodings {
            let label = before.label(&encoding.column)?;
            let flags = encoding
                .categories
                .iter()
                .map(|c| {
                    let expr = format!("CAST(CASE WHEN {label} = {} THEN 1 ELSE 0 END AS BIGINT)", d.string(c));
                    SqlColumn::new(format!("{}_{c}", encoding.column), ColumnType::Integer, expr)
                })
                .collect();
            replace_with(&mut columns, &encoding.column, flags)?;
        }
        Ok(SqlFrame::step(columns))
    }
}
