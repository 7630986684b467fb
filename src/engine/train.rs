//! Training: table + recipe + options → fitted recipe, model, evaluation and artifact.
//!
//! Rows with a missing target are left out; the rest are split (stratified for
//! classification; with a group column, whole groups of rows to one side or the other); the
//! recipe — plus any automatic steps the model needs — is fitted on the training rows only
//! and applied to both sides; the model is scored on the test rows, and
//! each input column's permutation importance is measured there. Clustering has no target:
//! it prepares and groups every row. [`cross_validate`], [`grid_search`] and [`compare`]
//! validate beyond one split. Long work reports to a [`Progress`] and can be cancelled.

pub mod auto_steps;
mod clusters;
mod cross_validation;
mod evaluation;
mod grouping;
mod importance;
mod lineage;
mod prepare;

use crate::engine::base::error::{Error, Result};

use crate::engine::artifact::{Artifact, SchemaColumn};
use crate::engine::base::table::Table;
use crate::engine::learn::{self, Algorithm, Model, Progress, Target, Task};
use crate::engine::recipe::Recipe;

pub use crate::engine::artifact::training::{Importance, TrainOptions, TrainSummary};
pub use crate::engine::learn::infer_task;
pub use cross_validation::{
    compare, cross_validate, grid_search, CrossValidation, Entry, FoldScore, GridPoint, GridSearch, MeanStd,
    MAX_GRID_POINTS,
};
pub use evaluation::{evaluate, ClassCurve, ClassScore, ClusterSize, Evaluation, MAX_PLOT_POINTS};
pub use grouping::Grouping;
pub use importance::{input_importance, permutation_importance, REPEATS};
pub use prepare::{Fold, Prepared};

/// Everything training produces.
pub struct Trained {
    /// The user's recipe with the automatic steps appended.
    pub recipe: Recipe,
    pub summary: TrainSummary,
    pub artifact: Artifact,
}

/// Trains and evaluates a model on `table` as `options` say. `created_at` is stored in the model.
pub fn train(table: &Table, recipe: &Recipe, options: &TrainOptions, created_at: &str) -> Result<Trained> {
    train_with_progress(table, recipe, options, created_at, &mut Progress::none())
}

/// [`train`], reporting progress; a `false` from the callback stops it with a "cancelled"
/// error (of kind [`ErrorKind::Cancelled`](crate::engine::ErrorKind::Cancelled)).
pub fn train_with_progress(
    table: &Table,
    recipe: &Recipe,
    options: &TrainOptions,
    created_at: &str,
    progress: &mut Progress,
) -> Result<Trained> {
    train_timed(table, recipe, options, created_at, progress, None)
}

/// [`train_with_progress`], timing the model's fit with `clock` (seconds from any origin)
/// into [`TrainSummary::fit_seconds`]; the engine has no clock of its own.
pub fn train_timed(
    table: &Table,
    recipe: &Recipe,
    options: &TrainOptions,
    created_at: &str,
    progress: &mut Progress,
    clock: Option<&dyn Fn() -> f64>,
) -> Result<Trained> {
    let task = resolve_task(table, options)?;
    if task == Task::Clustering {
        return clusters::train_clusters(table, recipe, options, created_at, progress);
    }
    let params = options.params.resolve(options.algorithm, task)?;
    let prepared = Prepared::for_training(table, recipe, options, task)?;
    let (train_idx, test_idx) = split_rows(&prepared, options)?;
    let fold = prepared.fold(&train_idx, &test_idx)?;
    let started = clock.map(|now| now());
    let model = Model::fit(
        task,
        options.algorithm,
        &params,
        options.seed,
        &fold.x_train,
        &fold.y_train,
        &mut progress.part(0.0, 0.8),
    )
    .map_err(|e| e.naming_features(&fold.features))?;
    let fit_seconds = clock.zip(started).map(|(now, started)| now() - started);
    let evaluation = evaluate(&model, &fold.x_test, &fold.y_test, &prepared.classes, options.seed)?;
    let test_rows = prepared.rows.take(&test_idx);
    let importance =
        input_importance(&prepared, &fold, &model, &test_rows, options.seed, &mut progress.part(0.8, 0.2))?;

    let summary = TrainSummary {
        task,
        algorithm: options.algorithm,
        params: params.clone(),
        target: options.target.clone(),
        group: prepared.group.as_ref().map(|g| g.column.clone()),
        train_rows: fold.x_train.rows(),
        test_rows: fold.x_test.rows(),
        missing_target_rows: prepared.missing_target_rows,
        features: fold.features.clone(),
        added_steps: prepared.added_steps.clone(),
        evaluation,
        importance,
        fit_seconds,
    };
    let schema = schema_of(&prepared.rows.without(&prepared.target));
    let artifact = Artifact::new(
        schema,
        &prepared.recipe,
        fold.fitted,
        &summary,
        prepared.classes.clone(),
        options,
        model,
        created_at,
    );
    Ok(Trained { recipe: prepared.recipe, summary, artifact })
}

/// The task `options` asks for, or the one the target implies; an error when the algorithm
/// cannot do it or the test share is out of range.
fn resolve_task(table: &Table, options: &TrainOptions) -> Result<Task> {
    let task = match options.task {
        Some(task) => task,
        None => infer_task(table, &options.target)?,
    };
    if !options.algorithm.supports(task) {
        return Err(Error::other(format!(
            "{} cannot do {}; choose one of: {}",
            options.algorithm.label(),
            task.name(),
            Algorithm::for_task(task).iter().map(|a| a.label()).collect::<Vec<_>>().join(", ")
        )));
    }
    if task != Task::Clustering && !(options.test_share > 0.0 && options.test_share < 1.0) {
        return Err(Error::invalid_param(
            "test_share",
            format!("the test share must be between 0 and 1 (it is {})", options.test_share),
        ));
    }
    Ok(task)
}

/// The seeded train/test split of the prepared rows: stratified for classes, and keeping
/// each group whole when the rows are grouped.
fn split_rows(prepared: &Prepared, options: &TrainOptions) -> Result<(Vec<usize>, Vec<usize>)> {
    let labels = match &prepared.y {
        Target::Classes { labels, .. } => Some(labels.as_slice()),
        Target::Values(_) => None,
    };
    match (&prepared.group, labels) {
        (Some(group), labels) => {
            let (train, test) = learn::grouped_split(&group.keys, labels, options.test_share, options.seed)
                .map_err(|e| group.explain(e))?;
            if let Some(labels) = labels {
                group.check_training_classes(&train, labels, &prepared.classes)?;
            }
            Ok((train, test))
        }
        (None, Some(labels)) => learn::stratified_split(labels, options.test_share, options.seed),
        (None, None) => learn::train_test_split(prepared.y.len(), options.test_share, options.seed),
    }
}

/// The names and types of a table's columns: what a model file expects.
fn schema_of(inputs: &Table) -> Vec<SchemaColumn> {
    inputs.columns.iter().map(|c| SchemaColumn { name: c.name.clone(), column_type: c.column_type() }).collect()
}
