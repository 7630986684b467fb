//! Honest validation beyond one split: k-fold cross-validation (stratified for
//! classification; group k-fold when rows are grouped, so no group is in two folds) with the
//! recipe fitted inside each fold, grid search over hyperparameter values with
//! cross-validation, and a leaderboard of algorithms on the same split (grouped the same way).

use crate::engine::base::error::{Error, Result};
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::evaluation::evaluate;
use super::prepare::Prepared;
use super::{resolve_task, split_rows, TrainOptions};
use crate::engine::base::table::Table;
use crate::engine::learn::{group_k_folds, k_folds, Algorithm, Model, ParamValue, Params, Progress, Target, Task};
use crate::engine::recipe::{FittedRecipe, Recipe};

/// The most hyperparameter combinations one grid search tries.
pub const MAX_GRID_POINTS: usize = 200;

/// The mean and (population) standard deviation of a score over folds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeanStd {
    pub mean: f64,
    pub std: f64,
}

impl MeanStd {
    /// The mean and population standard deviation of `values` (scores, so none is missing; an
    /// empty list gives `NaN`).
    pub fn of(values: &[f64]) -> MeanStd {
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let std = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt();
        MeanStd { mean, std }
    }
}

/// One fold's scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FoldScore {
    pub train_rows: usize,
    pub test_rows: usize,
    pub metrics: BTreeMap<String, f64>,
    /// The recipe as fitted on this fold's training rows (not sent to the page).
    #[serde(skip)]
    pub fitted: Option<FittedRecipe>,
}

/// Cross-validated scores of one algorithm with one set of hyperparameters.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CrossValidation {
    pub task: Task,
    pub algorithm: Algorithm,
    /// Every hyperparameter, defaults filled in.
    pub params: Params,
    pub folds: Vec<FoldScore>,
    /// Each headline score's mean and standard deviation over the folds.
    pub metrics: BTreeMap<String, MeanStd>,
}

/// Trains and scores `options.algorithm` on `k` folds of the rows with a target: each fold is
/// held out once while the recipe and the model are fitted on the others.
pub fn cross_validate(
    table: &Table,
    recipe: &Recipe,
    options: &TrainOptions,
    k: usize,
    progress: &mut Progress,
) -> Result<CrossValidation> {
    let task = resolve_task(table, options)?;
    if task == Task::Clustering {
        return Err("cross-validation scores predictions of a target; clustering has none (its silhouette is measured on all rows)".into());
    }
    let prepared = Prepared::for_training(table, recipe, options, task)?;
    cross_validate_prepared(&prepared, options, k, progress)
}

fn cross_validate_prepared(
    prepared: &Prepared,
    options: &TrainOptions,
    k: usize,
    progress: &mut Progress,
) -> Result<CrossValidation> {
    let params = options.params.resolve(options.algorithm, prepared.task)?;
    let labels = match &prepared.y {
        Target::Classes { labels, .. } => Some(labels.as_slice()),
        Target::Values(_) => None,
    };
    let folds = match &prepared.group {
        Some(group) => group_k_folds(&group.keys, k, labels, options.seed).map_err(|e| group.explain(e))?,
        None => k_folds(prepared.y.len(), k, labels, options.seed)?,
    };
    let mut scores = Vec::with_capacity(k);
    for (i, (train, test)) in folds.iter().enumerate() {
        let mut part = progress.part(i as f64 / k as f64, 1.0 / k as f64);
        part.report(0.0, &format!("fold {} of {k}", i + 1))?;
        if let (Some(group), Some(labels)) = (&prepared.group, labels) {
            group
                .check_training_classes(train, labels, &prepared.classes)
                .map_err(|e| e.context(format_args!("fold {} of {k}", i + 1)))?;
        }
        let fold = prepared.fold(train, test)?;
        let model = Model::fit(
            prepared.task,
            options.algorithm,
            &params,
            options.seed,
            &fold.x_train,
            &fold.y_train,
            &mut part,
        )
        .map_err(|e| e.naming_features(&fold.features).context(format_args!("fold {} of {k}", i + 1)))?;
        let evaluation = evaluate(&model, &fold.x_test, &fold.y_test, &prepared.classes, options.seed)?;
        scores.push(FoldScore {
            train_rows: fold.x_train.rows(),
            test_rows: fold.x_test.rows(),
            metrics: evaluation.headline(),
            fitted: Some(fold.fitted),
        });
    }
    Ok(CrossValidation {
        task: prepared.task,
        algorithm: options.algorithm,
        params,
        metrics: summarize(&scores),
        folds: scores,
    })
}

/// Mean and standard deviation of each score the folds share.
fn summarize(folds: &[FoldScore]) -> BTreeMap<String, MeanStd> {
    let Some(first) = folds.first() else { return BTreeMap::new() };
    first
        .metrics
        .keys()
        .filter_map(|name| {
            let values: Vec<f64> = folds.iter().filter_map(|f| f.metrics.get(name).copied()).collect();
            (values.len() == folds.len()).then(|| (name.clone(), MeanStd::of(&values)))
        })
        .collect()
}

