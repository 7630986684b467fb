//! A column computed from two others.

mod onnx;
mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use crate::engine::base::table::{Column, ColumnData, Table};
use crate::engine::recipe::finite::overflow;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, NUMERIC};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{ensure_new_names, numeric_column};

/// The arithmetic operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Operation {
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// Adds the column `to` = `left` op `right`, at the end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compute {
    pub left: String,
    pub op: Operation,
    pub right: String,
    pub to: String,
}

impl Operation {
    fn symbol(self) -> &'static str {
        match self {
            Operation::Add => "+",
            Operation::Subtract => "−",
            Operation::Multiply => "×",
            Operation::Divide => "÷",
        }
    }

    /// `a op b`; a missing value when it is not a number (÷ 0, or an infinite input).
    /// `None` when finite inputs overflow.
    fn apply(self, a: f64, b: f64) -> Option<f64> {
        let result = match self {
            Operation::Add => a + b,
            Operation::Subtract => a - b,
            Operation::Multiply => a * b,
            Operation::Divide if b == 0.0 => f64::NAN,
            Operation::Divide => a / b,
        };
        if result.is_finite() {
            Some(result)
        } else if result.is_infinite() && a.is_finite() && b.is_finite() {
            None
        } else {
            Some(f64::NAN)
        }
    }
}

impl StepKind for Compute {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Features,
            "Compute a column",
            "Adds a column computed from two others (+ − × ÷); dividing by zero gives a missing value, a result too large for a number an error.",
            vec![
                Param::new("left", "First column", "The left-hand number.", ParamKind::column(NUMERIC)),
                Param::new(
                    "op",
                    "Operation",
                    "What to compute.",
                    ParamKind::choice(&[("add", "+"), ("subtract", "−"), ("multiply", "×"), ("divide", "÷")], "divide"),
                ),
                Param::new("right", "Second column", "The right-hand number.", ParamKind::column(NUMERIC)),
                Param::new("to", "New column", "The new column's name.", ParamKind::text("")),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(format!("{} = {} {} {}", self.to, self.left, self.op.symbol(), self.right))
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }
}

impl FittedKind for Compute {
    fn apply(&self, mut table: Table) -> Result<Table> {
        let (left, right) = (numeric_column(&table, &self.left)?, numeric_column(&table, &self.right)?);
        ensure_new_names(&table, std::slice::from_ref(&self.to))?;
        let values = left
            .iter()
            .zip(&right)
            .enumerate()
            .map(|(row, (a, b))| {
                let what = format!("'{}' = '{}' {} '{}'", self.to, self.left, self.op.symbol(), self.right);
                self.op.apply(*a, *b).ok_or_else(|| overflow(&what, row, &[(&self.left, *a), (&self.right, *b)]))
            })
            .collect::<Result<Vec<f64>>>()?;
        table.columns.push(Column::new(self.to.clone(), ColumnData::Number(values.into())));
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
