//! Elastic net: least squares with a mix of L1 and L2 penalties (smartcore's solver; the
//! centring and scaling it shares with ridge is `estimators::linear`).

use smartcore::linalg::basic::arrays::Array;
use smartcore::linear::elastic_net::{ElasticNet as ElasticNetSolver, ElasticNetParameters};

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

/// Elastic net regression.
pub struct ElasticNet;

impl AlgorithmKind for ElasticNet {
    const ABOUT: About = About {
        name: "elastic_net",
        label: "Elastic net",
        help: "A mix of ridge and lasso penalties on a linear regression.",
        tasks: &[Task::Regression],
    };
    type Model = PenalizedModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        vec![
            alpha("Overall strength of the penalty on the weights.", 1.0),
            ParamSpec::number("l1_ratio", "L1 share", "0 is pure ridge (L2), 1 is pure lasso (L1), between mixes both.", 0.5, (0.0, 1.0), false),
            max_iter(1000),
            tol(1e-4),
        ]
    }

    fn fit(params: &Params, _: u64, x: &Features, y: &Target, _: &mut Progress) -> Result<PenalizedModel, LearnError> {
        PenalizedModel::fit(Algorithm::ElasticNet, solve, params, x, values(&Self::ABOUT, y)?)
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = (task, seed);
        let arguments = [
            arg("alpha", params, "alpha"),
            arg("l1_ratio", params, "l1_ratio"),
            arg("max_iter", params, "max_iter"),
            arg("tol", params, "tol"),
        ];
        Ok(PythonModel::new("sklearn.linear_model", "ElasticNet", &arguments))
    }
}

/// Elastic net on the scaled problem. smartcore: RSS + n·a·r·|w|₁ + n·a·(1−r)·|w|²;
/// scikit-learn (times 2n): RSS + 2n·α·ρ·|w|₁ + n·α·(1−ρ)·|w|², so a = α(1+ρ) and
/// r = 2ρ/(1+ρ). Scaled as lasso: the L1 weight a·r becomes a·r/(cx·cy), the L2 one a·(1−r)/cx².
fn solve(params: &Params, p: &Scaled) -> Result<(Vec<f64>, f64), LearnError> {
    let (cx, cy) = (p.cx, p.cy);
    let (alpha, rho) = (params.number("alpha"), params.number("l1_ratio"));
    let (a, r) = (alpha * (1.0 + rho), 2.0 * rho / (1.0 + rho));
    let (l1, l2) = (a * r / cx / cy, a * (1.0 - r) / cx / cx);
    let (a, r) = if l1 + l2 > 0.0 { ((l1 + l2).max(MIN_SCALED_PENALTY), l1 / (l1 + l2)) } else { (0.0, r) };
    let settings = ElasticNetParameters::default()
        .with_alpha(a)
        .with_l1_ratio(r)
        .with_normalize(false)
        .with_max_iter(params.count("max_iter"))
        .with_tol(params.number("tol"));
    let m = ElasticNetSolver::fit(p.centred, p.y, settings).map_err(failed(Algorithm::ElasticNet))?;
    Ok((m.coefficients().iterator(0).copied().collect(), *m.intercept()))
}
