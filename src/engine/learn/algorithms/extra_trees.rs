//! Extra trees: a forest whose split points are drawn at random (smartcore's
//! `ExtraTreesRegressor`, in `estimators::trees`).

use serde::{Deserialize, Serialize};

use super::kind::{values, About, AlgorithmKind, StoredModel};
use super::Task;
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::trees::ExtraTrees as Trees;
use crate::engine::learn::estimators::Fitted;
use crate::engine::learn::hyper::catalogue::forest_specs;
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::ModelSql;
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;
use crate::engine::learn::python::{by_task, forest_args, PythonModel};

/// Extremely randomized trees (regression).
pub struct ExtraTrees;

impl AlgorithmKind for ExtraTrees {
    const ABOUT: About = About {
        name: "extra_trees",
        label: "Extra trees",
        help: "Like a random forest, with split points drawn at random; faster, often smoother.",
        tasks: &[Task::Regression],
    };
    type Model = ExtraTreesModel;

    fn specs(task: Task) -> Vec<ParamSpec> {
        forest_specs(task)
    }

    fn fit(params: &Params, seed: u64, x: &Features, y: &Target, _: &mut Progress) -> Result<ExtraTreesModel, LearnError> {
        Ok(ExtraTreesModel::ExtraTreesRegressor(Trees::fit(params, seed, x, values(&Self::ABOUT, y)?)?))
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let class = by_task(task, "ExtraTreesClassifier", "ExtraTreesRegressor");
        Ok(PythonModel::new("sklearn.ensemble", class, &forest_args(params, task, seed))
            .noting("the same kind of forest; its random split points are NumPy's, not Sift's"))
    }
}

/// Fitted extra trees in a model file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraTreesModel {
    ExtraTreesRegressor(Trees),
}

impl StoredModel for ExtraTreesModel {
    const KINDS: &'static [&'static str] = &["extra_trees_regressor"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            ExtraTreesModel::ExtraTreesRegressor(m) => Fitted::Values(m),
        }
    }

    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match self {
            ExtraTreesModel::ExtraTreesRegressor(m) => m.sql(inputs),
        }
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            ExtraTreesModel::ExtraTreesRegressor(m) => m.onnx(inputs),
        }
    }
}
