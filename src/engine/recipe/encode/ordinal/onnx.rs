//! Ordinal encoding as ONNX: each category's rank by a `LabelEncoder`; missing and unseen
//! labels are missing, as in Sift.

use super::OrdinalFitted;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

impl OrdinalFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let names: Vec<String> = self.encodings.iter().map(|e| e.column.clone()).collect();
        ops::map_columns(graph, before, &names, |graph, column| {
            let encoding = self
                .encodings
                .iter()
                .find(|e| e.column == column.name)
                .ok_or_else(|| format!("no fitted values for '{}'", column.name))?;
            let ranks: Vec<(String, f64)> =
                encoding.categories.iter().enumerate().map(|(i, c)| (c.clone(), i as f64)).collect();
            let value = ops::label_to_number(graph, column, &ranks, f64::NAN, f64::NAN)?;
            Ok(OnnxColumn::new(column.name.clone(), ColumnType::Integer, value))
        })
    }
}
