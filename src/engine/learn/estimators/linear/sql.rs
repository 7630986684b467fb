//! Linear regressions as SQL: the intercept plus each input times its weight, added in the
//! order Sift adds them (smartcore's matrix product for least squares, an iterator's sum
//! for ridge, lasso and elastic net).

use smartcore::linalg::basic::arrays::Array;

use super::{Linear, Penalized};
use crate::engine::base::sql::ModelSql;
use crate::engine::learn::sql::SqlInputs;

impl Linear {
    /// Σ xⱼ·wⱼ + b, as smartcore's `predict` computes it.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let weights: Vec<f64> = self.0.coefficients().iterator(0).copied().collect();
        if weights.len() != inputs.features.len() {
            return Err("its weights do not match its inputs".into());
        }
        let dot = inputs.sequential_dot(&weights);
        Ok(ModelSql::Value(format!("{dot}\n + {}", inputs.number(*self.0.intercept()))))
    }
}

impl Penalized {
    /// b + Σ xⱼ·wⱼ.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let dot = inputs.sequential_dot(&self.coefficients);
        Ok(ModelSql::Value(format!("{}\n + {dot}", inputs.number(self.intercept))))
    }
}
