//! Elastic net: least squares with a mix of L1 and L2 penalties (the solver is
//! `estimators::linear::Penalized`).

use super::kind::{values, About, AlgorithmKind};
use super::{Algorithm, Task};
use crate::engine::learn::data::{Features, Target};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::linear::PenalizedModel;
use crate::engine::learn::hyper::catalogue::{alpha, max_iter, tol};
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::learn::progress::Progress;

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
        PenalizedModel::fit(Algorithm::ElasticNet, params, x, values(&Self::ABOUT, y)?)
    }
}
