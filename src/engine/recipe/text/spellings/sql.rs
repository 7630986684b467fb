//! Spelling clusters as SQL: the fitted merges, written as a merge step writes them.

use super::ClusterSpellings;
use crate::engine::recipe::sql::{SqlFrame, SqlStep};
use crate::engine::recipe::text::merge::merges_sql;

impl ClusterSpellings {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        merges_sql(before, &self.column, &self.merges)
    }
}
