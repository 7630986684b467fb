//! Lasso: least squares with an L1 penalty, which sets weights to exactly zero (the solver is
//! `estimators::linear::Penalized`).

use super::kind::{values, About, AlgorithmKind};
use super::{Algorithm, Task};
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::linear::PenalizedModel;
use crate::engine::learn::hyper::catalogue::{alpha, max_iter, tol};
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::learn::progress::Progress;

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
        PenalizedModel::fit(Algorithm::Lasso, params, x, values(&Self::ABOUT, y)?)
    }
}
