//! Random forest: trees grown by Sift on bootstrap samples, each split choosing among a random
//! subset of the features (`estimators::forest`).

use serde::{Deserialize, Serialize};

use super::kind::{About, AlgorithmKind, StoredModel};
use super::Task;
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::cart::Outcome;
use crate::engine::learn::estimators::forest::Forest;
use crate::engine::learn::estimators::Fitted;
use crate::engine::learn::hyper::catalogue::forest_specs;
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::ModelSql;
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;
use crate::engine::learn::python::{by_task, forest_args, PythonModel};

/// A random forest, for classes or numbers.
pub struct RandomForest;

impl AlgorithmKind for RandomForest {
    const ABOUT: About = About {
        name: "random_forest",
        label: "Random forest",
        help: "Many trees on resampled rows, voting or averaging; strong without tuning.",
        tasks: &[Task::Classification, Task::Regression],
    };
    type Model = RandomForestModel;

    fn specs(task: Task) -> Vec<ParamSpec> {
        forest_specs(task)
    }

    fn fit(params: &Params, seed: u64, x: &Features, y: &Target, progress: &mut Progress) -> Result<RandomForestModel, LearnError> {
        Ok(match y {
            Target::Classes { labels, n_classes } => RandomForestModel::RandomForest(Forest::fit(
                params,
                seed,
                x,
                Outcome::Classes { labels, n_classes: *n_classes },
                progress,
            )?),
            Target::Values(values) => RandomForestModel::RegressionForest(Forest::fit(params, seed, x, Outcome::Values(values), progress)?),
        })
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let class = by_task(task, "RandomForestClassifier", "RandomForestRegressor");
        Ok(PythonModel::new("sklearn.ensemble", class, &forest_args(params, task, seed))
            .noting("the same kind of forest; its bootstrap samples and feature draws are NumPy's, not Sift's"))
    }
}

/// A fitted random forest in a model file: `random_forest` classifies, `regression_forest`
/// regresses.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RandomForestModel {
    RandomForest(Forest),
    RegressionForest(Forest),
}

impl StoredModel for RandomForestModel {
    const KINDS: &'static [&'static str] = &["random_forest", "regression_forest"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            RandomForestModel::RandomForest(m) => Fitted::Classes(m),
            RandomForestModel::RegressionForest(m) => Fitted::Values(m),
        }
    }

    fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        match self {
            RandomForestModel::RandomForest(m) => m.check(n_features, n_classes),
            RandomForestModel::RegressionForest(m) => m.check(n_features, 0),
        }
    }

    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match self {
            RandomForestModel::RandomForest(m) | RandomForestModel::RegressionForest(m) => m.sql(inputs),
        }
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            RandomForestModel::RandomForest(m) | RandomForestModel::RegressionForest(m) => m.onnx(inputs),
        }
    }
}
