//! Choosing columns: drop some, or keep only some.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use crate::engine::base::table::Table;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, ANY};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::require_all;

/// Removes the columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DropColumns {
    pub columns: Vec<String>,
}

/// Removes every column but these.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeepColumns {
    pub columns: Vec<String>,
}

/// The columns kept, and the target, kept too wherever it is present (training rows hold it,
/// rows to predict do not).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptColumns {
    pub columns: Vec<String>,
    pub target: Option<String>,
}

impl StepKind for DropColumns {
    type Fitted = Self;

    fn info() -> StepInfo {
        let columns = Param::new("columns", "Columns", "The columns to remove.", ParamKind::columns(ANY));
        StepInfo::new(Family::Columns, "Drop column", "Removes these columns from the data.", vec![columns])
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for DropColumns {
    fn apply(&self, mut table: Table) -> Result<Table> {
        require_all(&table, &self.columns)?;
        table.columns.retain(|c| !self.columns.contains(&c.name));
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
        _graph: &mut crate::engine::base::onnx::GraphBuilder,
        before: &crate::engine::recipe::onnx::OnnxFrame,
    ) -> std::result::Result<Vec<crate::engine::recipe::onnx::OnnxColumn>, String> {
        self.to_onnx(before)
    }
}

impl StepKind for KeepColumns {
    type Fitted = KeptColumns;

    fn info() -> StepInfo {
        let columns = Param::new("columns", "Columns", "The columns to keep; all others go.", ParamKind::columns(ANY));
        StepInfo::new(
            Family::Columns,
            "Keep only columns",
            "Keeps these columns and removes all the others.",
            vec![columns],
        )
    }

    fn fit(&self, _: &Table, context: &FitContext) -> Result<KeptColumns> {
        Ok(KeptColumns { columns: self.columns.clone(), target: context.target.clone() })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for KeptColumns {
    fn apply(&self, mut table: Table) -> Result<Table> {
        require_all(&table, &self.columns)?;
        table.columns.retain(|c| self.columns.contains(&c.name) || self.target.as_ref() == Some(&c.name));
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
        _graph: &mut crate::engine::base::onnx::GraphBuilder,
        before: &crate::engine::recipe::onnx::OnnxFrame,
    ) -> std::result::Result<Vec<crate::engine::recipe::onnx::OnnxColumn>, String> {
        self.to_onnx(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::{Column, ColumnData};

    #[test]
    fn keeping_columns_keeps_the_target_where_it_is() {
        let column = |name: &str| Column::new(name, ColumnData::Number(vec![1.0].into()));
        let train = Table::new("t", vec![column("a"), column("b"), column("y")]).unwrap();
        let context = FitContext { target: Some("y".into()), seed: 0 };
        let fitted = KeepColumns { columns: vec!["a".into()] }.fit(&train, &context).unwrap();
        assert_eq!(fitted.apply(train).unwrap().column_names(), ["a", "y"]);
        let new_rows = Table::new("t", vec![column("b"), column("a")]).unwrap();
        assert_eq!(fitted.apply(new_rows).unwrap().column_names(), ["a"]);
    }
}
