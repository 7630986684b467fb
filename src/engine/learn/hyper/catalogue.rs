//! The catalogue of hyperparameters: each algorithm lists its own in its file
//! (`algorithms/<name>.rs`); here are the knobs several algorithms share.
//!
//! Defaults follow scikit-learn where smartcore allows the same setting, so that numbers can
//! be compared; names follow scikit-learn too (`c`, `alpha`, `max_depth`, `n_estimators`).

use super::spec::ParamSpec;
use crate::engine::learn::algorithms::{Algorithm, Task};

/// The hyperparameters of `algorithm` when it learns `task`, in the order a form shows them
/// (each algorithm's own file lists them).
pub fn specs(algorithm: Algorithm, task: Task) -> Vec<ParamSpec> {
    algorithm.specs(task)
}

/// `c`: the inverse penalty of a logistic regression or an SVM.
pub fn c(help: &str) -> ParamSpec {
    ParamSpec::number("c", "C", help, 1.0, (0.0, 1e12), true)
}

/// `alpha`: the strength of a penalty or of smoothing.
pub fn alpha(help: &str, default: f64) -> ParamSpec {
    ParamSpec::number("alpha", "Alpha", help, default, (0.0, 1e12), false)
}

/// `max_iter`: a solver's bound on iterations.
pub fn max_iter(default: i64) -> ParamSpec {
    ParamSpec::integer(
        "max_iter",
        "Maximum iterations",
        "Upper bound on the solver's iterations.",
        default,
        1,
        1_000_000,
    )
}

/// `tol`: a solver's tolerance.
pub fn tol(default: f64) -> ParamSpec {
    ParamSpec::number(
        "tol",
        "Tolerance",
        "The solver stops when its steps become smaller than this.",
        default,
        (0.0, 1.0),
        true,
    )
}

/// `n_estimators`: how many trees.
pub fn n_estimators(help: &str, default: i64) -> ParamSpec {
    ParamSpec::integer("n_estimators", "Trees", help, default, 1, 5000)
}

/// `criterion`: how a classification tree measures a split's purity.
pub fn criterion() -> ParamSpec {
    ParamSpec::choice(
        "criterion",
        "Split quality",
        "gini or entropy: how a split's purity is measured.",
        &["gini", "entropy"],
    )
}

/// The size limits shared by every tree learner.
pub fn tree_shape() -> Vec<ParamSpec> {
    vec![
        ParamSpec::integer(
            "max_depth",
            "Maximum depth",
            "How many questions a path from the root may ask; smaller trees overfit less.",
            8,
            1,
            1000,
        )
        .or_empty("no limit", true),
        ParamSpec::integer(
            "min_samples_split",
            "Minimum rows to split",
            "A node with fewer training rows is not split further.",
            2,
            2,
            1_000_000,
        ),
        ParamSpec::integer(
            "min_samples_leaf",
            "Minimum rows per leaf",
            "Each leaf keeps at least this many training rows.",
            1,
            1,
            1_000_000,
        ),
    ]
}

/// The knobs of a forest (random forest, extra trees): its size, its trees' shape, the
/// features each split may choose from, and, for classes, the split quality.
pub fn forest_specs(task: Task) -> Vec<ParamSpec> {
    let mut v = vec![n_estimators("Number of trees: more is steadier and slower.", 100)];
    v.extend(tree_shape());
    v.push(
        ParamSpec::integer(
            "max_features",
            "Features per split",
            "How many features each split may choose from; fewer makes the trees more different.",
            1,
            1,
            100_000,
        )
        .or_empty("the square root of the number of features", true),
    );
    if task == Task::Classification {
        v.push(criterion());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::learn::hyper::values::{ParamValue, Params};

    #[test]
    fn every_default_passes_its_own_check() {
        for task in Task::ALL {
            for algorithm in Algorithm::for_task(task) {
                let specs = specs(algorithm, task);
                for s in &specs {
                    assert_eq!(s.check(&s.default).as_ref(), Ok(&s.default), "{algorithm:?} {}", s.name);
                    assert!(!s.help.is_empty() && !s.label.is_empty());
                    if let Some(cond) = &s.only_when {
                        assert!(specs.iter().any(|o| o.name == cond.param), "{algorithm:?} {}", s.name);
                    }
                }
                let resolved = Params::new().resolve(algorithm, task).unwrap();
                assert_eq!(resolved.iter().count(), specs.len());
                let json = serde_json::to_string(&specs).unwrap();
                let back: Vec<ParamSpec> = serde_json::from_str(&json).unwrap();
                assert_eq!(back, specs);
            }
        }
        assert_eq!(
            Params::new().resolve(Algorithm::Knn, Task::Regression).unwrap().get("k"),
            Some(&ParamValue::Integer(5))
        );
    }
}
