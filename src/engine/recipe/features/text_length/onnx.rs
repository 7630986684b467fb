//! Word counts as ONNX: runs of anything but Unicode white space, as Rust's
//! `split_whitespace` (see [`onnx::text`]), a whole-number column after the text; missing for a
//! missing value. Counting characters refuses: ONNX has no operator that counts them.
//!
//! [`onnx::text`]: crate::engine::recipe::onnx::text

use super::{TextLength, TextMeasure};
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{self, ops, text, OnnxColumn, OnnxFrame};

impl TextLength {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        if self.measures.contains(&TextMeasure::Characters) {
            return Err("ONNX has no operator that counts characters (word counts alone translate)".into());
        }
        let mut columns = before.unchanged();
        for name in &self.columns {
            let column = ops::text(before, name)?;
            let words = text::word_count(graph, &column.value);
            let missing = ops::is_missing(graph, column);
            let nan = graph.doubles("nan", &[], vec![f64::NAN]);
            let value = graph.node("Where", &[&missing, &nan, &words], Vec::new());
            let added = self
                .measures
                .iter()
                .map(|m| OnnxColumn::new(format!("{name}_{}", m.suffix()), ColumnType::Integer, value.clone()))
                .collect();
            onnx::insert_after(&mut columns, name, added)?;
        }
        Ok(columns)
    }
}
