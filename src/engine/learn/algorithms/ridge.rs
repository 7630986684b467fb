//! Ridge regression: least squares with an L2 penalty on the weights (the solver, shared with
//! lasso and elastic net, is `estimators::linear::Penalized`).

use super::kind::{values, About, AlgorithmKind};
use super::{Algorithm, Task};
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::linear::PenalizedModel;
use crate::engine::learn::hyper::catalogue::alpha;
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::learn::progress::Progress;

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
        PenalizedModel::fit(Algorithm::Ridge, params, x, values(&Self::ABOUT, y)?)
    }
}
