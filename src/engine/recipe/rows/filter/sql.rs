//! Row filters as SQL `WHERE` conditions. A missing value never matches (as in Sift), so a
//! "keep" filter drops it and a "remove" filter keeps it. A case-insensitive text filter
//! lower-cases ASCII text only (any other character stops the query, as for a case step).

use super::{Comparison, FilterAction, FilterCategory, FilterNumber, FilterText};
use crate::engine::recipe::sql::{ascii_only, SqlFrame, SqlStep};

/// The condition that keeps the rows `matches` says, for `action`.
fn kept(matches: &str, action: FilterAction) -> String {
    match action {
        FilterAction::Keep => format!("COALESCE({matches}, FALSE)"),
        FilterAction::Remove => format!("NOT COALESCE({matches}, FALSE)"),
    }
}

impl FilterNumber {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let op = match self.op {
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
            Comparison::Eq => "=",
            Comparison::Ne => "<>",
        };
        let matches = format!("{} {op} {}", before.number(&self.column)?, before.dialect.number(self.value));
        Ok(before.filter(kept(&matches, self.action)))
    }
}

impl FilterCategory {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let label = before.label(&self.column)?;
        let matches = if self.values.is_empty() {
            "FALSE".to_string()
        } else {
            let list: Vec<String> = self.values.iter().map(|v| before.dialect.string(v)).collect();
            format!("{label} IN ({})", list.join(", "))
        };
        Ok(before.filter(kept(&matches, self.action)))
    }
}

impl FilterText {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let label = before.label(&self.column)?;
        let matches = if self.case_sensitive {
            format!("instr({label}, {}) > 0", d.string(&self.text))
        } else {
            if !self.text.is_ascii() {
                return Err("a case-insensitive filter on non-ASCII text has no exact SQL".into());
            }
            let why = "Sift's SQL for a case-insensitive filter takes ASCII text only; this value has other characters";
            let lowered = ascii_only(&label, &format!("lower({label})"), why, d);
            format!("instr({lowered}, {}) > 0", d.string(&self.text.to_lowercase()))
        };
        Ok(before.filter(kept(&matches, self.action)))
    }
}
