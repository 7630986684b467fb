//! The one table question the learning layer answers: which task a target column implies.
//! Training asks it when no task is given; target encoding asks it to encode as training will.

use crate::engine::base::error::{Error, Result};
use crate::engine::base::table::{ColumnType, Table};

use super::Task;

/// The task a target column implies: categories, text and booleans are classified; integers
/// with at most 10 distinct values too; other numbers are regressed.
pub fn infer_task(table: &Table, target: &str) -> Result<Task> {
    let column = table.require(target)?;
    match column.column_type() {
        ColumnType::Category | ColumnType::Text | ColumnType::Boolean => Ok(Task::Classification),
        ColumnType::Integer => {
            let distinct: std::collections::HashSet<_> =
                (0..column.data.len()).filter_map(|i| column.data.text_at(i)).collect();
            Ok(if distinct.len() <= 10 { Task::Classification } else { Task::Regression })
        }
        ColumnType::Number => Ok(Task::Regression),
        ColumnType::Date | ColumnType::DateTime => {
            Err(Error::other(format!("'{target}' holds dates; choose a category or number column as the target")))
        }
    }
}
