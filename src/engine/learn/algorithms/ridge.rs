//! Ridge regression: least squares with an L2 penalty on the weights (smartcore's SVD solver;
//! the centring and scaling it shares with lasso and elastic net is `estimators::linear`).

use smartcore::linalg::basic::arrays::Array;
use smartcore::linear::ridge_regression::{RidgeRegression, RidgeRegressionParameters, RidgeRegressionSolverName};

use super::kind::{values, About, AlgorithmKind};
use super::{Algorithm, Task};
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::failed;
use crate::engine::learn::estimators::linear::{check_svd_range, PenalizedModel, Scaled};
use crate::engine::learn::hyper::catalogue::alpha;
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::base::progress::Progress;
use crate::engine::learn::python::{arg, PythonModel};

/// Ridge regression.
pub struct Ridge;

impl AlgorithmKind for Ridge {
    const ABOUT: About = About {
        name: "ridge",
        label: "Ridge regression",
        help: "Linear regression whose weights are pulled towards zero (L2), steadier with correlated features.",
        tasks: &[Task::Regression],
    };
    type Model = PenalizedModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        vec![alpha("Strength of the L2 penalty on the weights: larger pulls them harder towards zero.", 1.0)]
    }

    fn fit(params: &Params, _: u64, x: &Features, y: &Target, _: &mut Progress) -> Result<PenalizedModel, LearnError> {
        PenalizedModel::fit(Algorithm::Ridge, solve, params, x, values(&Self::ABOUT, y)?)
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = (task, seed);
        Ok(PythonModel::new("sklearn.linear_model", "Ridge", &[arg("alpha", params, "alpha")]))
    }
}

/// Ridge on the scaled problem: (XᵀX + αI)w = Xᵀy holds for X/cx, y/cy and w·cx/cy with α/cx².
fn solve(params: &Params, p: &Scaled) -> Result<(Vec<f64>, f64), LearnError> {
    let x = p.x;
    if x.rows() <= x.cols() {
        return Err(LearnError::new(format!(
            "ridge regression in smartcore needs more rows ({}) than features ({}); use fewer features",
            x.rows(),
            x.cols()
        )));
    }
    check_svd_range(x, Algorithm::Ridge, true)?;
    let settings = RidgeRegressionParameters::default()
        .with_alpha(params.number("alpha") / p.cx / p.cx)
        .with_normalize(false)
        .with_solver(RidgeRegressionSolverName::SVD);
    let m = RidgeRegression::fit(p.centred, p.y, settings).map_err(failed(Algorithm::Ridge))?;
    Ok((m.coefficients().iterator(0).copied().collect::<Vec<f64>>(), *m.intercept()))
}