/// One tried combination of a grid search.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridPoint {
    pub params: Params,
    pub metrics: BTreeMap<String, MeanStd>,
}

/// A grid search's result: every combination, best first by `metric`'s mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridSearch {
    /// The score that ranks (accuracy or r2; larger is better).
    pub metric: String,
    pub points: Vec<GridPoint>,
}

impl GridSearch {
    /// The best combination's parameters.
    pub fn best(&self) -> Option<&Params> {
        self.points.first().map(|p| &p.params)
    }
}

/// Cross-validates every combination of `grid` values (each name with the values to try;
/// other parameters as in `options.params`) on the same folds.
pub fn grid_search(
    table: &Table,
    recipe: &Recipe,
    options: &TrainOptions,
    grid: &[(String, Vec<ParamValue>)],
    k: usize,
    progress: &mut Progress,
) -> Result<GridSearch> {
    let combinations = combinations(&options.params, grid)?;
    let task = resolve_task(table, options)?;
    if task == Task::Clustering {
        return Err("grid search cross-validates predictions of a target; clustering has none".into());
    }
    let prepared = Prepared::for_training(table, recipe, options, task)?;
    let metric = if task == Task::Classification { "accuracy" } else { "r2" };
    let total = combinations.len();
    let mut points = Vec::with_capacity(total);
    for (i, params) in combinations.into_iter().enumerate() {
        let mut part = progress.part(i as f64 / total as f64, 1.0 / total as f64);
        let with = TrainOptions { params: params.clone(), ..options.clone() };
        let cv = cross_validate_prepared(&prepared, &with, k, &mut part)
            .map_err(|e| e.context(format_args!("with {params}")))?;
        points.push(GridPoint { params, metrics: cv.metrics });
    }
    let score = |p: &GridPoint| p.metrics.get(metric).map_or(f64::NEG_INFINITY, |m| m.mean);
    points.sort_by(|a, b| score(b).total_cmp(&score(a)));
    Ok(GridSearch { metric: metric.into(), points })
}

/// Every combination of the grid's values on top of `base`.
fn combinations(base: &Params, grid: &[(String, Vec<ParamValue>)]) -> Result<Vec<Params>> {
    let total = grid.iter().try_fold(1usize, |n, (_, values)| n.checked_mul(values.len().max(1)));
    match total {
        Some(n) if n <= MAX_GRID_POINTS => {}
        _ => {
            return Err(Error::other(format!(
                "the grid has more than {MAX_GRID_POINTS} combinations; try fewer values"
            )))
        }
    }
    let mut all = vec![base.clone()];
    for (name, values) in grid.iter().filter(|(_, v)| !v.is_empty()) {
        all = all.iter().flat_map(|p| values.iter().map(move |v| p.clone().with(name, v.clone()))).collect();
    }
    Ok(all)
}

/// One algorithm's place on a leaderboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub algorithm: Algorithm,
    pub metrics: BTreeMap<String, f64>,
    /// Why it could not be trained, if it could not.
    pub error: Option<String>,
}

/// Trains each of `algorithms` (default hyperparameters) on the same split and ranks them by
/// accuracy or R², best first; failures go last, with their message.
pub fn compare(
    table: &Table,
    recipe: &Recipe,
    options: &TrainOptions,
    algorithms: &[Algorithm],
    progress: &mut Progress,
) -> Result<Vec<Entry>> {
    let task = resolve_task(table, options)?;
    if task == Task::Clustering {
        return Err("comparing models ranks predictions of a target; clustering has none".into());
    }
    let prepared = Prepared::grouped(table, recipe, options, task)?;
    let (train, test) = split_rows(&prepared, options)?;
    let fold = prepared.fold(&train, &test)?;
    let total = algorithms.len().max(1) as f64;
    let mut entries = Vec::new();
    for (i, &algorithm) in algorithms.iter().enumerate() {
        let mut part = progress.part(i as f64 / total, 1.0 / total);
        part.report(0.0, algorithm.label())?;
        let outcome =
            Model::fit(task, algorithm, &Params::new(), options.seed, &fold.x_train, &fold.y_train, &mut part)
                .map_err(|e| e.naming_features(&fold.features))
                .and_then(|model| evaluate(&model, &fold.x_test, &fold.y_test, &prepared.classes, options.seed));
        match outcome {
            Ok(evaluation) => entries.push(Entry { algorithm, metrics: evaluation.headline(), error: None }),
            Err(e) if e.is_cancelled() => return Err(e),
            Err(e) => entries.push(Entry { algorithm, metrics: BTreeMap::new(), error: Some(e.to_string()) }),
        }
    }
    let metric = if task == Task::Classification { "accuracy" } else { "r2" };
    let score = |e: &Entry| e.metrics.get(metric).copied().unwrap_or(f64::NEG_INFINITY);
    entries.sort_by(|a, b| score(b).total_cmp(&score(a)));
    Ok(entries)
}
