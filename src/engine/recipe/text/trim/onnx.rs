//! Trimming as ONNX, when inner runs are squeezed too: each value's words (Rust's
//! `split_whitespace`) joined by one space (see [`onnx::text`]). Trimming the ends alone
//! refuses: ONNX has no operator that removes characters at the ends of a value only.
//!
//! [`onnx::text`]: crate::engine::recipe::onnx::text

use super::TrimWhitespace;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::recipe::onnx::{ops, text, OnnxColumn, OnnxFrame};

impl TrimWhitespace {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        if !self.collapse {
            return Err("ONNX has no operator that trims the ends of a value alone (with 'Squeeze inner spaces' on, the step translates exactly)".into());
        }
        ops::map_columns(graph, before, &self.columns, |graph, column| {
            ops::text(before, &column.name)?;
            let value = text::squeeze_white_space(graph, &column.value);
            Ok(OnnxColumn { value, ..column.clone() })
        })
    }
}
