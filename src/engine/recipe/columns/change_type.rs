//! Changing the type of columns.

mod onnx;
mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use super::convert::convert;
use crate::engine::base::table::{ColumnType, Table};
use crate::engine::recipe::schema::{Choice, Family, Param, ParamKind, StepInfo, ANY};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::update_column;

/// Converts `columns` to type `to`; values that cannot be read as it become missing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeType {
    pub columns: Vec<String>,
    pub to: ColumnType,
}

impl StepKind for ChangeType {
    type Fitted = Self;

    fn info() -> StepInfo {
        let options: Vec<Choice> =
            ColumnType::ALL.iter().map(|t| Choice { value: json_name(*t), label: t.name().to_string() }).collect();
        StepInfo::new(
            Family::Columns,
            "Change type",
            "Converts the columns to another type; values that cannot be read as it become missing.",
            vec![
                Param::new("columns", "Columns", "The columns to convert.", ParamKind::columns(ANY)),
                Param::new(
                    "to",
                    "New type",
                    "The type to convert to.",
                    ParamKind::Choice { options, default: json_name(ColumnType::Number) },
                ),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(format!("to {}", self.to.name()))
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<Self> {
        // Refuse a conversion that makes no sense now rather than at prediction time.
        for name in &self.columns {
            if let Some(column) = table.column(name) {
                convert(&column.data.take(&[]), self.to).map_err(|e| e.context(format_args!("'{name}'")))?;
            }
        }
        Ok(self.clone())
    }
}

impl FittedKind for ChangeType {
    fn apply(&self, mut table: Table) -> Result<Table> {
        for name in &self.columns {
            update_column(&mut table, name, |data| convert(&data, self.to))?;
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

/// The JSON spelling of a column type.
fn json_name(t: ColumnType) -> String {
    serde_json::to_value(t).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}
