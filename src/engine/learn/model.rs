//! A trained model: fit on features and a target, predict, save as JSON.

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use smartcore::error::Failed;

use super::algorithms::{Algorithm, Task};
use super::checks::check_training;
use super::data::{Features, Target};
use super::error::LearnError;
use super::estimator::{Estimator, Fitted};
use super::integrity::check_model_json;
use super::params::Hyperparameters;

/// What a model predicts: one class label or one number per row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prediction {
    /// Class labels, indices below the model's `n_classes()`.
    Classes(Vec<u32>),
    /// Numbers.
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
        ModelRef {
            n_features: self.n_features,
            n_classes: self.n_classes,
            estimator: &self.estimator,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Model {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        check_model_json(&value).map_err(serde::de::Error::custom)?;
        let owned: ModelOwned = serde_json::from_value(value).map_err(serde::de::Error::custom)?;
        Ok(Model {
            n_features: owned.n_features,
            n_classes: owned.n_classes,
            estimator: Arc::new(owned.estimator),
        })
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
        let estimator = Estimator::fit(algorithm, params, seed, &x.to_dense()?, y)?;
        let n_classes = match y {
            Target::Classes { n_classes, .. } => *n_classes,
            Target::Values(_) => 0,
        };
        Ok(Model {
            n_features: x.cols(),
            n_classes,
            estimator: Arc::new(estimator),
        })
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
        let prediction = match self.estimator.parts().1 {
            Fitted::Classes(model) => Prediction::Classes(model.predict(&m).map_err(failed)?),
            Fitted::Values(model) => Prediction::Values(model.predict(&m).map_err(failed)?),
        };
        Ok(prediction)
    }

    /// The task the model was trained for.
    pub fn task(&self) -> Task {
        match self.estimator.parts().1 {
            Fitted::Classes(_) => Task::Classification,
            Fitted::Values(_) => Task::Regression,
        }
    }

    /// The algorithm that trained the model.
    pub fn algorithm(&self) -> Algorithm {
        self.estimator.parts().0
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
