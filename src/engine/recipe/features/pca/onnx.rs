//! PCA as ONNX: each component's score is the sum of (value − training mean) × loading over
//! the inputs, added in Sift's order from 0 (so the same roundings); a missing input gives
//! missing scores. The `pca_<i>` columns go where Sift puts them (at the first input's place).

use super::PcaFitted;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

impl PcaFitted {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let inputs = self.columns.iter().map(|c| ops::number(before, c)).collect::<Result<Vec<_>, _>>()?;
        let position = before.position(self.columns.first().map_or("", String::as_str))?;
        let mut columns = before.unchanged();
        if !self.keep_inputs {
            columns.retain(|c| !self.columns.contains(&c.name));
        }
        let mut scores = Vec::with_capacity(self.components.len());
        for (i, loadings) in self.components.iter().enumerate() {
            let mut score = graph.doubles("zero", &[], vec![0.0]);
            for ((x, mean), w) in inputs.iter().zip(&self.means).zip(loadings) {
                let mean = graph.doubles("mean", &[], vec![*mean]);
                let w = graph.doubles("loading", &[], vec![*w]);
                let centred = graph.node("Sub", &[&x.value, &mean], Vec::new());
                let term = graph.node("Mul", &[&centred, &w], Vec::new());
                score = graph.node("Add", &[&score, &term], Vec::new());
            }
            scores.push(OnnxColumn::new(format!("pca_{}", i + 1), ColumnType::Number, score));
        }
        ops::ensure_new(&columns, scores.iter().map(|c| c.name.as_str()))?;
        let at = position.min(columns.len());
        columns.splice(at..at, scores);
        Ok(columns)
    }
}
