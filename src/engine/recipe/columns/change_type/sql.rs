//! Changing a column's type as SQL, for the conversions SQL writes exactly as Sift does:
//! labels (text ↔ category, and whole numbers, booleans and dates as text) and numbers to
//! `DOUBLE`. Parsing labels as numbers or dates, and numbers as text, refuse: the engines read
//! and write those forms differently from Sift.

use super::ChangeType;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{as_double, label, SqlFrame, SqlStep};

impl ChangeType {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        before.require(&self.columns)?;
        before.map_columns(|name, from| {
            if !self.columns.iter().any(|c| c == name) || from == self.to {
                return Ok(None);
            }
            let col = before.col(name);
            let converted = match self.to {
                ColumnType::Text | ColumnType::Category => label(&col, from, d),
                ColumnType::Number => as_double(&col, from, d),
                _ => None,
            };
            let refusal = || format!("'{name}' from {} to {} has no exact SQL", from.name(), self.to.name());
            Ok(Some((self.to, converted.ok_or_else(refusal)?)))
        })
    }
}
