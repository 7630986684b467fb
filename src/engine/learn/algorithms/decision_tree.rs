//! Decision tree: one tree grown by Sift on every row and feature (`estimators::forest`).

use serde::{Deserialize, Serialize};

use super::kind::{About, AlgorithmKind, StoredModel};
use super::Task;
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::cart::Outcome;
use crate::engine::learn::estimators::forest::SingleTree;
use crate::engine::learn::estimators::Fitted;
use crate::engine::learn::hyper::catalogue::{criterion, tree_shape};
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::base::progress::Progress;
use crate::engine::base::sql::ModelSql;
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;
use crate::engine::learn::python::{by_task, seed_arg, tree_args, PythonModel};

/// A decision tree, for classes or numbers.
pub struct DecisionTree;

impl AlgorithmKind for DecisionTree {
    const ABOUT: About = About {
        name: "decision_tree",
        label: "Decision tree",
        help: "A tree of yes/no questions on the features; easy to follow, prone to overfit.",
        tasks: &[Task::Classification, Task::Regression],
    };
    type Model = DecisionTreeModel;

    fn specs(task: Task) -> Vec<ParamSpec> {
        let mut v = tree_shape();
        if task == Task::Classification {
            v.push(criterion());
        }
        v
    }

    fn fit(params: &Params, seed: u64, x: &Features, y: &Target, _: &mut Progress) -> Result<DecisionTreeModel, LearnError> {
        Ok(match y {
            Target::Classes { labels, n_classes } => {
                DecisionTreeModel::DecisionTree(SingleTree::fit(params, seed, x, Outcome::Classes { labels, n_classes: *n_classes }))
            }
            Target::Values(values) => DecisionTreeModel::RegressionTree(SingleTree::fit(params, seed, x, Outcome::Values(values))),
        })
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let class = by_task(task, "DecisionTreeClassifier", "DecisionTreeRegressor");
        let mut arguments = tree_args(params, task);
        arguments.push(seed_arg(seed));
        Ok(PythonModel::new("sklearn.tree", class, &arguments))
    }
}

/// A fitted decision tree in a model file: `decision_tree` classifies, `regression_tree`
/// regresses.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionTreeModel {
    DecisionTree(SingleTree),
    RegressionTree(SingleTree),
}

impl StoredModel for DecisionTreeModel {
    const KINDS: &'static [&'static str] = &["decision_tree", "regression_tree"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            DecisionTreeModel::DecisionTree(m) => Fitted::Classes(m),
            DecisionTreeModel::RegressionTree(m) => Fitted::Values(m),
        }
    }

    fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        match self {
            DecisionTreeModel::DecisionTree(m) | DecisionTreeModel::RegressionTree(m) => m.check(n_features, n_classes),
        }
    }

    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match self {
            DecisionTreeModel::DecisionTree(m) | DecisionTreeModel::RegressionTree(m) => m.sql(inputs),
        }
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            DecisionTreeModel::DecisionTree(m) | DecisionTreeModel::RegressionTree(m) => m.onnx(inputs),
        }
    }
}
