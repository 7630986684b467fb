//! Tree ensembles for numbers from smartcore: extra trees and gradient boosting. (Decision
//! trees and random forests are Sift's own: `forest`.)

mod onnx;
mod read;
mod sql;

use serde::{Deserialize, Serialize};
use smartcore::ensemble::extra_trees_regressor::{ExtraTreesRegressor, ExtraTreesRegressorParameters};
use smartcore::xgboost::{XGRegressor, XGRegressorParameters};

use super::{failed, predict_failed, Matrix, Regress};
use crate::engine::learn::algorithms::Algorithm;
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;

/// smartcore's depth limit for a scikit-learn `max_depth` (empty: no limit): scikit-learn
/// counts the splits on a path (1 = one split), smartcore the levels (the root alone is 1).
fn smartcore_depth(params: &Params) -> Option<u16> {
    params.opt_int("max_depth").map(|d| u16::try_from(d).unwrap_or(u16::MAX).saturating_add(1))
}

/// Extra trees: a forest whose split points are drawn at random (smartcore's).
#[derive(Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ExtraTrees(ExtraTreesRegressor<f64, f64, Matrix, Vec<f64>>);

impl ExtraTrees {
    pub fn fit(params: &Params, seed: u64, x: &Features, y: &[f64]) -> Result<ExtraTrees, LearnError> {
        let settings = ExtraTreesRegressorParameters {
            max_depth: smartcore_depth(params),
            min_samples_leaf: params.count("min_samples_leaf"),
            min_samples_split: params.count("min_samples_split"),
            n_trees: params.count("n_estimators"),
            m: params.opt_int("max_features").map(|m| m as usize),
            keep_samples: false,
            seed,
        };
        ExtraTreesRegressor::fit(&x.to_dense()?, &y.to_vec(), settings)
            .map(ExtraTrees)
            .map_err(failed(Algorithm::ExtraTrees))
    }
}

impl Regress for ExtraTrees {
    fn predict(&self, x: &Features) -> Result<Vec<f64>, LearnError> {
        self.0.predict(&x.to_dense()?).map_err(predict_failed)
    }
}

/// Gradient boosting with smartcore's XGRegressor (squared error), with its feature count
/// stored so that a tampered file is caught.
#[derive(Debug, Serialize, Deserialize)]
pub struct Boosting {
    num_features: usize,
    model: XGRegressor<f64, f64, Matrix, Vec<f64>>,
}

impl Boosting {
    pub fn fit(params: &Params, seed: u64, x: &Features, y: &[f64]) -> Result<Boosting, LearnError> {
        let y = &y.to_vec();
        // Start from the mean, as scikit-learn's gradient boosting does (smartcore's default is 0.5).
        let base_score = y.iter().sum::<f64>() / y.len().max(1) as f64;
        let settings = XGRegressorParameters::default()
            .with_n_estimators(params.count("n_estimators"))
            .with_learning_rate(params.number("learning_rate"))
            .with_max_depth(u16::try_from(params.int("max_depth")).unwrap_or(u16::MAX))
            .with_min_child_weight(params.count("min_child_weight"))
            .with_lambda(params.number("lambda"))
            .with_subsample(params.number("subsample"))
            .with_base_score(base_score)
            .with_seed(seed);
        let model = XGRegressor::fit(&x.to_dense()?, y, settings).map_err(failed(Algorithm::GradientBoosting))?;
        Ok(Boosting { num_features: x.cols(), model })
    }
}

impl Regress for Boosting {
    fn predict(&self, x: &Features) -> Result<Vec<f64>, LearnError> {
        self.model.predict(&x.to_dense()?).map_err(predict_failed)
    }
}
