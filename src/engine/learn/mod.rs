//! The numeric learning layer on smartcore 0.7.
//!
//! It knows nothing about tables or files: it takes a dense numeric [`Features`] matrix and a
//! [`Target`], splits rows ([`train_test_split`], [`stratified_split`]), trains a [`Model`]
//! ([`Model::fit`]), predicts ([`Model::predict`]) and scores
//! ([`classification_metrics`], [`regression_metrics`]). Every random choice takes a seed;
//! bad inputs are [`LearnError`]s, never panics; models round-trip through JSON.

mod algorithms;
mod checks;
mod data;
mod error;
mod estimator;
mod integrity;
mod metrics;
mod model;
mod params;
mod rng;
mod split;

pub use algorithms::{Algorithm, Task};
pub use data::{Features, Target, MAX_MAGNITUDE};
pub use error::LearnError;
pub use metrics::{
    classification_metrics, regression_metrics, ClassMetrics, ClassificationMetrics,
    RegressionMetrics,
};
pub use model::{Model, Prediction};
pub use params::Hyperparameters;
pub use split::{stratified_split, train_test_split};

#[cfg(test)]
mod model_tests;
#[cfg(test)]
mod test_data;
