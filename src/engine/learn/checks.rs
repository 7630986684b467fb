//! Checks on training inputs, made before smartcore sees them (it panics on several bad shapes).

use crate::engine::base::format::count_of;

use super::algorithms::{Algorithm, Task};
use super::data::{Features, Target, MAX_MAGNITUDE};
use super::error::LearnError;
use super::hyper::Params;

/// Everything that must hold before `algorithm` may learn `task` from `x` and `y`, with
/// resolved `params`.
pub fn check_training(
    task: Task,
    algorithm: Algorithm,
    params: &Params,
    x: &Features,
    y: &Target,
) -> Result<(), LearnError> {
    if !algorithm.supports(task) {
        let offered: Vec<&str> = Algorithm::for_task(task).into_iter().map(Algorithm::label).collect();
        return Err(LearnError::new(format!(
            "{} cannot do {}; choose one of: {}",
            algorithm.label(),
            task.name(),
            offered.join(", ")
        )));
    }
    check_features(x, 1)?;
    if y.len() != x.rows() {
        return Err(LearnError::new(format!(
            "the target has {} values but there are {} training rows; they must match one to one",
            y.len(),
            x.rows()
        )));
    }
    match (task, y) {
        (Task::Classification, Target::Classes { labels, n_classes }) => check_classes(labels, *n_classes)?,
        (Task::Regression, Target::Values(values)) => check_values(values)?,
        (Task::Classification, Target::Values(_)) => {
            return Err(LearnError::new("classification needs class labels as the target, not numbers"))
        }
        (Task::Regression, Target::Classes { .. }) => {
            return Err(LearnError::new("regression needs numbers as the target, not class labels"))
        }
        (Task::Clustering, _) => return Err(LearnError::new("clustering takes no target; use Model::fit_clusters")),
    }
    check_sizes(algorithm, params, x)
}

/// At least `min_rows` rows and one feature.
pub fn check_features(x: &Features, min_rows: usize) -> Result<(), LearnError> {
    if x.rows() < min_rows.max(1) {
        let is = if x.rows() == 1 { "is" } else { "are" };
        return Err(LearnError::new(format!(
            "there {is} {}; load data with at least {}",
            count_of(x.rows(), "training row"),
            count_of(min_rows.max(1), "row")
        )));
    }
    if x.cols() == 0 {
        return Err(LearnError::new("there are no input features; keep at least one column besides the target"));
    }
    Ok(())
}

/// Hyperparameters that must fit the data's size, and the algorithm's own checks
/// ([`super::algorithms::AlgorithmKind::check_rows`]).
fn check_sizes(algorithm: Algorithm, params: &Params, x: &Features) -> Result<(), LearnError> {
    if let Some(m) = params.opt_int("max_features") {
        if m as usize > x.cols() {
            return Err(LearnError::new(format!(
                "the features tried per split ({m}) cannot exceed the number of features ({})",
                x.cols()
            )));
        }
    }
    algorithm.check_rows(params, x)
}

/// The most classes a classifier may tell apart (each costs a score column per row).
pub const MAX_CLASSES: usize = 1000;

fn check_classes(labels: &[u32], n_classes: usize) -> Result<(), LearnError> {
    if n_classes > MAX_CLASSES {
        return Err(LearnError::new(format!(
            "the target has {n_classes} classes; a classifier takes at most {MAX_CLASSES} (is it an identifier, or a number to regress?)"
        )));
    }
    if let Some(bad) = labels.iter().find(|&&l| l as usize >= n_classes) {
        return Err(LearnError::new(format!("class label {bad} is out of range: there are only {n_classes} classes")));
    }
    let first = labels.first().copied().unwrap_or_default();
    if labels.iter().all(|&l| l == first) {
        return Err(LearnError::new(
            "every training row has the same class, so there is nothing to tell apart; \
             choose another target, or use more rows so that at least two classes appear",
        ));
    }
    Ok(())
}

fn check_values(values: &[f64]) -> Result<(), LearnError> {
    if let Some(at) = values.iter().position(|v| !v.is_finite() || v.abs() > MAX_MAGNITUDE) {
        return Err(LearnError::new(format!(
            "the target of training row {} is {}; every target must be a finite number within ±1e100",
            at + 1,
            crate::engine::base::format::short_number(values[at])
        )));
    }
    Ok(())
}

/// A fit that failed, in words about the data where the data explains it: smartcore's own
/// text ("Fit failed: tolerance shoud be > 0") means nothing to someone whose target is
/// constant. Other failures (and a cancel) are kept as they are.
pub fn explain_fit_failure(algorithm: Algorithm, x: &Features, y: &Target, error: LearnError) -> LearnError {
    if error.is_cancelled() {
        return error;
    }
    if let Target::Values(values) = y {
        if let Some(first) = values.first().filter(|&&first| values.iter().all(|&v| v == first)) {
            return LearnError::new(format!(
                "every training row has the same target value ({}), and {} cannot fit a constant; \
                 choose another target (or check that it holds what you expect), or a tree or linear regression, which predict it",
                crate::engine::base::format::short_number(*first),
                algorithm.label()
            ));
        }
    }
    if x.rows() > 0 && (0..x.cols()).all(|j| (0..x.rows()).all(|i| x.row(i)[j] == x.row(0)[j])) {
        return LearnError::new(format!(
            "every input has the same value in every training row, so {} has nothing to learn from; add input columns that vary",
            algorithm.label()
        ));
    }
    error
}
