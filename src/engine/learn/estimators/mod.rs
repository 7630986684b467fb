//! The numerical machinery behind the algorithms (`super::algorithms`, one file each, which
//! say which of these models they fit and store), and what every fitted model offers: class
//! scores ([`Classify`]) or numbers ([`Regress`]).
//!
//! Most are smartcore models stored as smartcore serializes them. Where smartcore cannot
//! predict after loading (SVMs), gives no probabilities (naive Bayes), could panic on a
//! tampered file (neighbours, clusters) or is too slow (decision trees and random forests,
//! which Sift grows itself), the model is kept in a form of our own that predicts with our
//! own code, and is checked when read.

pub(super) mod bayes;
pub(super) mod cart;
pub(super) mod clusters;
pub(super) mod forest;
mod kernel;
pub(super) mod knn;
mod lbfgs;
pub(super) mod linear;
pub(super) mod logistic;
pub(super) mod svm;
pub(super) mod trees;

use smartcore::error::Failed;
use smartcore::linalg::basic::matrix::DenseMatrix;

use super::algorithms::Algorithm;
pub(super) use super::algorithms::Estimator;
use super::data::{Features, Target, MAX_MAGNITUDE};
use super::error::LearnError;
use super::hyper::Params;
use super::scores::Scores;
use crate::engine::base::progress::Progress;
use clusters::Clusters;

/// smartcore's dense matrix of numbers.
pub(super) type Matrix = DenseMatrix<f64>;

/// What a fitted model predicts, and how.
pub enum Fitted<'a> {
    Classes(&'a dyn Classify),
    Values(&'a dyn Regress),
    Clusters(&'a Clusters),
}

/// A model that scores each class for each row.
pub trait Classify {
    /// Scores of `n_classes` classes for each row of `x`.
    fn scores(&self, x: &Features, n_classes: usize) -> Result<Scores, LearnError>;
}

/// A model that predicts a number for each row.
pub trait Regress {
    /// One number for each row of `x`.
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
        let n_classes = match y {
            Target::Classes { n_classes, .. } => *n_classes,
            Target::Values(_) => 0,
        };
        Estimator::fit_algorithm(algorithm, params, seed, x, y, progress)
            .and_then(|estimator| estimator.check_fitted(algorithm, x.cols(), n_classes).map(|()| estimator))
            .map_err(|e| with_scale_hint(e, x))
    }

    /// The checks a loaded model passes, made on a freshly fitted one: a model whose learned
    /// numbers are not finite (an overflow on extreme inputs) is refused when it is trained,
    /// never written to a file that no Sift could read back.
    pub(super) fn check_fitted(
        &self,
        algorithm: Algorithm,
        n_features: usize,
        n_classes: usize,
    ) -> Result<(), LearnError> {
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
        (self.algorithm(), self.fitted())
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
    let largest: Vec<f64> =
        (0..x.cols()).map(|j| (0..x.rows()).fold(0.0f64, |m, i| m.max(x.row(i)[j].abs()))).collect();
    let varies = |j: usize| (1..x.rows()).any(|i| x.row(i)[j] != x.row(0)[j]);
    let Some((j, &big)) = largest.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)) else { return error };
    let tiny =
        (0..x.cols()).filter(|&j| varies(j) && largest[j] < TINY).min_by(|&a, &b| largest[a].total_cmp(&largest[b]));
    let hint = if big > HUGE {
        format!("feature {} holds values as large as {big:e}", j + 1)
    } else if let Some(j) = tiny {
        format!("feature {} holds values no larger than {:e}", j + 1, largest[j])
    } else {
        return error;
    };
    LearnError::new(format!("{error} ({hint}: rescale it, e.g. with a standard scale step)"))
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
/// distances overflow).
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
