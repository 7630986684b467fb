//! A column computed from two others.

use serde::{Deserialize, Serialize};

use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, NUMERIC};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{ensure_new_names, numeric_column};
use crate::engine::table::{Column, ColumnData, Table};

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

    fn apply(self, a: f64, b: f64) -> f64 {
        let result = match self {
            Operation::Add => a + b,
            Operation::Subtract => a - b,
            Operation::Multiply => a * b,
            Operation::Divide if b == 0.0 => f64::NAN,
            Operation::Divide => a / b,
        };
        if result.is_finite() {
            result
        } else {
            f64::NAN
        }
    }
}

impl StepKind for Compute {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Features,
            "Compute a column",
            "Adds a column computed from two others (+ − × ÷); dividing by zero gives a missing value.",
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

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self, String> {
        Ok(self.clone())
    }
}

impl FittedKind for Compute {
    fn apply(&self, mut table: Table) -> Result<Table, String> {
        let (left, right) = (numeric_column(&table, &self.left)?, numeric_column(&table, &self.right)?);
        ensure_new_names(&table, std::slice::from_ref(&self.to))?;
        let values = left.iter().zip(&right).map(|(a, b)| self.op.apply(*a, *b)).collect();
        table.columns.push(Column::new(self.to.clone(), ColumnData::Number(values)));
        Ok(table)
    }
}
