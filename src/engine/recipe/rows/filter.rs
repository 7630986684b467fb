//! Filtering rows by a condition on one column: a numeric comparison, a category in a set,
//! or text that contains a piece. A missing value never matches.

mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use crate::engine::base::table::Table;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, DISCRETE, LABELS, MEASURES};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{keep_rows, numeric_column, Labels};

/// Whether matching rows stay or go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilterAction {
    Keep,
    Remove,
}

/// A numeric comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// Keeps (or removes) rows where `column` compares to `value` as `op` says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilterNumber {
    pub column: String,
    pub op: Comparison,
    pub value: f64,
    pub action: FilterAction,
}

/// Keeps (or removes) rows whose `column` is one of `values`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilterCategory {
    pub column: String,
    pub values: Vec<String>,
    pub action: FilterAction,
}

/// Keeps (or removes) rows whose `column` contains `text`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilterText {
    pub column: String,
    pub text: String,
    pub case_sensitive: bool,
    pub action: FilterAction,
}

const COMPARISONS: [(&str, &str); 6] = [("lt", "<"), ("le", "≤"), ("gt", ">"), ("ge", "≥"), ("eq", "="), ("ne", "≠")];

fn action_param() -> Param {
    Param::new(
        "action",
        "Matching rows",
        "Keep the rows that match, or remove them.",
        ParamKind::choice(&[("keep", "keep them"), ("remove", "remove them")], "keep"),
    )
}

fn action_word(action: FilterAction) -> &'static str {
    match action {
        FilterAction::Keep => "keep",
        FilterAction::Remove => "remove",
    }
}

/// The rows to keep, given which rows match.
fn filtered(table: Table, matches: &[bool], action: FilterAction) -> Table {
    let keep: Vec<bool> = matches.iter().map(|m| *m == (action == FilterAction::Keep)).collect();
    keep_rows(table, &keep)
}

/// Which rows of `column` hold a label for which `test` is true (tested once per label).
fn label_matches(table: &Table, column: &str, test: impl FnMut(&String) -> bool) -> Result<Vec<bool>> {
    let labels = Labels::of(&table.require(column)?.data);
    Ok(labels.spread(&labels.per_level(test), false))
}

impl Comparison {
    fn holds(self, x: f64, value: f64) -> bool {
        match self {
            Comparison::Lt => x < value,
            Comparison::Le => x <= value,
            Comparison::Gt => x > value,
            Comparison::Ge => x >= value,
            Comparison::Eq => x == value,
            Comparison::Ne => x != value,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Comparison::Lt => "<",
            Comparison::Le => "≤",
            Comparison::Gt => ">",
            Comparison::Ge => "≥",
            Comparison::Eq => "=",
            Comparison::Ne => "≠",
        }
    }
}

impl StepKind for FilterNumber {
    type Fitted = Self;
    const REMOVES_ROWS: bool = true;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Rows,
            "Filter rows by a number",
            "Keeps or removes the rows where a number compares to a value; missing values never match.",
            vec![
                Param::new("column", "Column", "The numeric column to compare.", ParamKind::column(MEASURES)),
                Param::new(
                    "op",
                    "Comparison",
                    "How the column compares to the value.",
                    ParamKind::choice(&COMPARISONS, "gt"),
                ),
                Param::new("value", "Value", "The number to compare with.", ParamKind::number(0.0, None, None)),
                action_param(),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(format!("{} {} {}", action_word(self.action), self.op.symbol(), self.value))
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }
}

impl FittedKind for FilterNumber {
    fn apply(&self, table: Table) -> Result<Table> {
        let values = numeric_column(&table, &self.column)?;
        let matches: Vec<bool> = values.into_iter().map(|x| !x.is_nan() && self.op.holds(x, self.value)).collect();
        Ok(filtered(table, &matches, self.action))
    }

    fn sql(
        &self,
        before: &crate::engine::recipe::sql::SqlFrame,
    ) -> std::result::Result<crate::engine::recipe::sql::SqlStep, String> {
        self.to_sql(before)
    }
}

impl StepKind for FilterCategory {
    type Fitted = Self;
    const REMOVES_ROWS: bool = true;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Rows,
            "Filter rows by category",
            "Keeps or removes the rows whose value is one of the chosen ones; missing values never match.",
            vec![
                Param::new("column", "Column", "The column to look at.", ParamKind::column(DISCRETE)),
                Param::new("values", "Values", "The values that match.", ParamKind::TextList),
                action_param(),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(format!("{} {}", action_word(self.action), self.values.join(", ")))
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }
}

impl FittedKind for FilterCategory {
    fn apply(&self, table: Table) -> Result<Table> {
        let matches = label_matches(&table, &self.column, |l| self.values.contains(l))?;
        Ok(filtered(table, &matches, self.action))
    }

    fn sql(
        &self,
        before: &crate::engine::recipe::sql::SqlFrame,
    ) -> std::result::Result<crate::engine::recipe::sql::SqlStep, String> {
        self.to_sql(before)
    }
}

impl StepKind for FilterText {
    type Fitted = Self;
    const REMOVES_ROWS: bool = true;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Rows,
            "Filter rows by text",
            "Keeps or removes the rows whose text contains a piece of text; missing values never match.",
            vec![
                Param::new("column", "Column", "The text column to search.", ParamKind::column(LABELS)),
                Param::new("text", "Contains", "The piece of text to look for.", ParamKind::text("")),
                Param::new(
                    "case_sensitive",
                    "Match case",
                    "Whether upper and lower case must match.",
                    ParamKind::Bool { default: false },
                ),
                action_param(),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(format!("{} containing '{}'", action_word(self.action), self.text))
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        if self.text.is_empty() {
            return Err("give the text to look for".into());
        }
        Ok(self.clone())
    }
}

impl FittedKind for FilterText {
    fn apply(&self, table: Table) -> Result<Table> {
        let needle = self.text.to_lowercase();
        let matches = label_matches(&table, &self.column, |l| {
            if self.case_sensitive {
                l.contains(&self.text)
            } else {
                l.to_lowercase().contains(&needle)
            }
        })?;
        Ok(filtered(table, &matches, self.action))
    }

    fn sql(
        &self,
        before: &crate::engine::recipe::sql::SqlFrame,
    ) -> std::result::Result<crate::engine::recipe::sql::SqlStep, String> {
        self.to_sql(before)
    }
}
