//! The numeric learning layer on smartcore 0.7.
//!
//! It knows nothing about tables or files: it takes a dense numeric [`Features`] matrix and a
//! [`Target`], splits rows ([`train_test_split`], [`stratified_split`], [`k_folds`]; keeping
//! groups of rows together, [`grouped_split`], [`group_k_folds`]), trains a [`Model`]
//! ([`Model::fit`], [`Model::fit_clusters`]) with [`Params`] checked against each
//! algorithm's catalogue ([`specs`]), predicts with class [`Scores`]
//! ([`Model::predict_with_scores`]) and scores ([`metrics`]). Every random choice takes a
//! seed; bad inputs are [`LearnError`]s, never panics; models round-trip through JSON;
//! long jobs report [`Progress`] and can be cancelled.

mod algorithms;
mod checks;
mod data;
mod error;
mod estimators;
mod folds;
mod groups;
mod hyper;
mod integrity;
pub mod metrics;
mod model;

mod onnx;
mod projection;
pub mod python;
mod rng;
mod scores;
mod split;
mod sql;
mod target_task;

pub use crate::engine::base::progress::{Progress, ProgressFn};
pub use algorithms::{About, Algorithm, Task};
pub use checks::MAX_CLASSES;
pub use data::{Features, Target, MAX_MAGNITUDE};
pub use error::{LearnError, CANCELLED};
pub use folds::k_folds;
pub use groups::{group_k_folds, grouped_split};
pub use hyper::{specs, Condition, ParamKind, ParamSpec, ParamValue, Params};
pub use model::{Model, Predicted, Prediction};
pub use projection::pca_2d;
pub use rng::SplitMix64;
pub use scores::{ScoreKind, Scores};
pub use split::{stratified_split, train_test_split};
pub use target_task::infer_task;

#[cfg(test)]
mod model_tests;
#[cfg(test)]
mod test_data;
