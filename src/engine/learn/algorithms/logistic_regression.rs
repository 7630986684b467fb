//! Logistic regression: class probabilities from a weighted sum of the features (multinomial,
//! L2 penalty as scikit-learn's `LogisticRegression`; the solver is in `estimators::logistic`).

use serde::{Deserialize, Serialize};

use super::kind::{labels, About, AlgorithmKind, StoredModel};
use super::Task;
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::logistic::Logistic;
use crate::engine::learn::estimators::Fitted;
use crate::engine::learn::hyper::catalogue::c;
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::ModelSql;
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;
use crate::engine::learn::python::{arg, PythonModel};

/// Logistic regression.
pub struct LogisticRegression;

impl AlgorithmKind for LogisticRegression {
    const ABOUT: About = About {
        name: "logistic_regression",
        label: "Logistic regression",
        help: "A weighted sum of the features turned into class probabilities; fast and easy to read.",
        tasks: &[Task::Classification],
    };
    type Model = LogisticModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        vec![c("Inverse strength of the L2 penalty on the weights (as in scikit-learn): smaller is simpler.")]
    }

    fn fit(params: &Params, _: u64, x: &Features, y: &Target, _: &mut Progress) -> Result<LogisticModel, LearnError> {
        Ok(LogisticModel::LogisticRegression(Logistic::fit(params, x, labels(&Self::ABOUT, y)?)?))
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = (task, seed);
        Ok(PythonModel::new("sklearn.linear_model", "LogisticRegression", &[arg("C", params, "c"), "max_iter=5000".into()]))
    }
}

/// A fitted logistic regression in a model file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogisticModel {
    LogisticRegression(Logistic),
}

impl StoredModel for LogisticModel {
    const KINDS: &'static [&'static str] = &["logistic_regression"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            LogisticModel::LogisticRegression(m) => Fitted::Classes(m),
        }
    }

    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match self {
            LogisticModel::LogisticRegression(m) => m.sql(inputs),
        }
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            LogisticModel::LogisticRegression(m) => m.onnx(inputs),
        }
    }
}
