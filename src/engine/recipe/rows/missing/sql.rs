//! Removing rows with missing values as SQL: a `WHERE` over `IS NULL` of the columns (all
//! columns when the step names none).

use super::{DropMissing, MissingRule};
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

impl DropMissing {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        before.require(&self.columns)?;
        let present: Vec<String> = before
            .columns
            .iter()
            .filter(|(name, _)| self.columns.is_empty() || self.columns.contains(name))
            .map(|(name, _)| format!("{} IS NOT NULL", before.col(name)))
            .collect();
        if present.is_empty() {
            return Ok(before.filter("TRUE".into()));
        }
        let condition = match self.how {
            MissingRule::Any => present.join(" AND "),
            MissingRule::All => format!("({})", present.join(" OR ")),
        };
        Ok(before.filter(condition))
    }
}
