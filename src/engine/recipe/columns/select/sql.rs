//! Dropping and keeping columns as SQL: the select list without (or with only) them.

use super::{DropColumns, KeptColumns};
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

impl DropColumns {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        before.require(&self.columns)?;
        Ok(SqlFrame::step(before.unchanged().into_iter().filter(|c| !self.columns.contains(&c.name)).collect()))
    }
}

impl KeptColumns {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        before.require(&self.columns)?;
        let kept = |name: &String| self.columns.contains(name) || self.target.as_ref() == Some(name);
        Ok(SqlFrame::step(before.unchanged().into_iter().filter(|c| kept(&c.name)).collect()))
    }
}
