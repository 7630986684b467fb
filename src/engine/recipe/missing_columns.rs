//! Does a recipe fit a table? Every column an enabled step names must exist when the step
//! runs; columns made by earlier steps (one-hot outputs, renamed columns) count.

use super::document::Recipe;
use super::step::FitContext;
use crate::engine::base::error::{Error, Result};
use crate::engine::base::table::names::{closest, visible};
use crate::engine::base::table::Table;

/// Rows the check runs on first; the whole table is checked only to confirm a problem.
const CHECK_ROWS: usize = 2_000;

impl Recipe {
    /// An error naming every column the recipe's enabled steps need but `table` lacks (with
    /// the steps that name it), e.g. after opening a recipe saved for other data.
    pub fn check_columns(&self, table: &Table, context: &FitContext) -> Result<()> {
        let head: Vec<usize> = (0..table.row_count().min(CHECK_ROWS)).collect();
        let mut absent = self.absent_columns(table.take(&head), context);
        if !absent.is_empty() && head.len() < table.row_count() {
            // A column may come from a category the first rows do not have.
            absent = self.absent_columns(table.clone(), context);
        }
        if absent.is_empty() {
            return Ok(());
        }
        let known = table.column_names();
        let listed: Vec<String> = absent
            .iter()
            .map(|(name, steps)| {
                let numbers: Vec<String> = steps.iter().map(|s| (s + 1).to_string()).collect();
                let label = if steps.len() == 1 { "step" } else { "steps" };
                let hint =
                    closest(name, &known).map(|k| format!(", did you mean '{}'?", visible(k))).unwrap_or_default();
                format!("'{}' ({label} {}{hint})", visible(name), numbers.join(", "))
            })
            .collect();
        let noun =
            if absent.len() == 1 { "a column this data does not have" } else { "columns this data does not have" };
        let message = format!(
            "this recipe uses {noun}: {}; edit or remove those steps, or rename the columns first",
            listed.join(", ")
        );
        Err(Error::missing_column(&absent[0].0, message))
    }

    /// Each missing column with the positions of the steps that name it. Steps run in turn
    /// (a step that fails, or lacks columns, leaves the table as it was).
    fn absent_columns(&self, table: Table, context: &FitContext) -> Vec<(String, Vec<usize>)> {
        let mut absent: Vec<(String, Vec<usize>)> = Vec::new();
        let mut current = table;
        for (i, entry) in self.enabled_steps() {
            let lacking: Vec<String> =
                entry.step.columns().into_iter().filter(|c| current.column(c).is_none()).collect();
            if lacking.is_empty() {
                if let Ok((_, next)) = entry.step.fit_transform(current.clone(), context) {
                    current = next;
                }
                continue;
            }
            for name in lacking {
                match absent.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, steps)) if steps.last() != Some(&i) => steps.push(i),
                    Some(_) => {}
                    None => absent.push((name, vec![i])),
                }
            }
        }
        absent
    }
}
