//! Binning as ONNX: the bin number is how many learned cut points are at or below the value
//! (`GreaterOrEqual` against the cuts, summed across them); a missing value stays missing.

use super::BinsFitted;
use crate::engine::base::onnx::proto::data_type;
use crate::engine::base::onnx::{int, GraphBuilder};
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

impl BinsFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let names: Vec<String> = self.cuts.iter().map(|(n, _)| n.clone()).collect();
        ops::map_columns(graph, before, &names, |graph, column| {
            let (_, cuts) = self
                .cuts
                .iter()
                .find(|(n, _)| *n == column.name)
                .ok_or_else(|| format!("no fitted values for '{}'", column.name))?;
            if column.is_text() {
                return Err(format!("'{}' is {} column, not numbers", column.name, column.column_type.with_article()));
            }
            let count = if cuts.is_empty() {
                graph.doubles("zero", &[], vec![0.0])
            } else {
                let edges = graph.doubles("cuts", &[1, cuts.len() as i64], cuts.clone());
                let reached = graph.node("GreaterOrEqual", &[&column.value, &edges], Vec::new());
                let ones = graph.node("Cast", &[&reached], vec![int("to", data_type::DOUBLE as i64)]);
                let axes = graph.int64s("axis_1", &[1], vec![1]);
                graph.node("ReduceSum", &[&ones, &axes], vec![int("keepdims", 1)])
            };
            let nan = graph.doubles("nan", &[], vec![f64::NAN]);
            let missing = graph.node("IsNaN", &[&column.value], Vec::new());
            let bin = graph.node("Where", &[&missing, &nan, &count], Vec::new());
            Ok(OnnxColumn::new(column.name.clone(), ColumnType::Integer, bin))
        })
    }
}
