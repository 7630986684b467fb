//! Renaming a column.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use crate::engine::base::table::Table;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, ANY};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::ensure_new_names;

/// Gives `column` the name `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenameColumn {
    pub column: String,
    pub to: String,
}

impl StepKind for RenameColumn {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Columns,
            "Rename column",
            "Gives the column a new name; its values do not change.",
            vec![
                Param::new("column", "Column", "The column to rename.", ParamKind::column(ANY)),
                Param::new("to", "New name", "The column's new name.", ParamKind::text("")),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(format!("to '{}'", self.to))
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for RenameColumn {
    fn apply(&self, mut table: Table) -> Result<Table> {
        let position = table.require_position(&self.column)?;
        if self.to != self.column {
            ensure_new_names(&table, std::slice::from_ref(&self.to))?;
        }
        table.columns[position].name = self.to.clone();
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
        _: &mut crate::engine::base::onnx::GraphBuilder,
        before: &crate::engine::recipe::onnx::OnnxFrame,
    ) -> std::result::Result<Vec<crate::engine::recipe::onnx::OnnxColumn>, String> {
        self.to_onnx(before)
    }
}
