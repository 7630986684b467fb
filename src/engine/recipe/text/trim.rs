//! Trimming white space.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use super::map_columns;
use crate::engine::base::table::Table;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, LABELS};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};

/// Removes white space at both ends of each value, and optionally squeezes inner runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrimWhitespace {
    pub columns: Vec<String>,
    /// Also turn each run of white space inside a value into one space.
    pub collapse: bool,
}

impl StepKind for TrimWhitespace {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::TextAndCategories,
            "Trim white space",
            "Removes spaces at the start and end of each value, so \" Paris\" and \"Paris\" become one.",
            vec![
                Param::new("columns", "Columns", "The text or category columns to trim.", ParamKind::columns(LABELS)),
                Param::new(
                    "collapse",
                    "Squeeze inner spaces",
                    "Also turn runs of spaces inside a value into one.",
                    ParamKind::Bool { default: false },
                ),
            ],
        )
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for TrimWhitespace {
    fn apply(&self, table: Table) -> Result<Table> {
        map_columns(table, &self.columns, |label| {
            if self.collapse {
                label.split_whitespace().collect::<Vec<_>>().join(" ")
            } else {
                label.trim().to_string()
            }
        })
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
