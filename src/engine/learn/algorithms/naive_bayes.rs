//! Naive Bayes: class probabilities from per-feature distributions (smartcore's four kinds,
//! kept in a form of our own that gives probabilities: `estimators::bayes`).

use serde::{Deserialize, Serialize};

use super::kind::{labels, About, AlgorithmKind, StoredModel};
use super::Task;
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::bayes::NaiveBayes as Bayes;
use crate::engine::learn::estimators::Fitted;
use crate::engine::learn::hyper::catalogue::alpha;
use crate::engine::learn::hyper::{ParamSpec, ParamValue, Params};
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::ModelSql;
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;
use crate::engine::learn::python::{arg, PythonModel};

/// Naive Bayes (classification).
pub struct NaiveBayes;

impl AlgorithmKind for NaiveBayes {
    const ABOUT: About = About {
        name: "naive_bayes",
        label: "Naive Bayes",
        help: "Class probabilities from per-feature distributions assumed independent; very fast.",
        tasks: &[Task::Classification],
    };
    type Model = BayesModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        vec![
            ParamSpec::choice("distribution", "Feature distribution", "gaussian: numbers; multinomial: counts; bernoulli: yes/no features; categorical: category codes.", &["gaussian", "multinomial", "bernoulli", "categorical"]),
            alpha("Additive smoothing of counts, so an unseen value is not impossible.", 1.0)
                .only_when("distribution", &["multinomial", "bernoulli", "categorical"]),
            ParamSpec::number("binarize", "Threshold", "Values above it count as yes, the others as no.", 0.0, (-1e12, 1e12), false)
                .only_when("distribution", &["bernoulli"]),
        ]
    }

    /// Counts (multinomial) and category codes (categorical) must stay whole numbers from 0,
    /// and the bernoulli threshold is given in the column's own units.
    fn keeps_units(params: &Params) -> bool {
        matches!(params.get("distribution"), Some(ParamValue::Text(d)) if matches!(d.as_str(), "multinomial" | "categorical" | "bernoulli"))
    }

    fn check_rows(params: &Params, x: &Features) -> Result<(), LearnError> {
        if matches!(params.text("distribution"), "multinomial" | "bernoulli" | "categorical") {
            return Ok(());
        }
        check_some_spread(x)
    }

    fn fit(params: &Params, _: u64, x: &Features, y: &Target, _: &mut Progress) -> Result<BayesModel, LearnError> {
        Ok(BayesModel::NaiveBayes(Bayes::fit(params, x, labels(&Self::ABOUT, y)?)?))
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = (task, seed);
        Ok(match params.text("distribution") {
            "multinomial" => PythonModel::new("sklearn.naive_bayes", "MultinomialNB", &[arg("alpha", params, "alpha")]),
            "bernoulli" => PythonModel::new(
                "sklearn.naive_bayes",
                "BernoulliNB",
                &[arg("alpha", params, "alpha"), arg("binarize", params, "binarize")],
            ),
            "categorical" => PythonModel::new("sklearn.naive_bayes", "CategoricalNB", &[arg("alpha", params, "alpha")]),
            _ => PythonModel::new("sklearn.naive_bayes", "GaussianNB", &[]),
        })
    }
}

/// Gaussian naive Bayes learns each feature's spread within each class; with no feature that
/// varies at all, every class's spread is 0 and no row is possible under any class.
fn check_some_spread(x: &Features) -> Result<(), LearnError> {
    let constant: Vec<usize> = (0..x.cols()).filter(|&j| (0..x.rows()).all(|i| x.row(i)[j] == x.row(0)[j])).collect();
    if x.rows() > 0 && constant.len() == x.cols() {
        let listed: Vec<String> = constant.iter().take(5).map(|j| format!("feature {}", j + 1)).collect();
        let subject = if constant.len() == 1 { listed[0].clone() } else { format!("every input ({})", listed.join(", ")) };
        return Err(LearnError::new(format!(
            "{subject} has the same value in every training row (zero variance), so gaussian naive Bayes cannot tell the classes apart; \
             add input columns that vary, or choose another algorithm"
        )));
    }
    Ok(())
}

/// A fitted naive Bayes model in a model file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BayesModel {
    NaiveBayes(Bayes),
}

impl StoredModel for BayesModel {
    const KINDS: &'static [&'static str] = &["naive_bayes"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            BayesModel::NaiveBayes(m) => Fitted::Classes(m),
        }
    }

    fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        match self {
            BayesModel::NaiveBayes(m) => m.check(n_features, n_classes),
        }
    }

    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match self {
            BayesModel::NaiveBayes(m) => m.sql(inputs),
        }
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            BayesModel::NaiveBayes(m) => m.onnx(inputs),
        }
    }
}
