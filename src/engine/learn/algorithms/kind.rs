//! What every algorithm is: a unit struct that describes itself, lists its hyperparameters
//! and learns ([`AlgorithmKind`]), and the form its fitted models take in a model file
//! ([`StoredModel`]), which predicts.

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::Task;
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::ModelSql;
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::Fitted;
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::python::PythonModel;
use crate::engine::learn::sql::SqlInputs;

/// An algorithm as lists, forms and the command line show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct About {
    /// The snake_case name used in files and on the command line, e.g. `"random_forest"`
    /// (the variant's name in the list, as serde writes it).
    pub name: &'static str,
    /// The name people read, e.g. `"Random forest"`.
    pub label: &'static str,
    /// One sentence on what the algorithm does, for learners.
    pub help: &'static str,
    /// The tasks it can learn.
    pub tasks: &'static [Task],
}

/// A kind of algorithm. Training may assume that its parameters are resolved against
/// [`AlgorithmKind::specs`] and that the rows passed the trainer's checks
/// (`checks::check_training`).
pub trait AlgorithmKind {
    /// Name, label, explanation and tasks.
    const ABOUT: About;
    /// The form of its fitted models in a model file.
    type Model: StoredModel;

    /// Its hyperparameters when it learns `task`, in the order a form shows them.
    fn specs(task: Task) -> Vec<ParamSpec>;

    /// What the rows must hold for this algorithm beyond the trainer's checks, said before
    /// training starts (a solver would fail later with a message about itself).
    fn check_rows(params: &Params, x: &Features) -> Result<(), LearnError> {
        let _ = (params, x);
        Ok(())
    }

    /// Whether, with `params`, it reads numbers in the file's own units, so that Sift must not
    /// rescale them (see `auto_steps::keeps_units`).
    fn keeps_units(params: &Params) -> bool {
        let _ = params;
        false
    }

    /// Learns to predict `y` from `x` (classification or regression); `seed` drives every
    /// random choice.
    fn fit(
        params: &Params,
        seed: u64,
        x: &Features,
        y: &Target,
        progress: &mut Progress,
    ) -> Result<Self::Model, LearnError> {
        let _ = (params, seed, x, progress);
        Err(cannot(&Self::ABOUT, task_of(y)))
    }

    /// Finds clusters in `x`; returns the model and each row's cluster (-1 for noise).
    fn find_clusters(params: &Params, seed: u64, x: &Features) -> Result<(Self::Model, Vec<i32>), LearnError> {
        let _ = (params, seed, x);
        Err(cannot(&Self::ABOUT, Task::Clustering))
    }

    /// The algorithm as the scikit-learn estimator `sift python`'s script fits, with `params`
    /// (resolved) for `task` and `seed` (see [`PythonModel`]). `Err` says why it has no twin
    /// (the export then refuses, naming the algorithm).
    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = (params, task, seed);
        Err("it has no scikit-learn twin".into())
    }
}

/// A fitted model as a model file stores it: an enum whose serde variants are the kinds in
/// the file's `"estimator": {"<kind>": {...}}`.
pub trait StoredModel: Debug + Serialize + DeserializeOwned {
    /// The kinds this form is written under (serde's names of its variants). Several
    /// algorithms may share a kind when the stored form names its algorithm (`"penalized"`,
    /// `"clusters"`).
    const KINDS: &'static [&'static str];

    /// The model seen through what it predicts.
    fn fitted(&self) -> Fitted<'_>;

    /// Checks the parts stored in our own form against the model's sizes (a tampered file
    /// must give an error, not a panic); smartcore's forms are checked on their JSON by
    /// `integrity`.
    fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        let _ = (n_features, n_classes);
        Ok(())
    }

    /// The model's predictions as SQL over its inputs (see [`SqlInputs`]), exactly as
    /// [`Self::fitted`] predicts them. Written in a `sql.rs` beside the stored form; `Err`
    /// says why it has none (the export then refuses, naming the algorithm).
    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let _ = inputs;
        Err("it has no SQL translation yet".into())
    }

    /// The model's predictions as nodes of an ONNX graph over its inputs (see [`OnnxInputs`]),
    /// exactly as [`Self::fitted`] predicts them, in double precision. Written in an `onnx.rs`
    /// beside the stored form; `Err` says why it has none (the export then refuses, naming
    /// the algorithm).
    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let _ = inputs;
        Err("it has no ONNX translation yet".into())
    }
}

/// The task a target is learned for.
pub fn task_of(y: &Target) -> Task {
    match y {
        Target::Classes { .. } => Task::Classification,
        Target::Values(_) => Task::Regression,
    }
}

/// The error of an algorithm asked for a task it cannot do.
pub fn cannot(about: &About, task: Task) -> LearnError {
    LearnError::new(format!("{} cannot do {}", about.label, task.name()))
}

/// The numbers to learn, for an algorithm that only regresses.
pub fn values<'a>(about: &About, y: &'a Target) -> Result<&'a [f64], LearnError> {
    match y {
        Target::Values(values) => Ok(values),
        Target::Classes { .. } => Err(cannot(about, Task::Classification)),
    }
}

/// The class labels to learn, for an algorithm that only classifies.
pub fn labels<'a>(about: &About, y: &'a Target) -> Result<&'a [u32], LearnError> {
    match y {
        Target::Classes { labels, .. } => Ok(labels),
        Target::Values(_) => Err(cannot(about, Task::Regression)),
    }
}
