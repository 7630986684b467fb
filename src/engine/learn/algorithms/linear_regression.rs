//! Linear regression: the least-squares fit (smartcore's SVD solver, in `estimators::linear`).

use serde::{Deserialize, Serialize};

use super::kind::{values, About, AlgorithmKind, StoredModel};
use super::Task;
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::linear::Linear;
use crate::engine::learn::estimators::Fitted;
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::ModelSql;
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;
use crate::engine::learn::python::{PythonModel};

/// Ordinary least squares.
pub struct LinearRegression;

impl AlgorithmKind for LinearRegression {
    const ABOUT: About = About {
        name: "linear_regression",
        label: "Linear regression",
        help: "The least-squares straight-line (plane) fit through the features.",
        tasks: &[Task::Regression],
    };
    type Model = LinearModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        Vec::new()
    }

    fn check_rows(_: &Params, x: &Features) -> Result<(), LearnError> {
        if x.rows() <= x.cols() {
            return Err(LearnError::new(format!(
                "linear regression with {} features needs at least {} training rows but has {}; use fewer features, more rows, or ridge regression",
                x.cols(),
                x.cols() + 1,
                x.rows()
            )));
        }
        Ok(())
    }

    fn fit(_: &Params, _: u64, x: &Features, y: &Target, _: &mut Progress) -> Result<LinearModel, LearnError> {
        Ok(LinearModel::LinearRegression(Linear::fit(x, values(&Self::ABOUT, y)?)?))
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = (params, task, seed);
        Ok(PythonModel::new("sklearn.linear_model", "LinearRegression", &[]))
    }
}

/// A fitted linear regression in a model file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinearModel {
    LinearRegression(Linear),
}

impl StoredModel for LinearModel {
    const KINDS: &'static [&'static str] = &["linear_regression"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            LinearModel::LinearRegression(m) => Fitted::Values(m),
        }
    }

    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match self {
            LinearModel::LinearRegression(m) => m.sql(inputs),
        }
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            LinearModel::LinearRegression(m) => m.onnx(inputs),
        }
    }
}
