//! Trimming as SQL: a regular expression over every Unicode white-space character (what Rust's
//! `trim` and `split_whitespace` remove), since the engines' own `trim` removes spaces only.

use super::TrimWhitespace;
use crate::engine::recipe::sql::{replace_all, SqlFrame, SqlStep, WHITE_SPACE};

impl TrimWhitespace {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        before.map_labels(&self.columns, |col| {
            let trimmed = replace_all(col, &format!("^{WHITE_SPACE}+|{WHITE_SPACE}+$"), "", d);
            Ok(if self.collapse { replace_all(&trimmed, &format!("{WHITE_SPACE}+"), " ", d) } else { trimmed })
        })
    }
}
