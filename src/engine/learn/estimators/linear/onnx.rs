//! Linear regressions as ONNX: the inputs times the weights (`MatMul`), plus the intercept.

use smartcore::linalg::basic::arrays::Array;

use super::{Linear, Penalized};
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;

impl Linear {
    /// X·w + b, as smartcore's `predict` computes it.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let weights: Vec<f64> = self.0.coefficients().iterator(0).copied().collect();
        affine(inputs, &weights, *self.0.intercept())
    }
}

impl Penalized {
    /// b + X·w.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        affine(inputs, &self.coefficients, self.intercept)
    }
}

/// `features · weights + intercept` as a `double [N]`.
fn affine(inputs: &mut OnnxInputs, weights: &[f64], intercept: f64) -> Result<ModelOnnx, String> {
    if weights.len() != inputs.n_features {
        return Err("its weights do not match its inputs".into());
    }
    let product = inputs.matmul(weights, 1);
    let b = inputs.graph.doubles("intercept", &[], vec![intercept]);
    let value = inputs.graph.node("Add", &[&product, &b], Vec::new());
    Ok(ModelOnnx::Value(inputs.flatten(&value)))
}
