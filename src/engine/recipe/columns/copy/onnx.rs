//! Copying a column as ONNX: the same tensor under a new name, right after the column.

use super::DuplicateColumn;
use crate::engine::recipe::onnx::{self, OnnxColumn, OnnxFrame};

impl DuplicateColumn {
    pub(super) fn to_onnx(&self, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let column = before.col(&self.column)?;
        let mut columns = before.unchanged();
        let copy = OnnxColumn { name: self.to.clone(), ..column.clone() };
        onnx::insert_after(&mut columns, &self.column, vec![copy])?;
        Ok(columns)
    }
}
