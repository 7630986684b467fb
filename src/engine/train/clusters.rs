//! Clustering a table: no target and no split. The recipe (and the automatic steps) is
//! fitted on every row, the rows are grouped, and the grouping is measured by its silhouette,
//! shown as cluster sizes and a 2-D principal-component scatter.
//!
//! A target named with clustering is left out of the inputs rather than refused: the user
//! has said which column is the answer, and grouping rows by their answer (its one-hot
//! columns dominate every distance) would find the labels again and call them clusters.
//! Leaving it out is what clustering with a known label means (scikit-learn users drop it
//! from `X`); the summary says so, and the model does not need that column to predict.

use crate::engine::artifact::{row_count_changed, Artifact};
use crate::engine::base::error::{Error, Result};
use crate::engine::base::table::Table;
use crate::engine::features::feature_matrix;
use crate::engine::learn::metrics::silhouette;
use crate::engine::learn::{pca_2d, Model, Prediction, Progress, Task};
use crate::engine::recipe::{FitContext, FittedRecipe, Recipe, RecipeStep};
use crate::engine::train::auto_steps::{automatic_steps, still_to_scale};

use super::evaluation::sample_rows;
use super::prepare::check_recipe_leaves_target_alone;
use super::{permutation_importance, schema_of, ClusterSize, Evaluation, TrainOptions, TrainSummary, Trained};

pub(super) fn train_clusters(
    table: &Table,
    recipe: &Recipe,
    options: &TrainOptions,
    created_at: &str,
    progress: &mut Progress,
) -> Result<Trained> {
    if let Some(group) = &options.group {
        return Err(Error::other(format!(
            "clustering has no train/test split, so rows cannot be kept together by '{group}'; choose no group column to cluster"
        )));
    }
    let params = options.params.resolve(options.algorithm, Task::Clustering)?;
    let (table, recipe, left_out) = without_target(table, recipe, &options.target)?;
    let table = &table;
    let context = FitContext { target: None, seed: options.seed };
    let (user_fitted, after_user) = recipe.fit_transform(table.clone(), &context)?;
    let added =
        automatic_steps(&after_user, &user_fitted.apply_for_prediction(table)?, still_to_scale(&recipe).as_ref());
    let mut recipe = recipe;
    recipe.steps.extend(added.iter().cloned().map(RecipeStep::automatic));
    let (fitted, prepared) = recipe.fit_transform(table.clone(), &context)?;
    let x = feature_matrix(&prepared)?;
    progress.report(0.1, "finding clusters")?;
    let (model, labels) = Model::fit_clusters(options.algorithm, &params, options.seed, &x)
        .map_err(|e| e.naming_features(&prepared.column_names()))?;
    progress.report(0.6, "measuring the clusters")?;
    let evaluation = describe(&x, &labels, options.seed);
    let assigned = assign(&fitted, &model, table)?;
    let importance = permutation_importance(table, None, options.seed, &mut progress.part(0.7, 0.3), |rows| {
        let moved = assign(&fitted, &model, rows)?;
        Ok(moved.iter().zip(&assigned).filter(|(a, b)| a == b).count() as f64 / assigned.len().max(1) as f64)
    })?;
    let summary = TrainSummary {
        task: Task::Clustering,
        algorithm: options.algorithm,
        params,
        target: String::new(),
        group: None,
        train_rows: x.rows(),
        test_rows: 0,
        missing_target_rows: 0,
        features: prepared.column_names(),
        added_steps: left_out.into_iter().chain(added.iter().map(|s| s.describe())).collect(),
        evaluation,
        importance,
        fit_seconds: None,
    };
    let artifact = Artifact::new(schema_of(table), &recipe, fitted, &summary, Vec::new(), options, model, created_at);
    Ok(Trained { recipe, summary, artifact })
}

/// `table` and `recipe` without the `target` column (see the module doc), and the note that
/// says so; unchanged when no target is named.
fn without_target(table: &Table, recipe: &Recipe, target: &str) -> Result<(Table, Recipe, Option<String>)> {
    if target.is_empty() {
        return Ok((table.clone(), recipe.clone(), None));
    }
    table.require(target)?;
    let recipe = recipe.automatic_steps_without(target);
    check_recipe_leaves_target_alone(&recipe, target)?;
    let note = format!("Left out '{target}' (the target) from the clustering inputs: clusters are found without it");
    Ok((table.without(target), recipe, Some(note)))
}

/// The cluster of each row of `rows` (one per row: row-removing steps are skipped).
fn assign(fitted: &FittedRecipe, model: &Model, rows: &Table) -> Result<Vec<i32>> {
    let prepared = fitted.apply_for_prediction(rows)?;
    let x = feature_matrix(&prepared)?;
    if x.rows() != rows.row_count() {
        return Err(Error::new(row_count_changed(rows.row_count(), x.rows())));
    }
    match model.predict(&x)? {
        Prediction::Clusters(labels) if labels.len() == rows.row_count() => Ok(labels),
        Prediction::Clusters(labels) => {
            Err(Error::other(format!("the model gave {} clusters for {} rows", labels.len(), rows.row_count())))
        }
        _ => Err("the model did not predict clusters".into()),
    }
}

/// Sizes, the silhouette of a sample of the clustered rows, and the scatter of a sample.
fn describe(x: &crate::engine::learn::Features, labels: &[i32], seed: u64) -> Evaluation {
    let mut sizes: Vec<ClusterSize> = Vec::new();
    let mut sorted = labels.to_vec();
    sorted.sort_unstable();
    for chunk in sorted.chunk_by(|a, b| a == b) {
        sizes.push(ClusterSize { cluster: chunk[0], rows: chunk.len() });
    }
    let clustered: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] >= 0).collect();
    let picked: Vec<usize> = sample_rows(clustered.len(), seed).into_iter().map(|i| clustered[i]).collect();
    let picked_labels: Vec<i32> = picked.iter().map(|&i| labels[i]).collect();
    let silhouette = silhouette(&x.take(&picked), &picked_labels);
    let shown = sample_rows(labels.len(), seed);
    let scatter = pca_2d(&x.take(&shown)).into_iter().zip(&shown).map(|((a, b), &i)| (a, b, labels[i])).collect();
    Evaluation::Clustering { silhouette, sizes, scatter }
}
