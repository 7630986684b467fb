//! A trained model: fit on features (and a target), predict classes with scores, numbers or
//! clusters, save as JSON and read back with checks.

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::algorithms::{Algorithm, Task};
use super::checks::{check_features, check_training, explain_fit_failure, MAX_CLASSES};
use super::data::{Features, Target};
use super::error::LearnError;
use super::estimators::{Estimator, Fitted};
use super::hyper::Params;
use super::integrity::{check_model_json, migrate_model_json};
use super::onnx::OnnxInputs;
use super::scores::{ScoreKind, Scores};
use super::sql::SqlInputs;
use crate::engine::base::onnx::{GraphBuilder, ModelOnnx};
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::{Dialect, ModelSql};

/// What a model predicts: one class label, number or cluster per row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prediction {
    /// Class labels, indices below the model's `n_classes()`.
    Classes(Vec<u32>),
    /// Numbers.
    Values(Vec<f64>),
    /// Cluster numbers from 0; -1 for a row in no cluster (DBSCAN's noise).
    Clusters(Vec<i32>),
}

impl Prediction {
    /// Number of predicted rows.
    pub fn len(&self) -> usize {
        match self {
            Prediction::Classes(v) => v.len(),
            Prediction::Values(v) => v.len(),
            Prediction::Clusters(v) => v.len(),
        }
    }

    /// Whether no rows were predicted.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A prediction with the class scores behind it (classifiers only).
#[derive(Clone, Debug, PartialEq)]
pub struct Predicted {
    pub prediction: Prediction,
    pub scores: Option<Scores>,
}

/// A trained model. Cloning is cheap (the fitted model is shared, never changed); it saves
/// to JSON with serde and, read back, predicts as before. Reading checks the model's
/// structure so that a damaged file gives an error instead of a crash.
#[derive(Clone, Debug)]
pub struct Model {
    n_features: usize,
    /// The class count the labels index into (0 for regression and clustering).
    n_classes: usize,
    estimator: Arc<Estimator>,
}

#[derive(Serialize)]
struct ModelRef<'a> {
    n_features: usize,
    n_classes: usize,
    estimator: &'a Estimator,
}

/// A model file's sizes; its `"estimator"` is read by [`Estimator::read`], which finds the
/// algorithm whose stored form it is.
#[derive(Deserialize)]
struct Sizes {
    n_features: usize,
    n_classes: usize,
}

impl Serialize for Model {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ModelRef { n_features: self.n_features, n_classes: self.n_classes, estimator: &self.estimator }
            .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Model {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut value = serde_json::Value::deserialize(deserializer)?;
        migrate_model_json(&mut value);
        check_model_json(&value).map_err(serde::de::Error::custom)?;
        let estimator = value.get_mut("estimator").map(serde_json::Value::take).unwrap_or_default();
        // "at estimator.weights[3]: invalid type…": the field, not only the type.
        let sizes: Sizes = serde_path_to_error::deserialize(value)
            .map_err(|e| serde::de::Error::custom(format!("at {}: {}", e.path(), e.inner())))?;
        let estimator = Estimator::read(estimator).map_err(serde::de::Error::custom)?;
        estimator.check(sizes.n_features, sizes.n_classes).map_err(serde::de::Error::custom)?;
        let model = Model { n_features: sizes.n_features, n_classes: sizes.n_classes, estimator: Arc::new(estimator) };
        if model.task() == Task::Classification && !(2..=MAX_CLASSES).contains(&model.n_classes) {
            return Err(serde::de::Error::custom(format!("a classifier needs between 2 and {MAX_CLASSES} classes")));
        }
        Ok(model)
    }
}

impl Model {
    /// The model's predictions as SQL over its input features, `features[i]` being the SQL
    /// of input `i`; `Err` names the algorithm and why it has no translation.
    pub fn sql(&self, features: &[String], dialect: Dialect) -> Result<ModelSql, String> {
        if features.len() != self.n_features {
            return Err(format!("the model has {} inputs, not {}", self.n_features, features.len()));
        }
        let features: Vec<String> = features.iter().map(|f| operand(f)).collect();
        self.estimator
            .sql(&SqlInputs { features: &features, n_classes: self.n_classes, dialect })
            .map_err(|why| format!("{} cannot be written as SQL: {why}", self.algorithm().label()))
    }

    /// The model's predictions as nodes added to `graph`, reading `features` (a `double [N,
    /// n_features]` tensor of finite numbers); `Err` names the algorithm and why it has no
    /// translation.
    pub fn onnx(&self, graph: &mut GraphBuilder, features: &str) -> Result<ModelOnnx, String> {
        let mut inputs = OnnxInputs {
            graph,
            features: features.to_string(),
            n_features: self.n_features,
            n_classes: self.n_classes,
        };
        self.estimator
            .onnx(&mut inputs)
            .map_err(|why| format!("{} cannot be written as ONNX: {why}", self.algorithm().label()))
    }

