//! Dropping and keeping columns as ONNX: the frame without (or with only) them; no node.

use super::{DropColumns, KeptColumns};
use crate::engine::recipe::onnx::{OnnxColumn, OnnxFrame};

impl DropColumns {
    pub(super) fn to_onnx(&self, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        self.columns.iter().try_for_each(|n| before.position(n).map(|_| ()))?;
        Ok(before.unchanged().into_iter().filter(|c| !self.columns.contains(&c.name)).collect())
    }
}

impl KeptColumns {
    pub(super) fn to_onnx(&self, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        self.columns.iter().try_for_each(|n| before.position(n).map(|_| ()))?;
        let kept = |name: &String| self.columns.contains(name) || self.target.as_ref() == Some(name);
        Ok(before.unchanged().into_iter().filter(|c| kept(&c.name)).collect())
    }
}
