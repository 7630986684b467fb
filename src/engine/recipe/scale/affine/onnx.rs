//! Linear rescaling as ONNX: `(x - shift) / scale + offset` with the learned constants as
//! doubles, the same operations in the same order as Sift, so the result is the same number.

use super::ScaleFitted;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::recipe::onnx::{OnnxColumn, OnnxFrame};

impl ScaleFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let names: Vec<String> = self.scales.iter().map(|s| s.column.clone()).collect();
        before.map_numbers(graph, &names, |graph, column| {
            let s = self
                .scales
                .iter()
                .find(|s| s.column == column.name)
                .ok_or_else(|| format!("no fitted values for '{}'", column.name))?;
            let shift = graph.doubles("shift", &[], vec![s.shift]);
            let scale = graph.doubles("scale", &[], vec![s.scale]);
            let offset = graph.doubles("offset", &[], vec![s.offset]);
            let centred = graph.node("Sub", &[&column.value, &shift], Vec::new());
            let scaled = graph.node("Div", &[&centred, &scale], Vec::new());
            Ok(graph.node("Add", &[&scaled, &offset], Vec::new()))
        })
    }
}
