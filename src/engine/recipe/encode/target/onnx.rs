//! Target encoding as ONNX: each learned category's smoothed target mean by a
//! `LabelEncoder`, the training mean for unseen and missing labels; one output per class where
//! Sift writes several. This is the fitted encoding new rows get (what `sift predict` uses);
//! the training rows in `sift clean`'s CSV get out-of-fold values instead (docs/onnx.md).

use super::TargetEncodeFitted;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

impl TargetEncodeFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let mut columns = before.unchanged();
        for encoding in &self.encodings {
            let column = before.col(&encoding.column)?;
            let at = columns
                .iter()
                .position(|c| c.name == column.name)
                .ok_or_else(|| format!("there is no column named '{}'", column.name))?;
            let number = |values: &[f64], j: usize| values.get(j).copied().unwrap_or(f64::NAN);
            let outputs = encoding
                .outputs
                .iter()
                .enumerate()
                .map(|(j, output)| {
                    let means: Vec<(String, f64)> =
                        encoding.values.iter().map(|(c, v)| (c.clone(), number(v, j))).collect();
                    let prior = number(&encoding.prior, j);
                    let value = ops::label_to_number(graph, column, &means, prior, prior)?;
                    Ok(OnnxColumn::new(output.clone(), ColumnType::Number, value))
                })
                .collect::<Result<Vec<_>, String>>()?;
            columns.remove(at);
            ops::ensure_new(&columns, outputs.iter().map(|c| c.name.as_str()))?;
            columns.splice(at..at, outputs);
        }
        Ok(columns)
    }
}
