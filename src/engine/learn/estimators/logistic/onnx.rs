//! Logistic regression as ONNX: each class's score is its intercept plus the inputs times its
//! weights, turned into probabilities as Sift turns them — the stable sigmoid for two classes
//! (`1 / (1 + e^−z)` for z ≥ 0, `e^z / (1 + e^z)` below), `exp(z − log-sum-exp)` for more.

use super::Logistic;
use crate::engine::base::onnx::{int, ModelOnnx};
use crate::engine::learn::onnx::OnnxInputs;

impl Logistic {
    /// The probability of each class the model saw, spread over the model's classes.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let p = inputs.n_features;
        let w = self.weights(p).map_err(|e| e.to_string())?;
        let rows: Vec<f64> = w.chunks_exact(p + 1).flat_map(|wc| wc[..p].to_vec()).collect();
        let intercepts: Vec<f64> = w.chunks_exact(p + 1).map(|wc| wc[p]).collect();
        let z = inputs.linear_scores(&rows, &intercepts);
        let seen = if intercepts.len() == 1 { two_classes(inputs, &z) } else { inputs.softmax_by_log_sum_exp(&z) };
        let probabilities = inputs.spread(&self.classes, &seen)?;
        Ok(inputs.classes(probabilities))
    }
}

/// `[1 − p, p]` with p the stable sigmoid of `z` (`[N, 1]`).
fn two_classes(inputs: &mut OnnxInputs, z: &str) -> String {
    let g = &mut *inputs.graph;
    let (zero, one) = (g.doubles("zero", &[], vec![0.0]), g.doubles("one", &[], vec![1.0]));
    let magnitude = g.node("Abs", &[z], Vec::new());
    let minus = g.node("Neg", &[&magnitude], Vec::new());
    let e = g.node("Exp", &[&minus], Vec::new());
    let one_plus = g.node("Add", &[&one, &e], Vec::new());
    let above = g.node("Div", &[&one, &one_plus], Vec::new());
    let below = g.node("Div", &[&e, &one_plus], Vec::new());
    let positive = g.node("GreaterOrEqual", &[z, &zero], Vec::new());
    let p = g.node("Where", &[&positive, &above, &below], Vec::new());
    let q = g.node("Sub", &[&one, &p], Vec::new());
    g.node("Concat", &[&q, &p], vec![int("axis", 1)])
}
