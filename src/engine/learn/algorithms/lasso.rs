//! Lasso: least squares with an L1 penalty, which sets weights to exactly zero (smartcore's
//! solver; the centring and scaling it shares with ridge is `estimators::linear`).

use smartcore::linalg::basic::arrays::Array;
use smartcore::linear::lasso::{Lasso as LassoSolver, LassoParameters};

use super::kind::{values, About, AlgorithmKind};
use super::{Algorithm, Task};
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::failed;
use crate::engine::learn::estimators::linear::{PenalizedModel, Scaled, MIN_SCALED_PENALTY};
use crate::engine::learn::hyper::catalogue::{alpha, max_iter, tol};
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::base::progress::Progress;
use crate::engine::learn::python::{arg, PythonModel};

/// Lasso regression.
pub struct Lasso;

impl AlgorithmKind for Lasso {
    const ABOUT: About = About {
        name: "lasso",
        label: "Lasso",
        help: "Linear regression that can set weights to exactly zero (L1), keeping only useful features.",
        tasks: &[Task::Regression],
    };
    type Model = PenalizedModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        vec![alpha("Strength of the L1 penalty: larger sets more weights to exactly zero.", 1.0), max_iter(1000), tol(1e-4)]
    }

    fn fit(params: &Params, _: u64, x: &Features, y: &Target, _: &mut Progress) -> Result<PenalizedModel, LearnError> {
        PenalizedModel::fit(Algorithm::Lasso, solve, params, x, values(&Self::ABOUT, y)?)
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = (task, seed);
        let arguments = [arg("alpha", params, "alpha"), arg("max_iter", params, "max_iter"), arg("tol", params, "tol")];
        Ok(PythonModel::new("sklearn.linear_model", "Lasso", &arguments))
    }
}

/// Lasso on the scaled problem. smartcore's lasso minimises (1/n)·RSS + a·|w|₁,
/// scikit-learn's (1/2n)·RSS + α·|w|₁: the same solution with a = 2α; and (1/n)·RSS + a·|w|₁
/// is cy² times that of X/cx, y/cy, w·cx/cy with a/(cx·cy).
fn solve(params: &Params, p: &Scaled) -> Result<(Vec<f64>, f64), LearnError> {
    let settings = LassoParameters::default()
        .with_alpha((2.0 * params.number("alpha") / p.cx / p.cy).max(MIN_SCALED_PENALTY))
        .with_normalize(false)
        .with_max_iter(params.count("max_iter"))
        .with_tol(params.number("tol"));
    let m = LassoSolver::fit(p.centred, p.y, settings).map_err(failed(Algorithm::Lasso))?;
    Ok((m.coefficients().iterator(0).copied().collect(), *m.intercept()))
}
