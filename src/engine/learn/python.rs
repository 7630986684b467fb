//! An algorithm as scikit-learn code: the estimator `sift python`'s script fits, with the same
//! hyperparameters and seed. Each algorithm writes its own in its file
//! ([`super::algorithms::AlgorithmKind::python`]); one without a scikit-learn twin refuses
//! with the reason (the assembler names the algorithm).

use super::hyper::{ParamValue, Params};
use super::Task;

/// One estimator as Python.
#[derive(Clone, Debug, PartialEq)]
pub struct PythonModel {
    /// The `from … import …` line it needs.
    pub import: String,
    /// A Python expression that makes the unfitted estimator, e.g. `Ridge(alpha=0.5)`.
    pub constructor: String,
    /// What differs from Sift's own fit (another solver, another tree learner), for a comment
    /// in the script and docs/python.md; empty when it is the same maths.
    pub note: String,
}

impl PythonModel {
    /// `class` from `module`, called with `arguments` (`name=value` pairs already in Python).
    pub fn new(module: &str, class: &str, arguments: &[String]) -> PythonModel {
        PythonModel {
            import: format!("from {module} import {class}"),
            constructor: format!("{class}({})", arguments.join(", ")),
            note: String::new(),
        }
    }

    /// The same estimator with a note on what differs from Sift's fit.
    pub fn noting(mut self, note: &str) -> PythonModel {
        self.note = note.to_string();
        self
    }
}

/// `name=value` with the parameter `param`'s value as a Python number (`None` when empty).
pub fn arg(name: &str, params: &Params, param: &str) -> String {
    let text = match params.get(param) {
        Some(ParamValue::Integer(i)) => i.to_string(),
        Some(ParamValue::Number(x)) => format!("{x:?}"),
        _ => "None".into(),
    };
    format!("{name}={text}")
}

/// `name="value"` with the parameter `param`'s text.
pub fn text_arg(name: &str, params: &Params, param: &str) -> String {
    format!("{name}={}", serde_json::Value::from(params.text(param)))
}

/// `random_state=seed`, as scikit-learn takes a seed (below 2³²).
pub fn seed_arg(seed: u64) -> String {
    format!("random_state={}", seed % (1 << 32))
}

/// The scikit-learn class for `task`: `classifier` or `regressor`.
pub fn by_task<'a>(task: Task, classifier: &'a str, regressor: &'a str) -> &'a str {
    if task == Task::Classification {
        classifier
    } else {
        regressor
    }
}

/// The shape limits every tree learner shares (and, for classes, the split quality).
pub fn tree_args(params: &Params, task: Task) -> Vec<String> {
    let mut arguments = vec![
        arg("max_depth", params, "max_depth"),
        arg("min_samples_split", params, "min_samples_split"),
        arg("min_samples_leaf", params, "min_samples_leaf"),
    ];
    if task == Task::Classification {
        arguments.push(text_arg("criterion", params, "criterion"));
    }
    arguments
}

/// A forest's size, tree shape, features per split (empty: the square root) and seed.
pub fn forest_args(params: &Params, task: Task, seed: u64) -> Vec<String> {
    let mut arguments = vec![arg("n_estimators", params, "n_estimators")];
    arguments.extend(tree_args(params, task));
    arguments.push(match params.opt_int("max_features") {
        Some(n) => format!("max_features={n}"),
        None => "max_features=\"sqrt\"".into(),
    });
    arguments.push(seed_arg(seed));
    arguments
}
