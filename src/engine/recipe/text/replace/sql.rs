//! Find and replace as SQL: a literal, case-sensitive find becomes `replace` (every match,
//! left to right, as Rust's `replace_all`). Regular expressions and case-insensitive finds
//! refuse: DuckDB (RE2) and Spark (Java) differ from Rust's regex in classes such as `\d`,
//! `\w`, `.` and `$`, in Unicode case folding and in `$1` replacements.

use super::FindReplace;
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

impl FindReplace {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        if self.regex {
            return Err("regular expressions differ between Rust, DuckDB (RE2) and Spark (Java); only a literal find translates".into());
        }
        if !self.case_sensitive {
            return Err("case-insensitive matching folds letters differently in Spark's Java regex; only a case-sensitive find translates".into());
        }
        if self.find.is_empty() {
            return Err("the find text is empty".into());
        }
        let d = before.dialect;
        before.map_labels(&self.columns, |col| {
            Ok(format!("replace({col}, {}, {})", d.string(&self.find), d.string(&self.replace)))
        })
    }
}
