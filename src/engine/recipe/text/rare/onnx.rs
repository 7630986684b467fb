//! Grouping rare values as ONNX: a value outside the kept list becomes the "other" label
//! (`Where` over a `LabelEncoder` membership test); a missing value stays missing.

use super::GroupRareFitted;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

impl GroupRareFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let names: Vec<String> = self.kept.iter().map(|k| k.column.clone()).collect();
        ops::map_columns(graph, before, &names, |graph, column| {
            ops::text(before, &column.name)?;
            let kept = &self
                .kept
                .iter()
                .find(|k| k.column == column.name)
                .ok_or_else(|| format!("no fitted values for '{}'", column.name))?
                .values;
            let among = ops::label_among(graph, column, kept)?;
            let missing = ops::is_missing(graph, column);
            let stays = graph.node("Or", &[&among, &missing], Vec::new());
            let other = graph.strings("other", &[], std::slice::from_ref(&self.other));
            let value = graph.node("Where", &[&stays, &column.value, &other], Vec::new());
            Ok(OnnxColumn::new(column.name.clone(), column.column_type, value))
        })
    }
}
