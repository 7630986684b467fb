//! The rows to learn from and the recipe to prepare them, fitted fold by fold.
//!
//! The recipe sees the target column (target encoding learns from it, and a step that removes
//! rows removes their targets too) but never changes it. For every split the recipe is
//! fitted on the training rows only and applied to the held-out rows: no statistic of a
//! held-out row reaches the model.

use crate::engine::base::error::{Error, Result};
use crate::engine::base::format::{a_or_an, count_of};
use crate::engine::base::table::Table;
use crate::engine::features::{
    check_numeric_target, class_labels, feature_matrix, feature_matrix_from, infinite_input_behind, Origin,
};
use crate::engine::learn::{Features, Target, Task};
use crate::engine::recipe::{FitContext, FittedRecipe, Recipe, RecipeStep, Step};
use crate::engine::train::auto_steps::{automatic_steps, keeps_units, still_to_scale};

use super::grouping::{check_recipe_leaves_group_alone, Grouping};
use super::TrainOptions;

/// The table's rows that have a target, the target as the learners take it, and the recipe
/// (the user's steps and the automatic ones the model needs).
pub struct Prepared {
    pub task: Task,
    pub target: String,
    /// Class names in label order (empty for regression).
    pub classes: Vec<String>,
    /// The rows with a target, every column (the target included).
    pub rows: Table,
    pub y: Target,
    /// Rows of the table left out because their target is missing.
    pub missing_target_rows: usize,
    /// The data row (0-based, in the table given) of each of `rows`, for messages.
    pub data_rows: Vec<usize>,
    pub recipe: Recipe,
    /// Descriptions of the steps Sift added.
    pub added_steps: Vec<String>,
    pub context: FitContext,
    /// The group of each of `rows` when rows are grouped (the group column is not in `rows`).
    pub group: Option<Grouping>,
}

/// One split, prepared: the fitted recipe and both sides as matrices.
pub struct Fold {
    pub fitted: FittedRecipe,
    pub features: Vec<String>,
    pub x_train: Features,
    pub y_train: Target,
    pub x_test: Features,
    pub y_test: Target,
}

impl Prepared {
    /// The rows of `table` with a value in `target`, with `recipe` and the automatic steps
    /// a model needs (judged on the data after the user's recipe), number columns scaled.
    pub fn new(table: &Table, recipe: &Recipe, target: &str, task: Task, seed: u64) -> Result<Prepared> {
        Prepared::build(table, recipe, target, None, task, seed, true)
    }

    /// [`Prepared::new`] with the group column of `options` (if any) set aside for the split.
    pub fn grouped(table: &Table, recipe: &Recipe, options: &TrainOptions, task: Task) -> Result<Prepared> {
        Prepared::build(table, recipe, &options.target, options.group.as_deref(), task, options.seed, true)
    }

    /// [`Prepared::new`] for the algorithm and hyperparameters of `options`: no automatic
    /// scaling for a model that reads numbers in their own units ([`keeps_units`]).
    pub fn for_training(table: &Table, recipe: &Recipe, options: &TrainOptions, task: Task) -> Result<Prepared> {
        let scale = !keeps_units(options.algorithm, &options.params);
        Prepared::build(table, recipe, &options.target, options.group.as_deref(), task, options.seed, scale)
    }

    fn build(
        table: &Table,
        recipe: &Recipe,
        target: &str,
        group: Option<&str>,
        task: Task,
        seed: u64,
        scale: bool,
    ) -> Result<Prepared> {
        let mut recipe = recipe.automatic_steps_without(target);
        if let Some(group) = group {
            recipe = recipe.automatic_steps_without(group);
            check_recipe_leaves_group_alone(&recipe, group)?;
        }
        if !scale {
            // A scaling Sift added for an earlier model goes too (the user's own stays).
            recipe.steps.retain(|s| !(s.automatic && matches!(s.step, Step::StandardScale(_))));
        }
        check_recipe_leaves_target_alone(&recipe, target)?;
        let target_data = &table.require(target)?.data;
        let kept: Vec<usize> = (0..table.row_count()).filter(|&i| !target_data.is_missing(i)).collect();
        if kept.len() < 4 {
            let have = if kept.len() == 1 { "has" } else { "have" };
            return Err(Error::other(format!(
                "only {} {have} a value for '{target}'; training needs at least 4",
                count_of(kept.len(), "row")
            )));
        }
        let grouping = group.map(|g| Grouping::of(table, g, target, &kept)).transpose()?;
        let ungrouped;
        let table = match group {
            Some(g) => {
                ungrouped = table.without(g);
                &ungrouped
            }
            None => table,
        };
        let rows = table.take(&kept);
        let (y, classes) = target_values(&rows, target, task)?;
        if let Target::Values(values) = &y {
            check_numeric_target(target, values, &kept)?;
        }
        let context = FitContext { target: Some(target.to_string()), seed };
        let (user_fitted, after_user) = recipe.fit_transform(rows.clone(), &context).map_err(|e| {
            infinite_input_behind(&e, Origin { inputs: &rows, rows: None, data_rows: Some(&kept) })
                .map_or(e, Error::other)
        })?;
        let scale = if scale { still_to_scale(&recipe) } else { None };
        let added = automatic_steps(
            &after_user.without(target),
            &user_fitted.apply_for_prediction(&table.without(target))?,
            scale.as_ref(),
        );
        recipe.steps.extend(added.iter().cloned().map(RecipeStep::automatic));
        Ok(Prepared {
            task,
            target: target.to_string(),
            classes,
            missing_target_rows: table.row_count() - kept.len(),
            data_rows: kept,
            rows,
            y,
            recipe,
            added_steps: added.iter().map(|s| s.describe()).collect(),
            context,
            group: grouping,
        })
    }

