//! Duplicating a column, to transform one copy and keep the other.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use crate::engine::base::table::{Column, Table};
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, ANY};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{ensure_new_names, insert_columns};

/// Adds a copy of `column` called `to`, right after it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DuplicateColumn {
    pub column: String,
    pub to: String,
}

impl StepKind for DuplicateColumn {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Columns,
            "Duplicate column",
            "Adds a copy of the column under a new name, so later steps can change one and keep the other.",
            vec![
                Param::new("column", "Column", "The column to copy.", ParamKind::column(ANY)),
                Param::new("to", "Name of the copy", "The new column's name.", ParamKind::text("")),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(format!("as '{}'", self.to))
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for DuplicateColumn {
    fn apply(&self, mut table: Table) -> Result<Table> {
        let position = table.require_position(&self.column)?;
        ensure_new_names(&table, std::slice::from_ref(&self.to))?;
        let copy = Column::new(self.to.clone(), table.columns[position].data.clone());
        insert_columns(&mut table, position + 1, vec![copy]);
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
