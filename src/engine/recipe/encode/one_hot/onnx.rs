//! One-hot encoding as ONNX: one 0/1 column per learned category, 1 where the label equals it
//! (missing and unseen labels give all zeros, as in Sift).

use super::OneHotFitted;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{label_equals, replace_with, zero_one, OnnxColumn, OnnxFrame};

impl OneHotFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let mut columns = before.unchanged();
        for encoding in &self.encodings {
            let column = before.col(&encoding.column)?;
            let flags = encoding
                .categories
                .iter()
                .map(|c| {
                    let equal = label_equals(graph, column, c)?;
                    let flag = zero_one(graph, &equal);
                    Ok(OnnxColumn::new(format!("{}_{c}", encoding.column), ColumnType::Integer, flag))
                })
                .collect::<Result<Vec<_>, String>>()?;
            replace_with(&mut columns, &encoding.column, flags)?;
        }
        Ok(columns)
    }
}
