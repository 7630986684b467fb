//! The recipe: an ordered list of preparation steps, fitted on training rows, applied anywhere.
//!
//! [`Recipe::fit`] learns each step's parameters (means, categories, scales) from the rows it
//! is given and returns a [`FittedRecipe`], which [`FittedRecipe::apply`] replays on any table:
//! the training rows, the test rows, or a new file at prediction time.

mod columns;
mod impute;
mod one_hot;
mod scale;

use serde::{Deserialize, Serialize};

use crate::engine::table::Table;

pub use impute::{Fill, ImputeStrategy};

/// Version of the recipe JSON format.
pub const RECIPE_VERSION: u32 = 1;

/// An editable, ordered list of steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recipe {
    pub version: u32,
    pub steps: Vec<RecipeStep>,
}

/// One step of a recipe, and whether Sift added it by itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecipeStep {
    #[serde(flatten)]
    pub step: Step,
    /// Added by Sift when training needed it; the user can still edit or remove it.
    #[serde(default)]
    pub automatic: bool,
}

/// What a step does, with its parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// Remove columns.
    DropColumns { columns: Vec<String> },
    /// Fill missing values with a statistic learned from the training rows.
    Impute { columns: Vec<String>, strategy: ImputeStrategy },
    /// Replace each category column by one 0/1 column per category seen in training.
    OneHot { columns: Vec<String> },
    /// Subtract the training mean and divide by the training standard deviation.
    StandardScale { columns: Vec<String> },
}

/// A step with its learned parameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FittedStep {
    DropColumns { columns: Vec<String> },
    Impute { fills: Vec<(String, Fill)> },
    OneHot { encodings: Vec<one_hot::Encoding> },
    StandardScale { scales: Vec<scale::Scale> },
}

/// A recipe whose steps have learned their parameters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FittedRecipe {
    pub steps: Vec<FittedStep>,
}

impl Default for Recipe {
    fn default() -> Self {
        Recipe { version: RECIPE_VERSION, steps: Vec::new() }
    }
}

impl Step {
    /// The columns the step works on.
    pub fn columns(&self) -> &[String] {
        match self {
            Step::DropColumns { columns }
            | Step::Impute { columns, .. }
            | Step::OneHot { columns }
            | Step::StandardScale { columns } => columns,
        }
    }

    /// The columns the step works on, to edit.
    pub fn columns_mut(&mut self) -> &mut Vec<String> {
        match self {
            Step::DropColumns { columns }
            | Step::Impute { columns, .. }
            | Step::OneHot { columns }
            | Step::StandardScale { columns } => columns,
        }
    }

    /// A short title, e.g. "Impute missing (median): bill_length_mm, body_mass_g".
    pub fn describe(&self) -> String {
        let title = match self {
            Step::DropColumns { .. } => "Drop column".to_string(),
            Step::Impute { strategy, .. } => format!("Impute missing ({})", strategy.label()),
            Step::OneHot { .. } => "One-hot encode".to_string(),
            Step::StandardScale { .. } => "Standard scale".to_string(),
        };
        format!("{title}: {}", self.columns().join(", "))
    }

    /// One plain-language sentence saying what the step does.
    pub fn explain(&self) -> &'static str {
        match self {
            Step::DropColumns { .. } => "Removes these columns from the data.",
            Step::Impute { strategy, .. } => strategy.explain(),
            Step::OneHot { .. } => {
                "Turns each category into its own 0/1 column, so models that need numbers can use it."
            }
            Step::StandardScale { .. } => {
                "Centres each column on the training mean and divides by its standard deviation."
            }
        }
    }

    fn fit(&self, table: &Table) -> Result<FittedStep, String> {
        for name in self.columns() {
            table.require(name)?;
        }
        match self {
            Step::DropColumns { columns } => Ok(FittedStep::DropColumns { columns: columns.clone() }),
            Step::Impute { columns, strategy } => impute::fit(table, columns, *strategy),
            Step::OneHot { columns } => one_hot::fit(table, columns),
            Step::StandardScale { columns } => scale::fit(table, columns),
        }
    }
}

impl FittedStep {
    /// Applies the learned step to any table with the needed columns.
    pub fn apply(&self, table: Table) -> Result<Table, String> {
        match self {
            FittedStep::DropColumns { columns } => columns::drop(table, columns),
            FittedStep::Impute { fills } => impute::apply(table, fills),
            FittedStep::OneHot { encodings } => one_hot::apply(table, encodings),
            FittedStep::StandardScale { scales } => scale::apply(table, scales),
        }
    }
}

impl Recipe {
    /// A recipe from JSON, with a clear message for malformed JSON or an unknown version.
    pub fn from_json(text: &str) -> Result<Recipe, String> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("this recipe is not valid JSON: {e}"))?;
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(RECIPE_VERSION) => {}
            Some(v) => return Err(format!("recipe format version {v} is not supported (this Sift reads version {RECIPE_VERSION})")),
            None => return Err("this JSON is not a Sift recipe: it has no \"version\" field".into()),
        }
        serde_json::from_value(value).map_err(|e| format!("this recipe could not be read: {e}"))
    }

    /// The recipe with `column` taken out of the automatic steps (those left with no column
    /// go). Used when `column` becomes the target: Sift's own steps follow the new target,
    /// the user's steps are never changed behind their back.
    pub fn automatic_steps_without(&self, column: &str) -> Recipe {
        let mut recipe = self.clone();
        recipe.steps.retain_mut(|entry| {
            if !entry.automatic {
                return true;
            }
            let columns = entry.step.columns_mut();
            columns.retain(|c| c != column);
            !columns.is_empty()
        });
        recipe
    }

    /// The recipe as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Learns every step's parameters from `table`, in order: each step is fitted on the
    /// output of the steps before it.
    pub fn fit(&self, table: &Table) -> Result<FittedRecipe, String> {
        let mut current = table.clone();
        let mut fitted = Vec::with_capacity(self.steps.len());
        for (i, entry) in self.steps.iter().enumerate() {
            let step = entry.step.fit(&current).map_err(|e| format!("step {} ({}): {e}", i + 1, entry.step.describe()))?;
            current = step.apply(current).map_err(|e| format!("step {} ({}): {e}", i + 1, entry.step.describe()))?;
            fitted.push(step);
        }
        Ok(FittedRecipe { steps: fitted })
    }
}

impl FittedRecipe {
    /// Applies every fitted step in order.
    pub fn apply(&self, table: &Table) -> Result<Table, String> {
        let mut current = table.clone();
        for (i, step) in self.steps.iter().enumerate() {
            current = step.apply(current).map_err(|e| format!("step {}: {e}", i + 1))?;
        }
        Ok(current)
    }
}
