//! Support vector machine: the widest margin between classes, or a tube around a line
//! (smartcore's solvers, kept in a form of our own that predicts: `estimators::svm`).

use serde::{Deserialize, Serialize};

use super::kind::{About, AlgorithmKind, StoredModel};
use super::Task;
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::svm::{SvmClassifier, SvmRegressor};
use crate::engine::learn::estimators::Fitted;
use crate::engine::learn::hyper::catalogue::{c, tol};
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::ModelSql;
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;
use crate::engine::learn::python::{arg, PythonModel};

/// A support vector machine, for classes or numbers.
pub struct Svm;

impl AlgorithmKind for Svm {
    const ABOUT: About = About {
        name: "svm",
        label: "Support vector machine",
        help: "Finds the widest margin between classes (or around a line), with kernels for curved boundaries.",
        tasks: &[Task::Classification, Task::Regression],
    };
    type Model = SvmModel;

    fn specs(task: Task) -> Vec<ParamSpec> {
        let mut v = vec![
            ParamSpec::choice("kernel", "Kernel", "The shape of the boundary: linear (straight), rbf (smooth curves), polynomial.", &["rbf", "linear", "polynomial"]),
            c("Penalty on points on the wrong side of the margin: larger fits the training rows harder."),
            ParamSpec::number("gamma", "Gamma", "How far one training row's influence reaches: larger is more local and wiggly.", 0.1, (0.0, 1e6), true)
                .or_empty("1 / (features × variance), as scikit-learn's 'scale'", true)
                .only_when("kernel", &["rbf", "polynomial"]),
            ParamSpec::integer("degree", "Degree", "The power of the polynomial kernel.", 3, 1, 10).only_when("kernel", &["polynomial"]),
            ParamSpec::number("coef0", "Coef0", "The constant added inside the polynomial kernel.", 0.0, (-1e6, 1e6), false).only_when("kernel", &["polynomial"]),
        ];
        if task == Task::Regression {
            v.push(ParamSpec::number("epsilon", "Epsilon", "Errors smaller than this are not penalised at all.", 0.1, (0.0, 1e12), false));
        }
        v.push(tol(1e-3));
        if task == Task::Classification {
            v.push(ParamSpec::integer("epochs", "Passes", "Passes of smartcore's approximate solver over the rows; more is closer to the exact margin.", 2, 1, 100));
        }
        v
    }

    fn fit(params: &Params, seed: u64, x: &Features, y: &Target, progress: &mut Progress) -> Result<SvmModel, LearnError> {
        Ok(match y {
            Target::Classes { labels, .. } => SvmModel::SvmClassifier(SvmClassifier::fit(params, seed, x, labels, progress)?),
            Target::Values(values) => SvmModel::SvmRegressor(SvmRegressor::fit(params, x, values)?),
        })
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = seed;
        let kernel = match params.text("kernel") {
            "polynomial" => "poly",
            other => other,
        };
        let gamma = match params.opt_number("gamma") {
            Some(_) => arg("gamma", params, "gamma"),
            None => "gamma=\"scale\"".into(),
        };
        let mut arguments = vec![format!("kernel=\"{kernel}\""), arg("C", params, "c"), gamma];
        if kernel == "poly" {
            arguments.push(arg("degree", params, "degree"));
            arguments.push(arg("coef0", params, "coef0"));
        }
        arguments.push(arg("tol", params, "tol"));
        Ok(if task == Task::Classification {
            PythonModel::new("sklearn.svm", "SVC", &arguments)
                .noting("libsvm's exact solver; Sift's classifier is smartcore's approximate one (a few passes)")
        } else {
            arguments.push(arg("epsilon", params, "epsilon"));
            PythonModel::new("sklearn.svm", "SVR", &arguments).noting("libsvm's exact solver; Sift's is smartcore's")
        })
    }
}

/// A fitted support vector machine in a model file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SvmModel {
    SvmClassifier(SvmClassifier),
    SvmRegressor(SvmRegressor),
}

impl StoredModel for SvmModel {
    const KINDS: &'static [&'static str] = &["svm_classifier", "svm_regressor"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            SvmModel::SvmClassifier(m) => Fitted::Classes(m),
            SvmModel::SvmRegressor(m) => Fitted::Values(m),
        }
    }

    fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        match self {
            SvmModel::SvmClassifier(m) => m.check(n_features, n_classes),
            SvmModel::SvmRegressor(m) => m.check(n_features),
        }
    }

    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match self {
            SvmModel::SvmClassifier(m) => m.sql(inputs),
            SvmModel::SvmRegressor(m) => m.sql(inputs),
        }
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            SvmModel::SvmClassifier(m) => m.onnx(inputs),
            SvmModel::SvmRegressor(m) => m.onnx(inputs),
        }
    }
}
