//! SVM kernels as ONNX: K(row, v) for every row and each of a list of vectors.

use super::Kernel;
use crate::engine::learn::onnx::OnnxInputs;

impl Kernel {
    /// K(row, `vectors[s]`) for each row and vector: `double [N, vectors]`.
    pub fn onnx(&self, inputs: &mut OnnxInputs, vectors: &[Vec<f64>]) -> Result<String, String> {
        let dot = |inputs: &mut OnnxInputs| {
            let p = inputs.n_features;
            let by_column: Vec<f64> = (0..p).flat_map(|j| vectors.iter().map(move |v| v[j])).collect();
            inputs.matmul(&by_column, vectors.len())
        };
        if vectors.iter().any(|v| v.len() != inputs.n_features) {
            return Err("its support vectors do not match its inputs".into());
        }
        let g = |inputs: &mut OnnxInputs, hint: &str, x: f64| inputs.graph.doubles(hint, &[], vec![x]);
        Ok(match *self {
            Kernel::Linear => dot(inputs),
            Kernel::Rbf { gamma } => {
                let squares = inputs.squared_distances(vectors)?;
                let minus_gamma = g(inputs, "minus_gamma", -gamma);
                let scaled = inputs.graph.node("Mul", &[&minus_gamma, &squares], Vec::new());
                inputs.graph.node("Exp", &[&scaled], Vec::new())
            }
            Kernel::Polynomial { gamma, degree, coef0 } => {
                let products = dot(inputs);
                let (gamma, coef0, degree) =
                    (g(inputs, "gamma", gamma), g(inputs, "coef0", coef0), g(inputs, "degree", degree));
                let scaled = inputs.graph.node("Mul", &[&gamma, &products], Vec::new());
                let shifted = inputs.graph.node("Add", &[&scaled, &coef0], Vec::new());
                inputs.graph.node("Pow", &[&shifted, &degree], Vec::new())
            }
        })
    }
}
