//! Column steps: drop.

use crate::engine::table::Table;

/// Removes the named columns; every one must exist.
pub fn drop(mut table: Table, columns: &[String]) -> Result<Table, String> {
    for name in columns {
        table.require(name)?;
    }
    table.columns.retain(|c| !columns.contains(&c.name));
    Ok(table)
}
