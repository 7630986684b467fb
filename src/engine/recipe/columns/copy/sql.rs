//! Copying a column as SQL: the same expression again, under the new name, after it.

use super::DuplicateColumn;
use crate::engine::recipe::sql::{insert_after, SqlColumn, SqlFrame, SqlStep};

impl DuplicateColumn {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let copy = SqlColumn::new(self.to.clone(), before.type_of(&self.column)?, before.col(&self.column));
        let mut columns = before.unchanged();
        insert_after(&mut columns, &self.column, vec![copy])?;
        Ok(SqlFrame::step(columns))
    }
}
