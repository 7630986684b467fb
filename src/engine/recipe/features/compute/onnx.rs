//! Arithmetic between two columns as ONNX: the same double operation, a new column at the
//! end; a result that is not a finite number (÷ 0, an infinite input) is missing, as in Sift.
//! Where Sift stops with an overflow error (finite inputs, infinite result) the graph, which
//! cannot stop, gives a missing value, which a model graph turns into a refused row.

use super::{Compute, Operation};
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

impl Compute {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let (a, b) = (&ops::number(before, &self.left)?.value, &ops::number(before, &self.right)?.value);
        let op = match self.op {
            Operation::Add => "Add",
            Operation::Subtract => "Sub",
            Operation::Multiply => "Mul",
            Operation::Divide => "Div",
        };
        let result = graph.node(op, &[a, b], Vec::new());
        let infinite = graph.node("IsInf", &[&result], Vec::new());
        let nan = graph.doubles("nan", &[], vec![f64::NAN]);
        let value = graph.node("Where", &[&infinite, &nan, &result], Vec::new());
        let mut columns = before.unchanged();
        ops::ensure_new(&columns, [self.to.as_str()].into_iter())?;
        columns.push(OnnxColumn::new(self.to.clone(), ColumnType::Number, value));
        Ok(columns)
    }
}
