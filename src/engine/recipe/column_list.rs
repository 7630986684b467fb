//! Editing the list of columns a step translation gives (SQL or ONNX): inserting after a
//! column and replacing one by several, refusing a name that is already taken, as Sift's
//! apply does.

/// A column of a translation, known by its name.
pub trait Named {
    fn name(&self) -> &str;
}

/// Inserts `new` after the column called `after` (or at the end when it is gone), refusing a
/// name that is already taken.
pub fn insert_after<C: Named>(columns: &mut Vec<C>, after: &str, new: Vec<C>) -> Result<(), String> {
    refuse_taken(columns, &new)?;
    let at = columns.iter().position(|c| c.name() == after).map_or(columns.len(), |i| i + 1);
    columns.splice(at..at, new);
    Ok(())
}

/// Puts `new` in place of the column called `name`, refusing a name that is already taken.
pub fn replace_with<C: Named>(columns: &mut Vec<C>, name: &str, new: Vec<C>) -> Result<(), String> {
    let at =
        columns.iter().position(|c| c.name() == name).ok_or_else(|| format!("there is no column named '{name}'"))?;
    columns.remove(at);
    refuse_taken(columns, &new)?;
    columns.splice(at..at, new);
    Ok(())
}

fn refuse_taken<C: Named>(columns: &[C], new: &[C]) -> Result<(), String> {
    match new.iter().find(|n| columns.iter().any(|c| c.name() == n.name())) {
        Some(taken) => Err(format!("a column named '{}' already exists", taken.name())),
        None => Ok(()),
    }
}
