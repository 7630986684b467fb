//! Naive Bayes as ONNX: each class's joint log likelihood is its log prior plus one term per
//! input, summed over the inputs; the probabilities are `exp(l − max) / Σ exp(l − max)` over
//! the classes, as `NaiveBayes::scores` computes them. Every constant a term needs (a log
//! normaliser, twice a variance, log(1 − p)) is computed in Rust exactly as Sift computes it.

use super::{Distribution, NaiveBayes};
use crate::engine::base::onnx::proto::data_type;
use crate::engine::base::onnx::{int, ModelOnnx};
use crate::engine::learn::onnx::OnnxInputs;

impl NaiveBayes {
    /// The class probabilities, spread over the model's classes.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let likelihood = self.log_likelihoods(inputs)?;
        let priors = inputs.graph.doubles("log_priors", &[self.classes.len() as i64], self.log_priors.clone());
        let jll = inputs.graph.node("Add", &[&priors, &likelihood], Vec::new());
        let seen = inputs.softmax_by_division(&jll);
        let probabilities = inputs.spread(&self.classes, &seen)?;
        Ok(inputs.classes(probabilities))
    }

    /// Σ over the inputs of each input's log likelihood under each class: `double [N, classes]`.
    fn log_likelihoods(&self, inputs: &mut OnnxInputs) -> Result<String, String> {
        let (k, p) = (self.classes.len(), inputs.n_features);
        // Per class, per input: a [1, classes, inputs] table.
        let table = |inputs: &mut OnnxInputs, hint: &str, rows: &[Vec<f64>], value: &dyn Fn(f64) -> f64| {
            let values: Vec<f64> = rows.iter().flat_map(|r| r.iter().map(|v| value(*v))).collect();
            inputs.graph.doubles(hint, &[1, k as i64, p as i64], values)
        };
        match &self.distribution {
            Distribution::Gaussian { means, variances } => {
                let d = inputs.differences(means);
                let squares = inputs.graph.node("Mul", &[&d, &d], Vec::new());
                let twice = table(inputs, "twice_variances", variances, &|v| 2.0 * v);
                let scaled = inputs.graph.node("Div", &[&squares, &twice], Vec::new());
                let norm =
                    table(inputs, "log_normalisers", variances, &|v| -0.5 * (2.0 * std::f64::consts::PI * v).ln());
                let terms = inputs.graph.node("Sub", &[&norm, &scaled], Vec::new());
                Ok(inputs.sum_last_axis(&terms))
            }
            Distribution::Multinomial { log_probs } => {
                let zero = inputs.graph.doubles("zero", &[], vec![0.0]);
                let features = inputs.features.clone();
                let counts = inputs.graph.node("Max", &[&features, &zero], Vec::new());
                let by_input: Vec<f64> = (0..p).flat_map(|j| log_probs.iter().map(move |r| r[j])).collect();
                let w = inputs.graph.doubles("log_probs", &[p as i64, k as i64], by_input);
                Ok(inputs.graph.node("MatMul", &[&counts, &w], Vec::new()))
            }
            Distribution::Bernoulli { log_probs, threshold } => {
                let limit = inputs.graph.doubles("threshold", &[], vec![*threshold]);
                let axes = inputs.graph.int64s("axis_1", &[1], vec![1]);
                let features = inputs.features.clone();
                let rows = inputs.graph.node("Unsqueeze", &[&features, &axes], Vec::new());
                let yes = inputs.graph.node("Greater", &[&rows, &limit], Vec::new());
                let if_yes = table(inputs, "log_probs", log_probs, &|lp| lp);
                let if_no = table(inputs, "log_complements", log_probs, &|lp| (-lp.exp()).ln_1p());
                let terms = inputs.graph.node("Where", &[&yes, &if_yes, &if_no], Vec::new());
                Ok(inputs.sum_last_axis(&terms))
            }
            Distribution::Categorical { log_probs } => categorical(inputs, log_probs, k),
        }
    }
}

/// Σ over the inputs of `log_probs[input][class][code]` for each row's code; a code the class
/// never saw (or a value that is no code) adds nothing. Each input's code is matched against
/// 0, 1, … (`Equal`, true only for a whole number ≥ 0) and the 0/1 matches times the table
/// pick out its one entry exactly.
fn categorical(inputs: &mut OnnxInputs, log_probs: &[Vec<Vec<f64>>], k: usize) -> Result<String, String> {
    if log_probs.len() != inputs.n_features || log_probs.iter().any(|f| f.len() != k) {
        return Err("its tables do not list every class".into());
    }
    let mut total: Option<String> = None;
    for (j, feature) in log_probs.iter().enumerate() {
        let codes = feature.iter().map(Vec::len).max().unwrap_or(0);
        if codes == 0 {
            continue;
        }
        let column = inputs.graph.int64s("column", &[1], vec![j as i64]);
        let features = inputs.features.clone();
        let x = inputs.graph.node("Gather", &[&features, &column], vec![int("axis", 1)]);
        let numbers = inputs.graph.doubles("codes", &[1, codes as i64], (0..codes).map(|c| c as f64).collect());
        let matches = inputs.graph.node("Equal", &[&x, &numbers], Vec::new());
        let ones = inputs.graph.node("Cast", &[&matches], vec![int("to", data_type::DOUBLE as i64)]);
        let by_code: Vec<f64> =
            (0..codes).flat_map(|code| feature.iter().map(move |c| c.get(code).copied().unwrap_or(0.0))).collect();
        let w = inputs.graph.doubles("log_probs", &[codes as i64, k as i64], by_code);
        let term = inputs.graph.node("MatMul", &[&ones, &w], Vec::new());
        total = Some(match total {
            Some(t) => inputs.graph.node("Add", &[&t, &term], Vec::new()),
            None => term,
        });
    }
    Ok(total.unwrap_or_else(|| inputs.graph.doubles("zeros", &[1, k as i64], vec![0.0; k])))
}
