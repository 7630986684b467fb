//! The group column of a grouped split: which prepared rows belong together.
//!
//! Rows that share a key (a player, a patient, a bird measured every year) are alike in ways
//! the inputs do not show; a random split puts some of each on both sides and the test score
//! then measures memory, not prediction. With a group column, whole groups go to one side.
//! The column only decides the split: it is taken out of the table before the recipe, so it
//! is never a model input and a model file does not ask for it.

use crate::engine::base::error::{Error, Result};
use std::collections::HashMap;

use crate::engine::base::format::count_of;
use crate::engine::base::table::Table;
use crate::engine::learn::LearnError;
use crate::engine::recipe::Recipe;

/// The group key of each row to learn from.
pub struct Grouping {
    /// The group column's name.
    pub column: String,
    /// One key per prepared row; rows with the same key are one group.
    pub keys: Vec<u32>,
}

impl Grouping {
    /// The keys of `column` for the rows `kept` of `table` (the rows with a target). The
    /// column must exist, differ from the target and have a value in every kept row.
    pub fn of(table: &Table, column: &str, target: &str, kept: &[usize]) -> Result<Grouping> {
        if column == target {
            return Err(Error::other(format!(
                "'{column}' is the target; rows cannot be grouped by the column being predicted (choose the column that names who or what was measured, such as a player or patient id)"
            )));
        }
        let data = &table.require(column)?.data;
        let missing: Vec<usize> = kept.iter().copied().filter(|&i| data.is_missing(i)).collect();
        if let Some(&first) = missing.first() {
            return Err(Error::other(format!(
                "the group column '{column}' is empty in {} (the first is data row {}); every row needs a group: fill them in or remove those rows",
                count_of(missing.len(), "row"),
                first + 1
            )));
        }
        let mut ids: HashMap<String, u32> = HashMap::new();
        let keys = kept
            .iter()
            .map(|&i| {
                let next = ids.len() as u32;
                *ids.entry(data.text_at(i).unwrap_or_default()).or_insert(next)
            })
            .collect();
        Ok(Grouping { column: column.to_string(), keys })
    }

    /// A split's refusal, naming the group column.
    pub fn explain(&self, e: LearnError) -> LearnError {
        e.context(format_args!("grouping rows by '{}'", self.column))
    }

    /// An error when whole groups took every class but one out of the training rows `train`
    /// (indices into `labels`; `classes` are the class names), so no classifier could learn.
    pub fn check_training_classes(&self, train: &[usize], labels: &[u32], classes: &[String]) -> Result<()> {
        let Some(&first) = train.first() else { return Ok(()) };
        let only = labels[first];
        if train.iter().any(|&i| labels[i] != only) {
            return Ok(());
        }
        let class = classes.get(only as usize).map_or("?", String::as_str);
        Err(Error::other(format!(
            "with rows grouped by '{}', every training row is of class '{class}': the groups holding the other classes all went to the held-out side; choose a smaller test share (or fewer folds), or group by another column",
            self.column
        )))
    }
}

/// An error when a step of the user's recipe names the group column: the column is taken out
/// before the recipe (it only decides the split), so such a step could not run.
pub fn check_recipe_leaves_group_alone(recipe: &Recipe, group: &str) -> Result<()> {
    for (i, entry) in recipe.enabled_steps() {
        if entry.step.columns().iter().any(|c| c == group) {
            return Err(Error::other(format!(
                "step {} ({}) uses '{group}', the column rows are grouped by; remove '{group}' from that step (the group column only decides the split and is never a model input)",
                i + 1,
                entry.step.describe()
            )));
        }
    }
    Ok(())
}
