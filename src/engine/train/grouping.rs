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
        let name = |label: u32| classes.get(label as usize).map_or("?", String::as_str);
        if train.iter().all(|&i| labels[i] == only) {
            return Err(Error::other(format!(
                "with rows grouped by '{}', every training row is of class '{}': the groups holding the other classes all went to the held-out side; choose a smaller test share (or fewer folds), or group by another column",
                self.column,
                name(only)
            )));
        }
        // A class whose every row is held out: the model could never predict it, and every one
        // of its test rows would count as an error without saying why.
        let mut trained = vec![false; classes.len().max(1)];
        for &i in train {
            if let Some(seen) = trained.get_mut(labels[i] as usize) {
                *seen = true;
            }
        }
        let mut unseen: Vec<(u32, usize)> = Vec::new();
        for &label in labels {
            if !trained.get(label as usize).copied().unwrap_or(true) {
                match unseen.iter_mut().find(|(l, _)| *l == label) {
                    Some((_, rows)) => *rows += 1,
                    None => unseen.push((label, 1)),
                }
            }
        }
        if unseen.is_empty() {
            return Ok(());
        }
        let listed: Vec<String> =
            unseen.iter().map(|&(label, rows)| format!("'{}' ({})", name(label), count_of(rows, "row"))).collect();
        let (class, it, that) =
            if listed.len() == 1 { ("class", "it", "that class") } else { ("classes", "them", "those classes") };
        Err(Error::other(format!(
            "with rows grouped by '{}', no training row is of {class} {}: every group holding {it} went to the held-out side, so the model could never predict {it}; choose a smaller test share (or fewer folds), group by another column, or filter out {that}",
            self.column,
            listed.join(", ")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn grouping() -> Grouping {
        Grouping { column: "island".into(), keys: vec![] }
    }

    #[test]
    fn a_class_with_no_training_row_is_refused_by_name() {
        let classes: Vec<String> = ["Adelie", "Chinstrap", "Gentoo"].map(String::from).into();
        let labels = [0, 0, 1, 1, 2, 2, 2];
        // Every class in training: fine.
        assert!(grouping().check_training_classes(&[0, 2, 4], &labels, &classes).is_ok());
        // Gentoo only held out.
        let e = grouping().check_training_classes(&[0, 1, 2, 3], &labels, &classes).unwrap_err();
        assert_eq!(
            e.message(),
            "with rows grouped by 'island', no training row is of class 'Gentoo' (3 rows): every group holding it went to the held-out side, so the model could never predict it; choose a smaller test share (or fewer folds), group by another column, or filter out that class"
        );
        // One class left: the older message.
        let e = grouping().check_training_classes(&[0, 1], &labels, &classes).unwrap_err();
        assert!(e.message().contains("every training row is of class 'Adelie'"), "{e}");
    }
}
