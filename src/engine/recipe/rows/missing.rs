//! Dropping rows with missing values.

mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use crate::engine::base::table::Table;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, ANY};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{keep_rows, require_all};

/// Which rows count as incomplete.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingRule {
    /// A row missing any of the columns.
    Any,
    /// A row missing all of them.
    All,
}

/// Removes rows with missing values in `columns` (all columns when empty).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DropMissing {
    pub columns: Vec<String>,
    pub how: MissingRule,
}

impl StepKind for DropMissing {
    type Fitted = Self;
    const REMOVES_ROWS: bool = true;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Rows,
            "Drop rows with missing values",
            "Removes the rows that have missing values in the chosen columns.",
            vec![
                Param::new(
                    "columns",
                    "Columns",
                    "The columns to look at; none chosen looks at every column.",
                    ParamKind::columns_or_all(ANY),
                ),
                Param::new(
                    "how",
                    "Drop a row when",
                    "Whether one missing value is enough, or all must be missing.",
                    ParamKind::choice(&[("any", "any of them is missing"), ("all", "all of them are missing")], "any"),
                ),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(match self.how {
            MissingRule::Any => "any".into(),
            MissingRule::All => "all".into(),
        })
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }
}

impl FittedKind for DropMissing {
    fn apply(&self, table: Table) -> Result<Table> {
        require_all(&table, &self.columns)?;
        let columns: Vec<_> =
            table.columns.iter().filter(|c| self.columns.is_empty() || self.columns.contains(&c.name)).collect();
        let keep: Vec<bool> = (0..table.row_count())
            .map(|i| {
                let mut missing = columns.iter().map(|c| c.data.is_missing(i));
                match self.how {
                    MissingRule::Any => !missing.any(|m| m),
                    MissingRule::All => columns.is_empty() || !missing.all(|m| m),
                }
            })
            .collect();
        Ok(keep_rows(table, &keep))
    }

    fn sql(
        &self,
        before: &crate::engine::recipe::sql::SqlFrame,
    ) -> std::result::Result<crate::engine::recipe::sql::SqlStep, String> {
        self.to_sql(before)
    }
}
