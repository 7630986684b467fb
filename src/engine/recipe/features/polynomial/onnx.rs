//! Polynomial features as ONNX: each term the product of its columns in Sift's order (so the
//! same roundings), a new column at the end; a missing input gives a missing term.

use super::Polynomial;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

impl Polynomial {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let inputs = self.columns.iter().map(|c| ops::number(before, c)).collect::<Result<Vec<_>, _>>()?;
        let mut columns = before.unchanged();
        for term in self.terms() {
            let name = self.name(&term);
            let mut factors = term.iter().map(|i| inputs[*i].value.as_str());
            let first = factors.next().ok_or("a term without columns")?.to_string();
            let value = factors.fold(first, |product, x| graph.node("Mul", &[&product, x], Vec::new()));
            ops::ensure_new(&columns, [name.as_str()].into_iter())?;
            columns.push(OnnxColumn::new(name, ColumnType::Number, value));
        }
        Ok(columns)
    }
}
