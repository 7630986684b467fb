//! The fitted models behind a [`super::Model`]: one kind per (task, algorithm), how each is
//! trained from checked hyperparameters, and how each predicts.
//!
//! Most are smartcore models stored as smartcore serializes them. Where smartcore cannot
//! predict after loading (SVMs), gives no probabilities (naive Bayes), could panic on a
//! tampered file (neighbours, clusters) or is too slow (decision trees and random forests,
//! which Sift grows itself), the model is kept in a form of our own that predicts with our
//! own code, and is checked when read.

mod bayes;
mod cart;
mod clusters;
mod forest;
mod kernel;
mod knn;
mod lbfgs;
mod linear;
mod logistic;
mod svm;
mod trees;

use serde::{Deserialize, Serialize};
use smartcore::error::Failed;
use smartcore::linalg::basic::matrix::DenseMatrix;

use super::algorithms::{Algorithm, Task};
use super::data::{Features, Target, MAX_MAGNITUDE};
use super::error::LearnError;
use super::hyper::Params;
use super::progress::Progress;
use super::scores::Scores;

use cart::Outcome;
pub(super) use clusters::Clusters;

/// smartcore's dense matrix of numbers.
pub(super) type Matrix = DenseMatrix<f64>;

/// One fitted model. Class labels are `u32` indices below the model's class count.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum Estimator {
    LogisticRegression(logistic::Logistic),
    DecisionTree(forest::SingleTree),
    RandomForest(forest::Forest),
    KnnClassifier(knn::KnnClassifier),
    SvmClassifier(svm::SvmClassifier),
    NaiveBayes(bayes::NaiveBayes),
    LinearRegression(linear::Linear),
    Penalized { algorithm: Algorithm, model: linear::Penalized },
    RegressionTree(forest::SingleTree),
    RegressionForest(forest::Forest),
    ExtraTreesRegressor(trees::ExtraTrees),
    GradientBoosting(trees::Boosting),
    KnnRegressor(knn::KnnRegressor),
    SvmRegressor(svm::SvmRegressor),
    Clusters(Clusters),
}

