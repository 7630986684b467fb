//! Spelling clusters as ONNX: the fitted merges, written as a merge step writes them.

use super::ClusterSpellings;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::recipe::onnx::{OnnxColumn, OnnxFrame};
use crate::engine::recipe::text::merge::merges_onnx;

impl ClusterSpellings {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        merges_onnx(graph, before, &self.column, &self.merges)
    }
}
