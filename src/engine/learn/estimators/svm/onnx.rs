//! Support vector machines as ONNX: the kernel between each row and every machine's support
//! vectors, then each machine's decision, its intercept plus the sum of coefficient × kernel
//! (one product with a matrix holding each machine's coefficients in its own column). A
//! regressor predicts the decision; a classifier picks the first best of the scores
//! `SvmClassifier::scores` gives (the margin for two classes; votes plus scaled summed
//! margins, scikit-learn's one-vs-one, for more). The scores are decision values, not
//! probabilities, so a classifier gives no probabilities (as `sift predict` writes none).

use super::{Machine, SvmClassifier, SvmRegressor};
use crate::engine::base::onnx::proto::data_type;
use crate::engine::base::onnx::{int, ModelOnnx};
use crate::engine::learn::estimators::kernel::Kernel;
use crate::engine::learn::onnx::OnnxInputs;

/// Each machine's decision for each row: `double [N, machines]`.
fn decisions(inputs: &mut OnnxInputs, kernel: &Kernel, machines: &[&Machine]) -> Result<String, String> {
    let vectors: Vec<Vec<f64>> = machines.iter().flat_map(|m| m.support_vectors.iter().cloned()).collect();
    if vectors.is_empty() {
        return Err("it has no support vectors".into());
    }
    let k = kernel.onnx(inputs, &vectors)?;
    let m = machines.len();
    let mut weights = vec![0.0; vectors.len() * m];
    let mut row = 0;
    for (c, machine) in machines.iter().enumerate() {
        if machine.coefficients.len() != machine.support_vectors.len() {
            return Err("its coefficients do not match its support vectors".into());
        }
        for w in &machine.coefficients {
            weights[row * m + c] = *w;
            row += 1;
        }
    }
    let w = inputs.graph.doubles("coefficients", &[vectors.len() as i64, m as i64], weights);
    let sums = inputs.graph.node("MatMul", &[&k, &w], Vec::new());
    let b = inputs.graph.doubles("intercepts", &[m as i64], machines.iter().map(|m| m.intercept).collect());
    Ok(inputs.graph.node("Add", &[&b, &sums], Vec::new()))
}

impl SvmRegressor {
    /// The decision.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let d = decisions(inputs, &self.kernel, &[&self.machine])?;
        Ok(ModelOnnx::Value(inputs.flatten(&d)))
    }
}

impl SvmClassifier {
    /// The class with the first best score.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let k = inputs.n_classes;
        let machines: Vec<&Machine> = self.pairs.iter().map(|p| &p.machine).collect();
        let d = decisions(inputs, &self.kernel, &machines)?;
        let p = self.pairs.len();
        // sign[pair][class]: +1 for its positive class, −1 for its negative one.
        let mut sign = vec![0.0; p * k];
        for (i, pair) in self.pairs.iter().enumerate() {
            let (pos, neg) = (pair.positive as usize, pair.negative as usize);
            if pos >= k || neg >= k || pos == neg {
                return Err("its machines do not match its classes".into());
            }
            (sign[i * k + pos], sign[i * k + neg]) = (1.0, -1.0);
        }
        let g = &mut *inputs.graph;
        let signs = g.doubles("signs", &[p as i64, k as i64], sign.clone());
        let scores = if let ([_], 2) = (self.pairs.as_slice(), k) {
            // f for the positive class, −f for the negative one.
            g.node("MatMul", &[&d, &signs], Vec::new())
        } else {
            let zero = g.doubles("zero", &[], vec![0.0]);
            let one = g.doubles("one", &[], vec![1.0]);
            let three = g.doubles("three", &[], vec![3.0]);
            let above = g.node("Greater", &[&d, &zero], Vec::new());
            let won = g.node("Cast", &[&above], vec![int("to", data_type::DOUBLE as i64)]);
            let lost = g.node("Sub", &[&one, &won], Vec::new());
            let positive =
                g.doubles("positive", &[p as i64, k as i64], sign.iter().map(|s| (*s > 0.0) as u8 as f64).collect());
            let negative =
                g.doubles("negative", &[p as i64, k as i64], sign.iter().map(|s| (*s < 0.0) as u8 as f64).collect());
            let votes_won = g.node("MatMul", &[&won, &positive], Vec::new());
            let votes_lost = g.node("MatMul", &[&lost, &negative], Vec::new());
            let votes = g.node("Add", &[&votes_won, &votes_lost], Vec::new());
            let confidence = g.node("MatMul", &[&d, &signs], Vec::new());
            let size = g.node("Abs", &[&confidence], Vec::new());
            let plus_one = g.node("Add", &[&size, &one], Vec::new());
            let denominator = g.node("Mul", &[&three, &plus_one], Vec::new());
            let scaled = g.node("Div", &[&confidence, &denominator], Vec::new());
            g.node("Add", &[&votes, &scaled], Vec::new())
        };
        Ok(ModelOnnx::Classes { class_index: inputs.first_largest(&scores), probabilities: None })
    }
}