    /// Trains `algorithm` for `task` (classification or regression) on `x` and `y`.
    /// `params` are checked against the algorithm's catalogue (missing ones take defaults);
    /// every random choice follows from `seed`. Bad inputs are errors, never panics; a
    /// `false` from `progress` stops with a "cancelled" error.
    pub fn fit(
        task: Task,
        algorithm: Algorithm,
        params: &Params,
        seed: u64,
        x: &Features,
        y: &Target,
        progress: &mut Progress,
    ) -> Result<Model, LearnError> {
        let params = params.resolve(algorithm, task)?;
        check_training(task, algorithm, &params, x, y)?;
        let estimator = Estimator::fit(algorithm, &params, seed, x, y, progress)
            .map_err(|e| explain_fit_failure(algorithm, x, y, e))?;
        let n_classes = match y {
            Target::Classes { n_classes, .. } => *n_classes,
            Target::Values(_) => 0,
        };
        Ok(Model { n_features: x.cols(), n_classes, estimator: Arc::new(estimator) })
    }

    /// Finds clusters in `x` with a clustering `algorithm`; returns the model and the cluster
    /// of each row of `x` (-1 for noise).
    pub fn fit_clusters(
        algorithm: Algorithm,
        params: &Params,
        seed: u64,
        x: &Features,
    ) -> Result<(Model, Vec<i32>), LearnError> {
        let params = params.resolve(algorithm, Task::Clustering)?;
        if !algorithm.supports(Task::Clustering) {
            return Err(LearnError::new(format!("{} does not find clusters", algorithm.label())));
        }
        check_features(x, 2)?;
        let (estimator, labels) = Estimator::find_clusters(algorithm, &params, seed, x)?;
        let model = Model { n_features: x.cols(), n_classes: 0, estimator: Arc::new(estimator) };
        Ok((model, labels))
    }

    /// Predicts every row of `x`, which must have the columns the model was trained on.
    pub fn predict(&self, x: &Features) -> Result<Prediction, LearnError> {
        Ok(self.predict_with_scores(x)?.prediction)
    }

    /// Predicts every row of `x`, with the class scores of a classifier.
    pub fn predict_with_scores(&self, x: &Features) -> Result<Predicted, LearnError> {
        if x.cols() != self.n_features {
            return Err(LearnError::new(format!(
                "the model was trained on {} features but these rows have {}",
                self.n_features,
                x.cols()
            )));
        }
        let fitted = self.estimator.parts().1;
        if x.rows() == 0 {
            return Ok(match fitted {
                Fitted::Classes(_) => Predicted {
                    prediction: Prediction::Classes(Vec::new()),
                    scores: Some(Scores::new(ScoreKind::Probability, self.n_classes, Vec::new())),
                },
                Fitted::Values(_) => Predicted { prediction: Prediction::Values(Vec::new()), scores: None },
                Fitted::Clusters(_) => Predicted { prediction: Prediction::Clusters(Vec::new()), scores: None },
            });
        }
        let (prediction, scores) = match fitted {
            Fitted::Classes(model) => {
                let scores = model.scores(x, self.n_classes)?;
                (Prediction::Classes(scores.best()), Some(scores))
            }
            Fitted::Values(model) => {
                let values = model.predict(x)?;
                if values.len() != x.rows() || values.iter().any(|v| !v.is_finite()) {
                    return Err(LearnError::new(
                        "the model predicted values that are not finite numbers for these rows",
                    ));
                }
                (Prediction::Values(values), None)
            }
            Fitted::Clusters(model) => (Prediction::Clusters(model.assign(x)), None),
        };
        Ok(Predicted { prediction, scores })
    }

    /// The task the model was trained for.
    pub fn task(&self) -> Task {
        match self.estimator.parts().1 {
            Fitted::Classes(_) => Task::Classification,
            Fitted::Values(_) => Task::Regression,
            Fitted::Clusters(_) => Task::Clustering,
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

    /// The number of classes predicted labels index into (0 for regression and clustering).
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }
}

/// `expression` as an operand: as it is when it is a name (`x1`, `"a b"`, `` `a b` ``), else
/// in parentheses, so that `a + b` times a weight stays `(a + b) * w`.
fn operand(expression: &str) -> String {
    let plain = expression.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let quoted = |q: char| {
        expression.len() >= 2
            && expression.starts_with(q)
            && expression.ends_with(q)
            && expression[1..expression.len() - 1].replace(&format!("{q}{q}"), "").find(q).is_none()
    };
    if (plain && !expression.is_empty()) || quoted('"') || quoted('`') {
        expression.to_string()
    } else {
        format!("({expression})")
    }
}
