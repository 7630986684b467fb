//! Merging categories as ONNX: a `LabelEncoder` from each merged value to the value it becomes
//! (the last merge naming a value wins, as in Sift); other values and missing ones unchanged.

use super::{Merge, MergeCategories};
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

/// `merges` applied to text column `column` (shared with spelling clusters).
pub(in crate::engine::recipe::text) fn merges_onnx(
    graph: &mut GraphBuilder,
    before: &OnnxFrame,
    column: &str,
    merges: &[Merge],
) -> Result<Vec<OnnxColumn>, String> {
    ops::text(before, column)?;
    let pairs: Vec<(String, String)> =
        merges.iter().flat_map(|m| m.from.iter().map(|from| (from.clone(), m.to.clone()))).collect();
    ops::map_columns(graph, before, &[column.to_string()], |graph, column| {
        let value = ops::relabel(graph, column, &pairs)?;
        Ok(OnnxColumn::new(column.name.clone(), column.column_type, value))
    })
}

impl MergeCategories {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        merges_onnx(graph, before, &self.column, &self.merges)
    }
}
