//! Small synthetic data sets for the tests of this module.

use super::rng::SplitMix64;
use super::*;

/// `n` rows of two features uniform in [-1, 1), from a fixed seed.
pub(super) fn points(n: usize, seed: u64) -> Features {
    let mut rng = SplitMix64::new(seed);
    let values = (0..2 * n).map(|_| (rng.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0).collect();
    Features::new(n, 2, values).unwrap()
}

/// Three classes in bands of the first feature: linearly separable.
pub(super) fn bands(x: &Features) -> Target {
    let labels = (0..x.rows())
        .map(|i| {
            let v = x.row(i)[0];
            if v < -0.33 {
                0
            } else if v < 0.33 {
                1
            } else {
                2
            }
        })
        .collect();
    Target::Classes { labels, n_classes: 3 }
}

/// A noiseless linear function of the two features.
pub(super) fn plane(x: &Features) -> Target {
    Target::Values((0..x.rows()).map(|i| 3.0 * x.row(i)[0] - 2.0 * x.row(i)[1] + 0.5).collect())
}

/// Every (task, algorithm) pair that learns from a target.
pub(super) fn combos() -> Vec<(Task, Algorithm)> {
    [Task::Classification, Task::Regression]
        .into_iter()
        .flat_map(|t| Algorithm::for_task(t).into_iter().map(move |a| (t, a)))
        .collect()
}

pub(super) fn dataset(task: Task, x: &Features) -> Target {
    match task {
        Task::Classification => bands(x),
        Task::Regression | Task::Clustering => plane(x),
    }
}

pub(super) fn fit(task: Task, algorithm: Algorithm, x: &Features, y: &Target) -> Result<Model, LearnError> {
    Model::fit(task, algorithm, &quick(algorithm, task), 42, x, y, &mut Progress::none())
}

/// Default parameters with fewer trees (fast tests) and a weak L1 penalty (the defaults
/// shrink these small coefficients to zero, as scikit-learn's would).
pub(super) fn quick(algorithm: Algorithm, task: Task) -> Params {
    match algorithm {
        Algorithm::Lasso | Algorithm::ElasticNet => Params::new().with("alpha", ParamValue::Number(0.001)),
        _ if specs(algorithm, task).iter().any(|s| s.name == "n_estimators") => {
            Params::new().with("n_estimators", ParamValue::Integer(10))
        }
        _ => Params::new(),
    }
}
