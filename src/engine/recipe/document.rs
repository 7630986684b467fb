//! The recipe document: an ordered, versioned list of steps, each enabled or not, fitted in
//! order on the training rows.

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::finite::reads_back;
use super::fitted::FittedRecipe;
use super::step::FitContext;
use super::step_api::read_filled;
use super::{FittedStep, Step};
use crate::engine::base::table::names::{did_you_mean, visible};
use crate::engine::base::table::Table;

/// Version of the recipe JSON this Sift writes.
pub const RECIPE_VERSION: u32 = 2;
/// Versions this Sift reads (version 1 had no `enabled` flag and four kinds of step).
pub const READABLE_RECIPE_VERSIONS: [u32; 2] = [1, 2];

/// An editable, ordered list of steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recipe {
    pub version: u32,
    pub steps: Vec<RecipeStep>,
}

/// One step of a recipe, whether it is on, and whether Sift added it by itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecipeStep {
    #[serde(flatten)]
    pub step: Step,
    /// Added by Sift when training needed it; the user can still edit or remove it.
    #[serde(default)]
    pub automatic: bool,
    /// A disabled step stays in the recipe but is skipped when fitting and applying.
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

impl RecipeStep {
    /// A step the user added, enabled.
    pub fn new(step: Step) -> RecipeStep {
        RecipeStep { step, automatic: false, enabled: true }
    }

    /// A step Sift added by itself, enabled.
    pub fn automatic(step: Step) -> RecipeStep {
        RecipeStep { step, automatic: true, enabled: true }
    }
}

impl Default for Recipe {
    fn default() -> Self {
        Recipe { version: RECIPE_VERSION, steps: Vec::new() }
    }
}

impl Recipe {
    /// A recipe from JSON, with a clear message for malformed JSON, an unknown version or a
    /// step that cannot be read. Parameters a step leaves out take their defaults; a version 1
    /// recipe is read as the same recipe in version 2.
    ///
    /// A field the format does not have, at the top or in a step, is refused with the closest
    /// known one; a byte order mark before the JSON (Windows Notepad) is skipped; a model file
    /// is named as one.
    pub fn from_json(text: &str) -> Result<Recipe> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value =
            serde_json::from_str(text).map_err(|e| Error::other(format!("this recipe is not valid JSON: {e}")))?;
        if value.get("sift_version").is_some() || (value.get("model").is_some() && value.get("recipe").is_some()) {
            return Err(
                "this is a Sift model, not a recipe; give it where a model is expected, or save the recipe on its own"
                    .into(),
            );
        }
        if let Some(fields) = value.as_object() {
            let unknown: Vec<&String> = fields.keys().filter(|k| !["version", "steps"].contains(&k.as_str())).collect();
            if let Some(first) = unknown.first() {
                return Err(Error::other(format!(
                    "unknown field '{}' in this recipe{} (a recipe has \"version\" and \"steps\")",
                    visible(first),
                    did_you_mean(first, &["version", "steps"])
                )));
            }
        }
        match value.get("version").and_then(Value::as_u64) {
            Some(v) if READABLE_RECIPE_VERSIONS.iter().any(|r| u64::from(*r) == v) => {}
            Some(v) => {
                return Err(Error::other(format!(
                    "recipe format version {v} is not supported (this Sift reads versions 1 to {RECIPE_VERSION})"
                )))
            }
            None => return Err("this JSON is not a Sift recipe: it has no \"version\" field".into()),
        }
        let Some(steps) = value.get("steps").and_then(Value::as_array) else {
            return Err("this recipe has no list of \"steps\"".into());
        };
        let steps = steps
            .iter()
            .enumerate()
            .map(|(i, step)| {
                read_filled::<RecipeStep>(step.clone(), &["automatic", "enabled"])
                    .map_err(|e| e.context(format_args!("step {}", i + 1)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Recipe { version: RECIPE_VERSION, steps })
    }

    /// The recipe as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The enabled steps, with their positions in the recipe.
    pub fn enabled_steps(&self) -> impl Iterator<Item = (usize, &RecipeStep)> {
        self.steps.iter().enumerate().filter(|(_, entry)| entry.enabled)
    }

    /// The recipe with `column` taken out of the automatic steps (those left with no column
    /// go). Used when `column` becomes the target: Sift's own steps follow the new target,
    /// the user's steps are never changed behind their back.
    pub fn automatic_steps_without(&self, column: &str) -> Recipe {
        let steps = self
            .steps
            .iter()
            .filter_map(|entry| {
                if !entry.automatic {
                    return Some(entry.clone());
                }
                entry.step.without_column(column).map(|step| RecipeStep { step, ..entry.clone() })
            })
            .collect();
        Recipe { version: self.version, steps }
    }

    /// Learns every enabled step's parameters from `table`, in order: each step is fitted on
    /// the output of the steps before it (rows removed by earlier steps included).
    pub fn fit(&self, table: &Table, context: &FitContext) -> Result<FittedRecipe> {
        Ok(self.fit_transform(table.clone(), context)?.0)
    }

    /// Fits the recipe on `table` and returns the training rows as fitting left them. This is
    /// what the model should learn from and what the cleaned CSV holds: it equals
    /// `fit(table).apply(table)` except for steps that must not see their own training rows'
    /// answers (target encoding gives the training rows out-of-fold values).
    pub fn fit_transform(&self, table: Table, context: &FitContext) -> Result<(FittedRecipe, Table)> {
        let mut current = table;
        let mut steps: Vec<FittedStep> = Vec::with_capacity(self.steps.len());
        for (i, entry) in self.enabled_steps() {
            let (fitted, next) =
                entry.step.fit_transform(current, context).map_err(|e| step_error(i, &entry.step, e))?;
            reads_back(&fitted).map_err(|e| step_error(i, &entry.step, e))?;
            steps.push(fitted);
            current = next;
        }
        Ok((FittedRecipe { steps }, current))
    }

    /// Fits and applies steps `..end` (the enabled ones) to `table`: the data as step `end`
    /// sees it.
    pub fn table_before(&self, end: usize, table: Table, context: &FitContext) -> Result<Table> {
        let head = Recipe { version: self.version, steps: self.steps.iter().take(end).cloned().collect() };
        Ok(head.fit_transform(table, context)?.1)
    }
}

/// "step 3 (One-hot encode: island): there is no column named 'island'"; the kind stays.
pub fn step_error(index: usize, step: &Step, error: Error) -> Error {
    error.context(format_args!("step {} ({})", index + 1, step.describe()))
}
