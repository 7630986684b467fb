//! A trained model: fit on features and a target, predict, save as JSON.

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smartcore::ensemble::random_forest_classifier::{RandomForestClassifier, RandomForestClassifierParameters};
use smartcore::ensemble::random_forest_regressor::{RandomForestRegressor, RandomForestRegressorParameters};
use smartcore::error::Failed;
use smartcore::linalg::basic::arrays::Array;
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::linear::linear_regression::{LinearRegression, LinearRegressionParameters, LinearRegressionSolverName};
use smartcore::linear::logistic_regression::{LogisticRegression, LogisticRegressionParameters};
use smartcore::tree::decision_tree_classifier::{
    DecisionTreeClassifier, DecisionTreeClassifierParameters, SplitCriterion,
};
use smartcore::tree::decision_tree_regressor::{DecisionTreeRegressor, DecisionTreeRegressorParameters};

use super::algorithms::{Algorithm, Task};
use super::checks::check_training;
use super::data::{Features, Target};
use super::error::LearnError;
use super::integrity::check_model_json;
use super::params::Hyperparameters;

type Matrix = DenseMatrix<f64>;

/// One smartcore model per (task, algorithm) pair. Class labels are `u32` indices.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Estimator {
    LogisticRegression(LogisticRegression<f64, u32, Matrix, Vec<u32>>),
    DecisionTreeClassifier(DecisionTreeClassifier<f64, u32, Matrix, Vec<u32>>),
    RandomForestClassifier(RandomForestClassifier<f64, u32, Matrix, Vec<u32>>),
    LinearRegression(LinearRegression<f64, f64, Matrix, Vec<f64>>),
    DecisionTreeRegressor(DecisionTreeRegressor<f64, f64, Matrix, Vec<f64>>),
    RandomForestRegressor(RandomForestRegressor<f64, f64, Matrix, Vec<f64>>),
}

/// What a model predicts: one class label or one number per row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prediction {
    Classes(Vec<u32>),
    Values(Vec<f64>),
}

impl Prediction {
    /// Number of predicted rows.
    pub fn len(&self) -> usize {
        match self {
            Prediction::Classes(labels) => labels.len(),
            Prediction::Values(values) => values.len(),
        }
    }

    /// Whether no rows were predicted.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A trained model. Cloning is cheap (the fitted model is shared, never changed); it saves
/// to JSON with serde and, read back, predicts as before. Reading checks the model's
/// structure so that a damaged file gives an error instead of a crash.
#[derive(Clone, Debug)]
pub struct Model {
    n_features: usize,
    /// The class count the labels index into (0 for regression).
    n_classes: usize,
    estimator: Arc<Estimator>,
}

/// The JSON form of a model.
#[derive(Serialize)]
struct ModelRef<'a> {
    n_features: usize,
    n_classes: usize,
    estimator: &'a Estimator,
}

#[derive(Deserialize)]
struct ModelOwned {
    n_features: usize,
    n_classes: usize,
    estimator: Estimator,
}

impl Serialize for Model {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ModelRef { n_features: self.n_features, n_classes: self.n_classes, estimator: &self.estimator }
            .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Model {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        check_model_json(&value).map_err(serde::de::Error::custom)?;
        let owned: ModelOwned = serde_json::from_value(value).map_err(serde::de::Error::custom)?;
        Ok(Model { n_features: owned.n_features, n_classes: owned.n_classes, estimator: Arc::new(owned.estimator) })
    }
}

impl Model {
    /// Trains `algorithm` for `task` on `x` and `y`. Every random choice follows from `seed`.
    /// Bad inputs (no rows or features, mismatched lengths, a single class, labels out of
    /// range, non-finite targets, bad hyperparameters, an algorithm that cannot do the task)
    /// are errors, never panics.
    pub fn fit(
        task: Task,
        algorithm: Algorithm,
        params: &Hyperparameters,
        seed: u64,
        x: &Features,
        y: &Target,
    ) -> Result<Model, LearnError> {
        check_training(task, algorithm, params, x, y)?;
        let matrix = x.to_dense()?;
        let failed = |e: Failed| {
            LearnError::new(format!("{} could not be trained on these rows: {e}", algorithm.label()))
        };
        let (estimator, n_classes) = match y {
            Target::Classes { labels, n_classes } => {
                (fit_classifier(algorithm, params, seed, &matrix, labels).map_err(failed)?, *n_classes)
            }
            Target::Values(values) => (fit_regressor(algorithm, params, seed, &matrix, values).map_err(failed)?, 0),
        };
        check_finite(&estimator, algorithm)?;
        Ok(Model { n_features: x.cols(), n_classes, estimator: Arc::new(estimator) })
    }

    /// Predicts every row of `x`, which must have the columns the model was trained on.
    pub fn predict(&self, x: &Features) -> Result<Prediction, LearnError> {
        if x.cols() != self.n_features {
            return Err(LearnError::new(format!(
                "the model was trained on {} features but these rows have {}",
                self.n_features,
                x.cols()
            )));
        }
        if x.rows() == 0 {
            return Ok(match self.task() {
                Task::Classification => Prediction::Classes(Vec::new()),
                Task::Regression => Prediction::Values(Vec::new()),
            });
        }
        let m = x.to_dense()?;
        let failed = |e: Failed| LearnError::new(format!("the model could not predict: {e}"));
        let prediction = match self.estimator.as_ref() {
            Estimator::LogisticRegression(model) => Prediction::Classes(model.predict(&m).map_err(failed)?),
            Estimator::DecisionTreeClassifier(model) => Prediction::Classes(model.predict(&m).map_err(failed)?),
            Estimator::RandomForestClassifier(model) => Prediction::Classes(model.predict(&m).map_err(failed)?),
            Estimator::LinearRegression(model) => Prediction::Values(model.predict(&m).map_err(failed)?),
            Estimator::DecisionTreeRegressor(model) => Prediction::Values(model.predict(&m).map_err(failed)?),
            Estimator::RandomForestRegressor(model) => Prediction::Values(model.predict(&m).map_err(failed)?),
        };
        Ok(prediction)
    }

