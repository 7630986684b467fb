//! Naive Bayes. smartcore learns each class's per-feature distribution; we keep those
//! parameters and compute the class probabilities ourselves (smartcore only says the
//! winning class, and its Gaussian variant divides by a zero variance).
//!
//! - gaussian: any numbers; variances get scikit-learn's smoothing (1e-9 × the largest
//!   feature variance).
//! - multinomial: counts (whole numbers ≥ 0).
//! - bernoulli: yes/no after a threshold (value > threshold).
//! - categorical: category codes (whole numbers from 0 to 999); an unseen code is ignored.

mod onnx;
mod sql;

use serde::{Deserialize, Serialize};
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::naive_bayes::bernoulli::{BernoulliNB, BernoulliNBParameters};
use smartcore::naive_bayes::categorical::{CategoricalNB, CategoricalNBParameters};
use smartcore::naive_bayes::gaussian::{GaussianNB, GaussianNBParameters};
use smartcore::naive_bayes::multinomial::{MultinomialNB, MultinomialNBParameters};

use super::{all_finite, all_inputs, failed, Classify, Matrix};
use crate::engine::learn::algorithms::Algorithm;
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;
use crate::engine::learn::scores::{ScoreKind, Scores};

/// The most category codes a categorical feature may have.
const MAX_CATEGORIES: f64 = 1000.0;

/// The largest |threshold| of the bernoulli distribution (the `binarize` parameter's range).
const MAX_THRESHOLD: f64 = 1e12;

/// The smallest smoothing used, as scikit-learn does for `alpha = 0`.
const MIN_ALPHA: f64 = 1e-10;

/// Per-class distributions of the features, and the class priors.
#[derive(Debug, Serialize, Deserialize)]
pub struct NaiveBayes {
    /// The class label of each row of the tables below.
    classes: Vec<u32>,
    /// Log prior of each class.
    log_priors: Vec<f64>,
    distribution: Distribution,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Distribution {
    /// `means[class][feature]`, `variances[class][feature]` (smoothed).
    Gaussian { means: Vec<Vec<f64>>, variances: Vec<Vec<f64>> },
    /// `log_probs[class][feature]`: log share of the counts.
    Multinomial { log_probs: Vec<Vec<f64>> },
    /// `log_probs[class][feature]`: log probability of "yes".
    Bernoulli { log_probs: Vec<Vec<f64>>, threshold: f64 },
    /// `log_probs[feature][class][code]`.
    Categorical { log_probs: Vec<Vec<Vec<f64>>> },
}

impl NaiveBayes {
    pub fn fit(params: &Params, x: &Features, y: &[u32]) -> Result<NaiveBayes, LearnError> {
        let fail = failed(Algorithm::NaiveBayes);
        let labels = y.to_vec();
        let alpha = params.number("alpha").max(MIN_ALPHA);
        let (classes, counts, distribution) = match params.text("distribution") {
            "multinomial" => {
                let m = MultinomialNB::fit(
                    &whole(x, "multinomial", f64::MAX)?,
                    &labels,
                    MultinomialNBParameters::default().with_alpha(alpha),
                )
                .map_err(fail)?;
                (
                    m.classes().clone(),
                    m.class_count().clone(),
                    Distribution::Multinomial { log_probs: m.feature_log_prob().clone() },
                )
            }
            "bernoulli" => {
                let threshold = params.number("binarize");
                let settings = BernoulliNBParameters::default().with_alpha(alpha).with_binarize(threshold);
                let m = BernoulliNB::fit(&x.to_dense()?, &labels, settings).map_err(fail)?;
                let log_probs = m.feature_log_prob().clone();
                (m.classes().clone(), m.class_count().clone(), Distribution::Bernoulli { log_probs, threshold })
            }
            "categorical" => {
                let m = CategoricalNB::fit(
                    &whole(x, "categorical", MAX_CATEGORIES - 1.0)?,
                    &labels,
                    CategoricalNBParameters::default().with_alpha(alpha),
                )
                .map_err(fail)?;
                (
                    m.classes().clone(),
                    m.class_count().clone(),
                    Distribution::Categorical { log_probs: m.feature_log_prob().clone() },
                )
            }
            _ => {
                let m: GaussianNB<f64, u32, Matrix, Vec<u32>> =
                    GaussianNB::fit(&x.to_dense()?, &labels, GaussianNBParameters::default()).map_err(fail)?;
                // At least the smallest normal number: a zero variance (every feature constant, or
                // values so tiny that their squares underflow) would divide by zero when scoring.
                let smoothing = (1e-9 * largest_variance(x)).max(f64::MIN_POSITIVE);
                let variances = m.var().iter().map(|v| v.iter().map(|s| s + smoothing).collect()).collect();
                (
                    m.classes().clone(),
                    m.class_count().clone(),
                    Distribution::Gaussian { means: m.theta().clone(), variances },
                )
            }
        };
        let total: usize = counts.iter().sum();
        let log_priors = counts.iter().map(|&c| (c as f64 / total.max(1) as f64).ln()).collect();
        Ok(NaiveBayes { classes, log_priors, distribution })
    }

