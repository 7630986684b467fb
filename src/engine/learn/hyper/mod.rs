//! Hyperparameters: a serializable catalogue of each algorithm's knobs ([`specs`]) and the
//! values a user gives ([`Params`]), checked against it.

pub(super) mod catalogue;
mod spec;
mod values;

pub use crate::engine::base::params::Condition;
pub use catalogue::specs;
pub use spec::{ParamKind, ParamSpec};
pub use values::{ParamValue, Params};
