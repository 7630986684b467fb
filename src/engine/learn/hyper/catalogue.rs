//! Every algorithm's hyperparameters: names, one-line help, defaults and ranges.
//!
//! Defaults follow scikit-learn where smartcore allows the same setting, so that numbers can
//! be compared; names follow scikit-learn too (`c`, `alpha`, `max_depth`, `n_estimators`).

use super::spec::ParamSpec;
use crate::engine::learn::algorithms::{Algorithm, Task};

/// The hyperparameters of `algorithm` when it learns `task`, in the order a form shows them.
pub fn specs(algorithm: Algorithm, task: Task) -> Vec<ParamSpec> {
    use Algorithm as A;
    match algorithm {
        A::LogisticRegression => vec![c("Inverse strength of the L2 penalty on the weights (as in scikit-learn): smaller is simpler.")],
        A::LinearRegression => Vec::new(),
        A::Ridge => vec![alpha("Strength of the L2 penalty on the weights: larger pulls them harder towards zero.", 1.0)],
        A::Lasso => vec![alpha("Strength of the L1 penalty: larger sets more weights to exactly zero.", 1.0), max_iter(1000), tol(1e-4)],
        A::ElasticNet => vec![
            alpha("Overall strength of the penalty on the weights.", 1.0),
            ParamSpec::number("l1_ratio", "L1 share", "0 is pure ridge (L2), 1 is pure lasso (L1), between mixes both.", 0.5, (0.0, 1.0), false),
            max_iter(1000),
            tol(1e-4),
        ],
        A::DecisionTree => {
            let mut v = tree_shape();
            if task == Task::Classification {
                v.push(criterion());
            }
            v
        }
        A::RandomForest | A::ExtraTrees => {
            let mut v = vec![n_estimators("Number of trees: more is steadier and slower.", 100)];
            v.extend(tree_shape());
            v.push(
                ParamSpec::integer("max_features", "Features per split", "How many features each split may choose from; fewer makes the trees more different.", 1, 1, 100_000)
                    .or_empty("the square root of the number of features", true),
            );
            if task == Task::Classification {
                v.push(criterion());
            }
            v
        }
        A::GradientBoosting => vec![
            n_estimators("Number of boosting rounds (small trees added one after another).", 100),
            ParamSpec::number("learning_rate", "Learning rate", "How much each new tree corrects; smaller needs more trees but generalises better.", 0.3, (0.0, 1.0), true),
            ParamSpec::integer("max_depth", "Maximum depth", "How deep each small tree may grow.", 6, 1, 30),
            ParamSpec::integer("min_child_weight", "Minimum child weight", "The least total weight (rows, for squared error) a leaf must hold.", 1, 0, 1_000_000),
            ParamSpec::number("lambda", "L2 penalty", "Penalty on leaf values; larger is more cautious.", 1.0, (0.0, 1e6), false),
            ParamSpec::number("subsample", "Row sample", "Share of rows each tree sees (below 1 adds randomness against overfitting).", 1.0, (0.0, 1.0), true),
        ],
        A::Knn => vec![
            ParamSpec::integer("k", "Neighbours (k)", "How many of the most similar training rows vote or average.", 5, 1, 100_000),
            ParamSpec::choice("weights", "Weighting", "uniform: each neighbour counts the same; distance: closer neighbours count more.", &["uniform", "distance"]),
        ],
        A::Svm => {
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
        A::NaiveBayes => vec![
            ParamSpec::choice("distribution", "Feature distribution", "gaussian: numbers; multinomial: counts; bernoulli: yes/no features; categorical: category codes.", &["gaussian", "multinomial", "bernoulli", "categorical"]),
            alpha("Additive smoothing of counts, so an unseen value is not impossible.", 1.0)
                .only_when("distribution", &["multinomial", "bernoulli", "categorical"]),
            ParamSpec::number("binarize", "Threshold", "Values above it count as yes, the others as no.", 0.0, (-1e12, 1e12), false)
                .only_when("distribution", &["bernoulli"]),
        ],
        A::Kmeans => vec![
            ParamSpec::integer("k", "Clusters (k)", "How many groups to find.", 3, 2, 1000),
            max_iter(100),
        ],
        A::Dbscan => vec![
            ParamSpec::number("eps", "Radius (eps)", "How close two rows must be to count as neighbours; scale the features first.", 0.5, (0.0, 1e12), true),
            ParamSpec::integer("min_samples", "Minimum neighbours", "How many rows within the radius (itself included) make a dense core.", 5, 1, 100_000),
        ],
        A::Agglomerative => vec![ParamSpec::integer("n_clusters", "Clusters", "How many groups to stop at.", 2, 2, 1000)],
    }
}

fn c(help: &str) -> ParamSpec {
    ParamSpec::number("c", "C", help, 1.0, (0.0, 1e12), true)
}

fn alpha(help: &str, default: f64) -> ParamSpec {
    ParamSpec::number("alpha", "Alpha", help, default, (0.0, 1e12), false)
}

fn max_iter(default: i64) -> ParamSpec {
    ParamSpec::integer("max_iter", "Maximum iterations", "Upper bound on the solver's iterations.", default, 1, 1_000_000)
}

fn tol(default: f64) -> ParamSpec {
    ParamSpec::number("tol", "Tolerance", "The solver stops when its steps become smaller than this.", default, (0.0, 1.0), true)
}

fn n_estimators(help: &str, default: i64) -> ParamSpec {
    ParamSpec::integer("n_estimators", "Trees", help, default, 1, 5000)
}

fn criterion() -> ParamSpec {
    ParamSpec::choice("criterion", "Split quality", "gini or entropy: how a split's purity is measured.", &["gini", "entropy"])
}

/// The size limits shared by every tree learner.
fn tree_shape() -> Vec<ParamSpec> {
    vec![
        ParamSpec::integer("max_depth", "Maximum depth", "How many questions a path from the root may ask; smaller trees overfit less.", 8, 1, 1000)
            .or_empty("no limit", true),
        ParamSpec::integer("min_samples_split", "Minimum rows to split", "A node with fewer training rows is not split further.", 2, 2, 1_000_000),
        ParamSpec::integer("min_samples_leaf", "Minimum rows per leaf", "Each leaf keeps at least this many training rows.", 1, 1, 1_000_000),
    ]
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
        assert_eq!(Params::new().resolve(Algorithm::Knn, Task::Regression).unwrap().get("k"), Some(&ParamValue::Integer(5)));
    }
}