    /// The log likelihood of `row` for the class at position `c`, plus its log prior.
    fn joint_log_likelihood(&self, c: usize, row: &[f64]) -> f64 {
        let per_feature: f64 = match &self.distribution {
            Distribution::Gaussian { means, variances } => row
                .iter()
                .zip(&means[c])
                .zip(&variances[c])
                .map(|((x, m), v)| -0.5 * (2.0 * std::f64::consts::PI * v).ln() - (x - m).powi(2) / (2.0 * v))
                .sum(),
            Distribution::Multinomial { log_probs } => {
                row.iter().zip(&log_probs[c]).map(|(x, lp)| x.max(0.0) * lp).sum()
            }
            Distribution::Bernoulli { log_probs, threshold } => {
                row.iter().zip(&log_probs[c]).map(|(x, lp)| if x > threshold { *lp } else { (-lp.exp()).ln_1p() }).sum()
            }
            Distribution::Categorical { log_probs } => row
                .iter()
                .zip(log_probs)
                .filter_map(|(x, feature)| {
                    let code = (x.fract() == 0.0 && *x >= 0.0).then_some(*x as usize)?;
                    feature.get(c)?.get(code).copied()
                })
                .sum(),
        };
        self.log_priors[c] + per_feature
    }

    /// The tables have one row per class and one entry per feature.
    pub fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        let k = self.classes.len();
        let table = |t: &Vec<Vec<f64>>| t.len() == k && t.iter().all(|r| r.len() == n_features);
        let shapes = match &self.distribution {
            Distribution::Gaussian { means, variances } => {
                table(means) && table(variances) && variances.iter().flatten().all(|v| *v > 0.0)
            }
            Distribution::Multinomial { log_probs } | Distribution::Bernoulli { log_probs, .. } => table(log_probs),
            Distribution::Categorical { log_probs } => {
                log_probs.len() == n_features && log_probs.iter().all(|f| f.len() == k)
            }
        };
        if k == 0 || self.log_priors.len() != k || !shapes || self.classes.iter().any(|&c| c as usize >= n_classes) {
            return Err("the naive Bayes model's tables do not agree with its sizes".into());
        }
        self.check_values()
    }

    /// Every number within what training gives: log probabilities finite and at most 0,
    /// means within ±1e100, variances positive and finite, a threshold within ±1e12 (the
    /// `binarize` parameter's range).
    fn check_values(&self) -> Result<(), String> {
        let log_p = |v: &f64| v.is_finite() && *v <= 0.0;
        let ok = self.log_priors.iter().all(log_p)
            && match &self.distribution {
                Distribution::Gaussian { means, variances } => {
                    all_inputs(means.iter().flatten()) && variances.iter().flatten().all(|v| v.is_finite() && *v > 0.0)
                }
                Distribution::Multinomial { log_probs } => log_probs.iter().flatten().all(log_p),
                Distribution::Bernoulli { log_probs, threshold } => {
                    log_probs.iter().flatten().all(log_p) && threshold.is_finite() && threshold.abs() <= MAX_THRESHOLD
                }
                Distribution::Categorical { log_probs } => log_probs.iter().flatten().flatten().all(log_p),
            };
        if ok {
            Ok(())
        } else {
            Err("the naive Bayes model holds a probability, mean, variance or threshold outside what training gives"
                .into())
        }
    }
}

impl Classify for NaiveBayes {
    fn scores(&self, x: &Features, n_classes: usize) -> Result<Scores, LearnError> {
        let mut values = vec![0.0; x.rows() * n_classes];
        for i in 0..x.rows() {
            let jll: Vec<f64> = (0..self.classes.len()).map(|c| self.joint_log_likelihood(c, x.row(i))).collect();
            let max = jll.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if !max.is_finite() {
                return Err(LearnError::new(format!("naive Bayes finds row {} impossible under every class", i + 1)));
            }
            let sum: f64 = jll.iter().map(|l| (l - max).exp()).sum();
            for (&class, l) in self.classes.iter().zip(&jll) {
                if let Some(cell) = values.get_mut(i * n_classes + class as usize) {
                    *cell = (l - max).exp() / sum;
                }
            }
        }
        if !all_finite(&values) {
            return Err(LearnError::new("naive Bayes gave probabilities that are not numbers for these rows"));
        }
        Ok(Scores::new(ScoreKind::Probability, n_classes, values))
    }
}

/// The largest variance of any feature (over all rows).
fn largest_variance(x: &Features) -> f64 {
    (0..x.cols())
        .map(|j| {
            let col: Vec<f64> = (0..x.rows()).map(|i| x.row(i)[j]).collect();
            let mean = col.iter().sum::<f64>() / col.len().max(1) as f64;
            col.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / col.len().max(1) as f64
        })
        .fold(0.0, f64::max)
}

/// `v` as a person reads it: `-1.5`, `3`, `1e300` (not 301 digits).
fn short(v: f64) -> String {
    if v.abs() < 1e15 {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// The features as whole numbers from 0 to `max`, or an error naming the first that is not.
fn whole(x: &Features, kind: &str, max: f64) -> Result<DenseMatrix<u32>, LearnError> {
    let max = max.min(f64::from(u32::MAX));
    if let Some(at) = x.values().iter().position(|v| v.fract() != 0.0 || *v < 0.0 || *v > max) {
        let col = at % x.cols() + 1;
        return Err(LearnError::new(format!(
            "{kind} naive Bayes needs whole numbers from 0 to {max} ({}) in every input, but feature {col} holds {}; \
             choose the gaussian distribution, or drop or round that column",
            if kind == "multinomial" { "counts" } else { "category codes" },
            short(x.values()[at])
        )));
    }
    let mut column_major = Vec::with_capacity(x.values().len());
    for c in 0..x.cols() {
        column_major.extend((0..x.rows()).map(|r| x.row(r)[c] as u32));
    }
    DenseMatrix::new(x.rows(), x.cols(), column_major, true)
        .map_err(|e| LearnError::new(format!("the feature matrix could not be built: {e}")))
}
