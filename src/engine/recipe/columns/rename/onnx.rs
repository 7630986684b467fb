//! Renaming a column as ONNX: the same tensor under the new name, in the same place.

use super::RenameColumn;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

impl RenameColumn {
    pub(super) fn to_onnx(&self, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let at = before.position(&self.column)?;
        let mut columns = before.unchanged();
        if self.to != self.column {
            ops::ensure_new(&columns, [self.to.as_str()].into_iter())?;
        }
        columns[at].name = self.to.clone();
        Ok(columns)
    }
}
