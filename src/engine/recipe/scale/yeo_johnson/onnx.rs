//! Yeo-Johnson as ONNX: Sift's formula with the learned λ, `ln(1 + x)` and `exp(y) − 1` as
//! precise as Rust's (see [`ops`]). Both signs' branches are computed and `Where` picks the
//! one Sift takes; the branch on λ is taken here, once. A missing value stays missing.

use super::YeoJohnsonFitted;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

/// `exp_m1(power · ln_1p(x)) / power`, or `ln_1p(x)` when `power` is (nearly) 0.
fn branch(graph: &mut GraphBuilder, x: &str, power: f64) -> String {
    let log = ops::ln_1p(graph, x);
    if power.abs() < f64::EPSILON {
        return log;
    }
    let p = graph.doubles("power", &[], vec![power]);
    let scaled = graph.node("Mul", &[&p, &log], Vec::new());
    let grown = ops::exp_m1(graph, &scaled);
    graph.node("Div", &[&grown, &p], Vec::new())
}

impl YeoJohnsonFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let names: Vec<String> = self.lambdas.iter().map(|(n, _)| n.clone()).collect();
        before.map_numbers(graph, &names, |graph, column| {
            let lambda = self
                .lambdas
                .iter()
                .find(|(n, _)| *n == column.name)
                .map(|(_, l)| *l)
                .ok_or_else(|| format!("no fitted values for '{}'", column.name))?;
            let x = column.value.as_str();
            let positive = branch(graph, x, lambda);
            let negated = graph.node("Neg", &[x], Vec::new());
            // 2 − λ within ε of 0 takes the ln_1p branch, as Sift's `(λ − 2).abs() > ε` test.
            let power = if (lambda - 2.0).abs() > f64::EPSILON { 2.0 - lambda } else { 0.0 };
            let reflected = branch(graph, &negated, power);
            let negative = graph.node("Neg", &[&reflected], Vec::new());
            let zero = graph.doubles("zero", &[], vec![0.0]);
            let non_negative = graph.node("GreaterOrEqual", &[x, &zero], Vec::new());
            let y = graph.node("Where", &[&non_negative, &positive, &negative], Vec::new());
            Ok(ops::keep_missing(graph, x, &y))
        })
    }
}
