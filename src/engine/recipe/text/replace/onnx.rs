//! Find and replace as ONNX, for literal text matched with case: each value split at the text
//! and joined again with the replacement (see [`onnx::text`]), as Rust's replace finds it
//! (leftmost, non-overlapping). Regular expressions refuse (ONNX has `RegexFullMatch` but no
//! regex replace), and so does matching without case (Unicode case folding).
//!
//! [`onnx::text`]: crate::engine::recipe::onnx::text

use super::FindReplace;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::recipe::onnx::{ops, text, OnnxColumn, OnnxFrame};

impl FindReplace {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        if self.regex {
            return Err("regular expressions: ONNX has no regular-expression replace".into());
        }
        if !self.case_sensitive {
            return Err("matching without case follows Unicode's case folding, which no ONNX operator does".into());
        }
        if self.find.is_empty() {
            return Err("give the text to find".into());
        }
        ops::map_columns(graph, before, &self.columns, |graph, column| {
            ops::text(before, &column.name)?;
            let value = text::replace(graph, &column.value, &self.find, &self.replace);
            Ok(OnnxColumn { value, ..column.clone() })
        })
    }
}
