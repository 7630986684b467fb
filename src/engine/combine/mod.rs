//! Putting tables together: [`append`] stacks files with the same columns (adding a
//! `source_file` column), [`join`] matches the rows of two tables on a key column.

mod append;
mod join;
mod unify;

pub use append::{append, same_columns, SOURCE_COLUMN};
pub use join::{join, JoinKind, JoinSpec, MAX_JOIN_ROWS};
