//! k-nearest neighbours: predicts from the k most similar training rows (`estimators::knn`).

use serde::{Deserialize, Serialize};

use super::kind::{About, AlgorithmKind, StoredModel};
use super::Task;
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::knn::{KnnClassifier, KnnRegressor};
use crate::engine::learn::estimators::Fitted;
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::ModelSql;
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;
use crate::engine::learn::python::{arg, by_task, text_arg, PythonModel};

/// k-nearest neighbours, for classes or numbers.
pub struct Knn;

impl AlgorithmKind for Knn {
    const ABOUT: About = About {
        name: "knn",
        label: "k-nearest neighbours",
        help: "Predicts from the k most similar training rows; scale the features first.",
        tasks: &[Task::Classification, Task::Regression],
    };
    type Model = KnnModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        vec![
            ParamSpec::integer("k", "Neighbours (k)", "How many of the most similar training rows vote or average.", 5, 1, 100_000),
            ParamSpec::choice("weights", "Weighting", "uniform: each neighbour counts the same; distance: closer neighbours count more.", &["uniform", "distance"]),
        ]
    }

    fn fit(params: &Params, _: u64, x: &Features, y: &Target, _: &mut Progress) -> Result<KnnModel, LearnError> {
        Ok(match y {
            Target::Classes { labels, .. } => KnnModel::KnnClassifier(KnnClassifier::fit(params, x, labels)?),
            Target::Values(values) => KnnModel::KnnRegressor(KnnRegressor::fit(params, x, values)?),
        })
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = seed;
        let class = by_task(task, "KNeighborsClassifier", "KNeighborsRegressor");
        Ok(PythonModel::new("sklearn.neighbors", class, &[arg("n_neighbors", params, "k"), text_arg("weights", params, "weights")])
            .noting("the same neighbours; equally distant ones may be chosen in another order"))
    }
}

/// A fitted k-nearest-neighbours model in a model file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KnnModel {
    KnnClassifier(KnnClassifier),
    KnnRegressor(KnnRegressor),
}

impl StoredModel for KnnModel {
    const KINDS: &'static [&'static str] = &["knn_classifier", "knn_regressor"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            KnnModel::KnnClassifier(m) => Fitted::Classes(m),
            KnnModel::KnnRegressor(m) => Fitted::Values(m),
        }
    }

    fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        match self {
            KnnModel::KnnClassifier(m) => m.check(n_features, n_classes),
            KnnModel::KnnRegressor(m) => m.check(n_features),
        }
    }

    /// k-nearest neighbours is not written as SQL: see [`KNN_REFUSAL`].
    fn sql(&self, _: &SqlInputs) -> Result<ModelSql, String> {
        Err(KNN_REFUSAL.into())
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            KnnModel::KnnClassifier(m) => m.onnx(inputs),
            KnnModel::KnnRegressor(m) => m.onnx(inputs),
        }
    }
}

/// Why k-nearest neighbours has no SQL: a statement would carry every training row and sort
/// them all by distance for each row (`sift onnx` exports it: `TopK` does that sort).
const KNN_REFUSAL: &str = "its statement would have to carry every training row and sort them all by distance \
    for each row; use another algorithm to export SQL, or export it as ONNX (sift onnx)";