    /// Fits the recipe on rows `train` and applies it to rows `test` (indices into `rows`).
    pub fn fold(&self, train: &[usize], test: &[usize]) -> Result<Fold> {
        let (fitted, prepared_train) =
            self.recipe.fit_transform(self.rows.take(train), &self.context).map_err(|e| {
                infinite_input_behind(&e, Origin { inputs: &self.rows, rows: None, data_rows: Some(&self.data_rows) })
                    .map_or(e, Error::other)
            })?;
        let (features, x_train, y_train) = self.split_target_from(&prepared_train, self.origin(train))?;
        let (test_features, x_test, y_test) =
            self.split_target_from(&fitted.apply(&self.rows.take(test))?, self.origin(test))?;
        if test_features != features {
            return Err("the recipe gave the held-out rows other columns than the training rows".into());
        }
        Ok(Fold { fitted, features, x_train, y_train, x_test, y_test })
    }

    /// Where the recipe's output for rows `rows` (indices into `rows`) came from, for messages.
    fn origin<'a>(&'a self, rows: &'a [usize]) -> Origin<'a> {
        Origin { inputs: &self.rows, rows: Some(rows), data_rows: Some(&self.data_rows) }
    }

    /// A prepared table as the model's inputs (every column but the target) and the target.
    pub fn split_target(&self, prepared: &Table) -> Result<(Vec<String>, Features, Target)> {
        self.split_target_with(prepared, None)
    }

    /// [`Prepared::split_target`] of the recipe's output for the rows `origin` names: a bad
    /// value is named by its input column and data row.
    fn split_target_from(&self, prepared: &Table, origin: Origin) -> Result<(Vec<String>, Features, Target)> {
        self.split_target_with(prepared, Some(origin))
    }

    fn split_target_with(&self, prepared: &Table, origin: Option<Origin>) -> Result<(Vec<String>, Features, Target)> {
        let column = prepared.require(&self.target).map_err(|_| {
            format!("the recipe removed the target column '{}'; keep it (the model learns from it)", self.target)
        })?;
        let y = match self.task {
            Task::Classification => {
                let labels = (0..column.data.len())
                    .map(|i| {
                        let text = column.data.text_at(i).unwrap_or_default();
                        self.classes.binary_search(&text).map(|l| l as u32).map_err(|_| {
                            Error::other(format!(
                                "the recipe changed the target '{}' (it now holds '{text}')",
                                self.target
                            ))
                        })
                    })
                    .collect::<Result<Vec<u32>>>()?;
                Target::Classes { labels, n_classes: self.classes.len() }
            }
            _ => Target::Values(column.data.to_numbers().ok_or("the recipe changed the target's type")?),
        };
        let inputs = prepared.without(&self.target);
        let x = match origin {
            Some(origin) => feature_matrix_from(&inputs, origin)?,
            None => feature_matrix(&inputs)?,
        };
        Ok((inputs.column_names(), x, y))
    }
}

pub(super) fn check_recipe_leaves_target_alone(recipe: &Recipe, target: &str) -> Result<()> {
    for (i, entry) in recipe.enabled_steps() {
        if entry.step.columns().iter().any(|c| c == target) {
            return Err(Error::other(format!(
                "step {} ({}) uses the target column '{target}'; remove '{target}' from that step, the target is never changed by the recipe",
                i + 1,
                entry.step.describe()
            )));
        }
    }
    Ok(())
}

/// The target as class labels (with the sorted class names) or numbers.
fn target_values(rows: &Table, target: &str, task: Task) -> Result<(Target, Vec<String>)> {
    let data = &rows.require(target)?.data;
    match task {
        Task::Classification => {
            let (labels, classes) = class_labels(data);
            if classes.len() < 2 {
                return Err(Error::other(format!(
                    "'{target}' has only one class ({}); a classifier needs at least two",
                    classes.first().map_or("none", String::as_str)
                )));
            }
            Ok((Target::Classes { labels, n_classes: classes.len() }, classes))
        }
        Task::Regression => {
            let values = data.to_numbers().ok_or_else(|| {
                format!(
                    "'{target}' is {} {} column, so it can only be classified, not regressed; choose the task Classification",
                    a_or_an(data.column_type().name()),
                    data.column_type().name()
                )
            })?;
            Ok((Target::Values(values), Vec::new()))
        }
        Task::Clustering => Err("clustering has no target".into()),
    }
}
