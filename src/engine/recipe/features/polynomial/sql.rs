//! Polynomial features as SQL: each term the product of its columns' values, multiplied in
//! the same order as Sift (from 1), a new `DOUBLE` column at the end; `NULL` in, `NULL` out.

use super::Polynomial;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{SqlColumn, SqlFrame, SqlStep};

impl Polynomial {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let inputs = self.columns.iter().map(|c| before.number(c)).collect::<Result<Vec<_>, _>>()?;
        let mut columns = before.unchanged();
        for term in self.terms() {
            let name = self.name(&term);
            if columns.iter().any(|c| c.name == name) {
                return Err(format!("a column named '{name}' already exists"));
            }
            let factors: Vec<&str> = term.iter().filter_map(|c| inputs.get(*c)).map(String::as_str).collect();
            let product = std::iter::once("1e0").chain(factors).collect::<Vec<_>>().join(" * ");
            columns.push(SqlColumn::new(name, ColumnType::Number, product));
        }
        Ok(SqlFrame::step(columns))
    }
}
