//! Renaming as SQL: the same expression under the new name.

use super::RenameColumn;
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

impl RenameColumn {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        before.position(&self.column)?;
        if self.to != self.column && before.position(&self.to).is_ok() {
            return Err(format!("a column named '{}' already exists", self.to));
        }
        let mut columns = before.unchanged();
        columns.iter_mut().filter(|c| c.name == self.column).for_each(|c| c.name = self.to.clone());
        Ok(SqlFrame::step(columns))
    }
}