/// What a fitted model predicts, and how.
pub(super) enum Fitted<'a> {
    Classes(&'a dyn Classify),
    Values(&'a dyn Regress),
    Clusters(&'a Clusters),
}

/// A model that scores each class for each row.
pub(super) trait Classify {
    /// Scores of `n_classes` classes for each row of `x`.
    fn scores(&self, x: &Features, n_classes: usize) -> Result<Scores, LearnError>;
}

/// A model that predicts a number for each row.
pub(super) trait Regress {
    fn predict(&self, x: &Features) -> Result<Vec<f64>, LearnError>;
}

impl Estimator {
    /// Trains `algorithm` on checked inputs; `params` are resolved, `seed` drives every random choice.
    pub(super) fn fit(
        algorithm: Algorithm,
        params: &Params,
        seed: u64,
        x: &Features,
        y: &Target,
        progress: &mut Progress,
    ) -> Result<Estimator, LearnError> {
        Estimator::fit_inner(algorithm, params, seed, x, y, progress).map_err(|e| with_scale_hint(e, x))
    }

    fn fit_inner(
        algorithm: Algorithm,
        params: &Params,
        seed: u64,
        x: &Features,
        y: &Target,
        progress: &mut Progress,
    ) -> Result<Estimator, LearnError> {
        use Algorithm as A;
        use Estimator as E;
        let estimator = match y {
            Target::Classes { labels, n_classes } => match algorithm {
                A::LogisticRegression => E::LogisticRegression(logistic::Logistic::fit(params, x, labels)?),
                A::DecisionTree => E::DecisionTree(forest::SingleTree::fit(params, seed, x, classes(labels, *n_classes))),
                A::RandomForest => E::RandomForest(forest::Forest::fit(params, seed, x, classes(labels, *n_classes), progress)?),
                A::Knn => E::KnnClassifier(knn::KnnClassifier::fit(params, x, labels)?),
                A::Svm => E::SvmClassifier(svm::SvmClassifier::fit(params, seed, x, labels, progress)?),
                A::NaiveBayes => E::NaiveBayes(bayes::NaiveBayes::fit(params, x, labels)?),
                _ => return Err(cannot(algorithm, Task::Classification)),
            },
            Target::Values(values) => match algorithm {
                A::LinearRegression => E::LinearRegression(linear::Linear::fit(x, values)?),
                A::Ridge | A::Lasso | A::ElasticNet => {
                    E::Penalized { algorithm, model: linear::Penalized::fit(algorithm, params, x, values)? }
                }
                A::DecisionTree => E::RegressionTree(forest::SingleTree::fit(params, seed, x, Outcome::Values(values))),
                A::RandomForest => E::RegressionForest(forest::Forest::fit(params, seed, x, Outcome::Values(values), progress)?),
                A::ExtraTrees => E::ExtraTreesRegressor(trees::ExtraTrees::fit(params, seed, x, values)?),
                A::GradientBoosting => E::GradientBoosting(trees::Boosting::fit(params, seed, x, values)?),
                A::Knn => E::KnnRegressor(knn::KnnRegressor::fit(params, x, values)?),
                A::Svm => E::SvmRegressor(svm::SvmRegressor::fit(params, x, values)?),
                _ => return Err(cannot(algorithm, Task::Regression)),
            },
        };
        let n_classes = match y {
            Target::Classes { n_classes, .. } => *n_classes,
            Target::Values(_) => 0,
        };
        estimator.check_fitted(algorithm, x.cols(), n_classes)?;
        Ok(estimator)
    }

    /// The checks a loaded model passes, made on a freshly fitted one: a model whose learned
    /// numbers are not finite (an overflow on extreme inputs) is refused when it is trained,
    /// never written to a file that no Sift could read back.
    pub(super) fn check_fitted(&self, algorithm: Algorithm, n_features: usize, n_classes: usize) -> Result<(), LearnError> {
        self.check(n_features, n_classes).map_err(|e| {
            LearnError::new(format!(
                "{} learned a model from these rows that could not be saved ({e}); \
                 look for huge or tiny values in the features, rescale them, or choose another algorithm",
                algorithm.label()
            ))
        })
    }

    /// The algorithm behind the model, and the model seen through what it predicts.
    pub(super) fn parts(&self) -> (Algorithm, Fitted<'_>) {
        use Algorithm as A;
        use Estimator as E;
        use Fitted::{Classes, Values};
        match self {
            E::LogisticRegression(m) => (A::LogisticRegression, Classes(m)),
            E::DecisionTree(m) => (A::DecisionTree, Classes(m)),
            E::RandomForest(m) => (A::RandomForest, Classes(m)),
            E::KnnClassifier(m) => (A::Knn, Classes(m)),
            E::SvmClassifier(m) => (A::Svm, Classes(m)),
            E::NaiveBayes(m) => (A::NaiveBayes, Classes(m)),
            E::LinearRegression(m) => (A::LinearRegression, Values(m)),
            E::Penalized { algorithm, model } => (*algorithm, Values(model)),
            E::RegressionTree(m) => (A::DecisionTree, Values(m)),
            E::RegressionForest(m) => (A::RandomForest, Values(m)),
            E::ExtraTreesRegressor(m) => (A::ExtraTrees, Values(m)),
            E::GradientBoosting(m) => (A::GradientBoosting, Values(m)),
            E::KnnRegressor(m) => (A::Knn, Values(m)),
            E::SvmRegressor(m) => (A::Svm, Values(m)),
            E::Clusters(m) => (m.algorithm(), Fitted::Clusters(m)),
        }
    }

    /// Checks the parts stored in our own form against the model's sizes (a tampered file
    /// must give an error, not a panic). smartcore's own forms are checked on their JSON by
    /// `integrity`.
    pub(super) fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        match self {
            Estimator::RandomForest(m) => m.check(n_features, n_classes),
            Estimator::DecisionTree(m) | Estimator::RegressionTree(m) => m.check(n_features, n_classes),
            Estimator::RegressionForest(m) => m.check(n_features, 0),
            Estimator::KnnClassifier(m) => m.check(n_features, n_classes),
            Estimator::KnnRegressor(m) => m.check(n_features),
            Estimator::SvmClassifier(m) => m.check(n_features, n_classes),
            Estimator::SvmRegressor(m) => m.check(n_features),
            Estimator::NaiveBayes(m) => m.check(n_features, n_classes),
            Estimator::Penalized { model, .. } => model.check(n_features),
            Estimator::Clusters(m) => m.check(n_features),
            _ => Ok(()),
        }
    }
}

/// Magnitudes beyond which a solver's failure is most likely the feature's unit: numbers
/// past 1e8 or, in a column that varies, all below 1e-8.
const HUGE: f64 = 1e8;
const TINY: f64 = 1e-8;

/// `error` with, when some feature is on an extreme scale, the feature that most likely made
/// the solver fail (solvers and their tolerances assume numbers near 1), so that the message
/// names a column the user can rescale.
pub(super) fn with_scale_hint(error: LearnError, x: &Features) -> LearnError {
    if error.is_cancelled() {
        return error;
    }
    let largest: Vec<f64> = (0..x.cols()).map(|j| (0..x.rows()).fold(0.0f64, |m, i| m.max(x.row(i)[j].abs()))).collect();
    let varies = |j: usize| (1..x.rows()).any(|i| x.row(i)[j] != x.row(0)[j]);
    let Some((j, &big)) = largest.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)) else { return error };
    let tiny = (0..x.cols()).filter(|&j| varies(j) && largest[j] < TINY).min_by(|&a, &b| largest[a].total_cmp(&largest[b]));
    let hint = if big > HUGE {
        format!("feature {} holds values as large as {big:e}", j + 1)
    } else if let Some(j) = tiny {
        format!("feature {} holds values no larger than {:e}", j + 1, largest[j])
    } else {
        return error;
    };
    LearnError::new(format!("{error} ({hint}: rescale it, e.g. with a standard scale step)"))
}