    /// The task the model was trained for.
    pub fn task(&self) -> Task {
        match self.estimator.as_ref() {
            Estimator::LogisticRegression(_)
            | Estimator::DecisionTreeClassifier(_)
            | Estimator::RandomForestClassifier(_) => Task::Classification,
            Estimator::LinearRegression(_) | Estimator::DecisionTreeRegressor(_) | Estimator::RandomForestRegressor(_) => {
                Task::Regression
            }
        }
    }

    /// The algorithm that trained the model.
    pub fn algorithm(&self) -> Algorithm {
        match self.estimator.as_ref() {
            Estimator::LogisticRegression(_) => Algorithm::LogisticRegression,
            Estimator::LinearRegression(_) => Algorithm::LinearRegression,
            Estimator::DecisionTreeClassifier(_) | Estimator::DecisionTreeRegressor(_) => Algorithm::DecisionTree,
            Estimator::RandomForestClassifier(_) | Estimator::RandomForestRegressor(_) => Algorithm::RandomForest,
        }
    }

    /// The number of input columns the model takes.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// The number of classes predicted labels index into (0 for regression).
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }
}

fn fit_classifier(
    algorithm: Algorithm,
    p: &Hyperparameters,
    seed: u64,
    x: &Matrix,
    y: &[u32],
) -> Result<Estimator, Failed> {
    let y = y.to_vec();
    Ok(match algorithm {
        Algorithm::LogisticRegression => {
            let params = LogisticRegressionParameters::default().with_alpha(p.alpha);
            Estimator::LogisticRegression(LogisticRegression::fit(x, &y, params)?)
        }
        Algorithm::DecisionTree => {
            let params = DecisionTreeClassifierParameters {
                criterion: SplitCriterion::Gini,
                max_depth: p.max_depth,
                min_samples_leaf: p.min_samples_leaf,
                min_samples_split: p.min_samples_split,
                seed: Some(seed),
            };
            Estimator::DecisionTreeClassifier(DecisionTreeClassifier::fit(x, &y, params)?)
        }
        Algorithm::LinearRegression => return Err(Failed::fit("linear regression cannot classify")),
        Algorithm::RandomForest => {
            let params = RandomForestClassifierParameters {
                criterion: SplitCriterion::Gini,
                max_depth: p.max_depth,
                min_samples_leaf: p.min_samples_leaf,
                min_samples_split: p.min_samples_split,
                n_trees: p.n_trees,
                m: p.max_features,
                keep_samples: false,
                seed,
            };
            Estimator::RandomForestClassifier(RandomForestClassifier::fit(x, &y, params)?)
        }
    })
}

fn fit_regressor(
    algorithm: Algorithm,
    p: &Hyperparameters,
    seed: u64,
    x: &Matrix,
    y: &[f64],
) -> Result<Estimator, Failed> {
    let y = y.to_vec();
    Ok(match algorithm {
        Algorithm::LogisticRegression => return Err(Failed::fit("logistic regression cannot regress")),
        Algorithm::LinearRegression => {
            let params = LinearRegressionParameters::default().with_solver(LinearRegressionSolverName::SVD);
            Estimator::LinearRegression(LinearRegression::fit(x, &y, params)?)
        }
        Algorithm::DecisionTree => {
            let params = DecisionTreeRegressorParameters {
                max_depth: p.max_depth,
                min_samples_leaf: p.min_samples_leaf,
                min_samples_split: p.min_samples_split,
                seed: Some(seed),
            };
            Estimator::DecisionTreeRegressor(DecisionTreeRegressor::fit(x, &y, params)?)
        }
        Algorithm::RandomForest => {
            let params = RandomForestRegressorParameters {
                max_depth: p.max_depth,
                min_samples_leaf: p.min_samples_leaf,
                min_samples_split: p.min_samples_split,
                n_trees: usize::from(p.n_trees),
                m: p.max_features,
                keep_samples: false,
                seed,
            };
            Estimator::RandomForestRegressor(RandomForestRegressor::fit(x, &y, params)?)
        }
    })
}

/// Linear models can diverge to infinities or NaN, which JSON cannot hold.
fn check_finite(estimator: &Estimator, algorithm: Algorithm) -> Result<(), LearnError> {
    let finite = |m: &Matrix| m.iterator(0).all(|v| v.is_finite());
    let ok = match estimator {
        Estimator::LogisticRegression(model) => finite(model.coefficients()) && finite(model.intercept()),
        Estimator::LinearRegression(model) => finite(model.coefficients()) && finite(model.intercept_matrix()),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(LearnError::new(format!(
            "{} did not converge on these rows (its weights became infinite); scale the features or choose another algorithm",
            algorithm.label()
        )))
    }
}
