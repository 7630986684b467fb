//! Frequency encoding as ONNX: each learned category's share by a `LabelEncoder`; unseen
//! labels get 0 and missing ones NaN, as in Sift.

use super::FrequencyFitted;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

impl FrequencyFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let names: Vec<String> = self.encodings.iter().map(|e| e.column.clone()).collect();
        ops::map_columns(graph, before, &names, |graph, column| {
            let encoding = self
                .encodings
                .iter()
                .find(|e| e.column == column.name)
                .ok_or_else(|| format!("no fitted values for '{}'", column.name))?;
            let value = ops::label_to_number(graph, column, &encoding.values, 0.0, f64::NAN)?;
            Ok(OnnxColumn::new(column.name.clone(), ColumnType::Number, value))
        })
    }
}