fn classes(labels: &[u32], n_classes: usize) -> Outcome<'_> {
    Outcome::Classes { labels, n_classes }
}

fn cannot(algorithm: Algorithm, task: Task) -> LearnError {
    LearnError::new(format!("{} cannot do {}", algorithm.label(), task.name()))
}

/// A smartcore failure as our error, naming the algorithm.
pub(super) fn failed(algorithm: Algorithm) -> impl Fn(Failed) -> LearnError {
    move |e| LearnError::new(format!("{} could not be trained on these rows: {e}", algorithm.label()))
}

/// A smartcore failure at prediction time.
pub(super) fn predict_failed(e: Failed) -> LearnError {
    LearnError::new(format!("the model could not predict: {e}"))
}

/// Scores over the classes a smartcore model saw (`seen`, in its column order) spread into
/// `n_classes` columns by label; classes it never saw score 0.
pub(super) fn spread(seen: &[u32], rows: &[Vec<f64>], n_classes: usize) -> Vec<f64> {
    let mut values = vec![0.0; rows.len() * n_classes];
    for (i, row) in rows.iter().enumerate() {
        for (&label, &v) in seen.iter().zip(row) {
            if let Some(cell) = values.get_mut(i * n_classes + label as usize) {
                *cell = v;
            }
        }
    }
    values
}

/// Whether every number is finite (JSON cannot hold infinities or NaN).
pub(super) fn all_finite<'a>(values: impl IntoIterator<Item = &'a f64>) -> bool {
    values.into_iter().all(|v| v.is_finite())
}

/// Whether every number could be an input row: finite and within ±1e100 (beyond it
/// distances overflow; smartcore's neighbour search then never ends).
pub(super) fn all_inputs<'a>(values: impl IntoIterator<Item = &'a f64>) -> bool {
    values.into_iter().all(|v| v.is_finite() && v.abs() <= MAX_MAGNITUDE)
}

/// The error of a linear model whose weights diverged.
pub(super) fn diverged(algorithm: Algorithm) -> LearnError {
    LearnError::new(format!(
        "{} did not converge on these rows (its weights became infinite); scale the features or choose another algorithm",
        algorithm.label()
    ))
}
