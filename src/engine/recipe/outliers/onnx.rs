//! Clipping as ONNX: `Where(x < low, low, Where(x > high, high, x))` with the learned fences as
//! doubles; a missing value (NaN) fails both comparisons and stays missing, as in Sift.

use super::ClipFitted;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::recipe::onnx::{OnnxColumn, OnnxFrame};

impl ClipFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let names: Vec<String> = self.fences.iter().map(|f| f.column.clone()).collect();
        before.map_numbers(graph, &names, |graph, column| {
            let fence = self
                .fences
                .iter()
                .find(|f| f.column == column.name)
                .ok_or_else(|| format!("no fitted values for '{}'", column.name))?;
            let low = graph.doubles("low", &[], vec![fence.low]);
            let high = graph.doubles("high", &[], vec![fence.high]);
            let below = graph.node("Less", &[&column.value, &low], Vec::new());
            let above = graph.node("Greater", &[&column.value, &high], Vec::new());
            let capped = graph.node("Where", &[&above, &high, &column.value], Vec::new());
            Ok(graph.node("Where", &[&below, &low, &capped], Vec::new()))
        })
    }
}
