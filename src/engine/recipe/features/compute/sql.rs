//! Arithmetic between two columns as SQL: the same double operation, a new column at the
//! end; division by zero gives `NULL` as in Sift.

use super::{Compute, Operation};
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{divide, SqlColumn, SqlFrame, SqlStep};

impl Compute {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let (a, b) = (before.number(&self.left)?, before.number(&self.right)?);
        let expr = match self.op {
            Operation::Add => format!("{a} + {b}"),
            Operation::Subtract => format!("{a} - {b}"),
            Operation::Multiply => format!("{a} * {b}"),
            Operation::Divide => divide(&a, &b),
        };
        let mut columns = before.unchanged();
        if columns.iter().any(|c| c.name == self.to) {
            return Err(format!("a column named '{}' already exists", self.to));
        }
        columns.push(SqlColumn::new(self.to.clone(), ColumnType::Number, expr));
        Ok(SqlFrame::step(columns))
    }
}
