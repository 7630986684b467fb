//! The log1p transform, for long right tails.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use super::map_numbers;
use crate::engine::base::table::Table;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, MEASURES};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};

/// Replaces each value `x` by `ln(1 + x)`; values at or below −1 become missing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Log1p {
    pub columns: Vec<String>,
}

impl StepKind for Log1p {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::ScalingAndTransforms,
            "Log transform",
            "Replaces each value x by ln(1 + x), pulling in long right tails; values at or below −1 become missing.",
            vec![Param::new("columns", "Columns", "The numeric columns to transform.", ParamKind::columns(MEASURES))],
        )
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for Log1p {
    fn apply(&self, mut table: Table) -> Result<Table> {
        for name in &self.columns {
            map_numbers(&mut table, name, |x| if x > -1.0 { x.ln_1p() } else { f64::NAN })?;
        }
        Ok(table)
    }

    fn sql(
        &self,
        before: &crate::engine::recipe::sql::SqlFrame,
    ) -> std::result::Result<crate::engine::recipe::sql::SqlStep, String> {
        self.to_sql(before)
    }

    fn onnx(
        &self,
        graph: &mut crate::engine::base::onnx::GraphBuilder,
        before: &crate::engine::recipe::onnx::OnnxFrame,
    ) -> std::result::Result<Vec<crate::engine::recipe::onnx::OnnxColumn>, String> {
        self.to_onnx(graph, before)
    }
}
