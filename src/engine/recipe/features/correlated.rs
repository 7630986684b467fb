//! Dropping one column of each highly correlated pair, judged on the training rows.

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use crate::engine::base::stats::pearson;
use crate::engine::base::table::Table;
use crate::engine::recipe::columns::DropColumns;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, NUMERIC};
use crate::engine::recipe::step::{FitContext, StepKind};
use crate::engine::recipe::values::numbers;

/// Keeps the first column of each pair whose absolute Pearson correlation exceeds
/// `threshold` and drops the other.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DropCorrelated {
    /// The columns to compare; none chosen compares every numeric column.
    pub columns: Vec<String>,
    pub threshold: f64,
}

impl StepKind for DropCorrelated {
    type Fitted = DropColumns;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Features,
            "Drop correlated columns",
            "Drops the later column of each pair that moves almost in lockstep in the training rows.",
            vec![
                Param::new(
                    "columns",
                    "Columns",
                    "The numeric columns to compare; none chosen compares all.",
                    ParamKind::columns_or_all(NUMERIC),
                ),
                Param::new(
                    "threshold",
                    "Correlation above",
                    "Pairs with a larger absolute correlation lose their later column.",
                    ParamKind::number(0.95, Some(0.0), Some(1.0)),
                ),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(format!("|r| > {}", self.threshold))
    }

    /// The target, when the training rows hold it, is never compared nor dropped.
    fn fit(&self, table: &Table, context: &FitContext) -> Result<DropColumns> {
        let candidates: Vec<(&str, Vec<f64>)> = table
            .columns
            .iter()
            .filter(|c| self.columns.is_empty() || self.columns.contains(&c.name))
            .filter(|c| context.target.as_ref() != Some(&c.name))
            .filter_map(|c| numbers(&c.data).map(|v| (c.name.as_str(), v)))
            .collect();
        let mut kept: Vec<&(&str, Vec<f64>)> = Vec::new();
        let mut dropped = Vec::new();
        for candidate in &candidates {
            let correlated = kept.iter().any(|k| pearson(&k.1, &candidate.1).is_some_and(|r| r.abs() > self.threshold));
            if correlated {
                dropped.push(candidate.0.to_string());
            } else {
                kept.push(candidate);
            }
        }
        Ok(DropColumns { columns: dropped })
    }
}
