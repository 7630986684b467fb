//! Gradient boosting: small trees added one by one, each fitting the errors left (smartcore's
//! XGBoost-style regressor, in `estimators::trees`).

use serde::{Deserialize, Serialize};

use super::kind::{values, About, AlgorithmKind, StoredModel};
use super::Task;
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::trees::Boosting;
use crate::engine::learn::estimators::Fitted;
use crate::engine::learn::hyper::catalogue::n_estimators;
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::ModelSql;
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;
use crate::engine::learn::python::{arg, seed_arg, PythonModel};

/// Gradient-boosted trees (regression).
pub struct GradientBoosting;

impl AlgorithmKind for GradientBoosting {
    const ABOUT: About = About {
        name: "gradient_boosting",
        label: "Gradient boosting",
        help: "Small trees added one by one, each correcting the errors of those before.",
        tasks: &[Task::Regression],
    };
    type Model = BoostingModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        vec![
            n_estimators("Number of boosting rounds (small trees added one after another).", 100),
            ParamSpec::number("learning_rate", "Learning rate", "How much each new tree corrects; smaller needs more trees but generalises better.", 0.3, (0.0, 1.0), true),
            ParamSpec::integer("max_depth", "Maximum depth", "How deep each small tree may grow.", 6, 1, 30),
            ParamSpec::integer("min_child_weight", "Minimum child weight", "The least total weight (rows, for squared error) a leaf must hold.", 1, 0, 1_000_000),
            ParamSpec::number("lambda", "L2 penalty", "Penalty on leaf values; larger is more cautious.", 1.0, (0.0, 1e6), false),
            ParamSpec::number("subsample", "Row sample", "Share of rows each tree sees (below 1 adds randomness against overfitting).", 1.0, (0.0, 1.0), true),
        ]
    }

    fn fit(params: &Params, seed: u64, x: &Features, y: &Target, _: &mut Progress) -> Result<BoostingModel, LearnError> {
        Ok(BoostingModel::GradientBoosting(Boosting::fit(params, seed, x, values(&Self::ABOUT, y)?)?))
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = task;
        if params.number("subsample") < 1.0 {
            return Err("a row sample below 1 has no twin in scikit-learn's HistGradientBoostingRegressor".into());
        }
        let arguments = [
            arg("max_iter", params, "n_estimators"),
            arg("learning_rate", params, "learning_rate"),
            arg("max_depth", params, "max_depth"),
            "max_leaf_nodes=None".into(),
            format!("min_samples_leaf={}", params.int("min_child_weight").max(1)),
            arg("l2_regularization", params, "lambda"),
            "early_stopping=False".into(),
            seed_arg(seed),
        ];
        Ok(PythonModel::new("sklearn.ensemble", "HistGradientBoostingRegressor", &arguments).noting(
            "XGBoost-style boosting like Sift's (L2 penalty on leaves), but splits are searched on 255 histogram bins, not every value",
        ))
    }
}

/// Fitted gradient boosting in a model file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoostingModel {
    GradientBoosting(Boosting),
}

impl StoredModel for BoostingModel {
    const KINDS: &'static [&'static str] = &["gradient_boosting"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            BoostingModel::GradientBoosting(m) => Fitted::Values(m),
        }
    }

    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match self {
            BoostingModel::GradientBoosting(m) => m.sql(inputs),
        }
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            BoostingModel::GradientBoosting(m) => m.onnx(inputs),
        }
    }
}
