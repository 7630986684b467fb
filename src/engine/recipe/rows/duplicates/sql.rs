//! Removing duplicate rows has no SQL translation: Sift keeps the first of each group of equal
//! rows, and a SQL table has no row order to say which is first.

use super::DropDuplicates;
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

impl DropDuplicates {
    pub(super) fn to_sql(&self, _: &SqlFrame) -> Result<SqlStep, String> {
        Err("it keeps the first of equal rows, and a SQL table has no row order to say which is first".into())
    }
}
