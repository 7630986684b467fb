//! The log1p transform as ONNX: `ln(1 + x)` as precise as Rust's `ln_1p` (see
//! [`ops::ln_1p`]), NaN at or below −1 and for missing values, as in Sift.

use super::Log1p;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

impl Log1p {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        before.map_numbers(graph, &self.columns, |graph, column| {
            let minus_one = graph.doubles("minus_one", &[], vec![-1.0]);
            let inside = graph.node("Greater", &[&column.value, &minus_one], Vec::new());
            let log = ops::ln_1p(graph, &column.value);
            let nan = graph.doubles("nan", &[], vec![f64::NAN]);
            Ok(graph.node("Where", &[&inside, &log, &nan], Vec::new()))
        })
    }
}
