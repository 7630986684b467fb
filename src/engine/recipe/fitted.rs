//! A fitted recipe and its two ways of applying: to data (every step) and for prediction
//! (one output row per input row).

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use super::FittedStep;
use crate::engine::base::table::Table;

/// A recipe whose enabled steps have learned their parameters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FittedRecipe {
    pub steps: Vec<FittedStep>,
}

/// Which steps applying runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplyMode {
    /// Every step, row-removing ones (duplicates, missing, filters, samples, outliers)
    /// included: for training and test rows and the cleaned CSV.
    Data,
    /// Every step except those that remove rows, so that each input row gives exactly one
    /// output row, in order: what a prediction needs.
    Prediction,
}

impl FittedRecipe {
    /// Applies every fitted step in order ([`ApplyMode::Data`]) to a copy of `table`.
    pub fn apply(&self, table: &Table) -> Result<Table> {
        self.apply_to(table.clone(), ApplyMode::Data)
    }

    /// Applies every fitted step but those that remove rows ([`ApplyMode::Prediction`]) to a
    /// copy of `table`: one output row per input row.
    pub fn apply_for_prediction(&self, table: &Table) -> Result<Table> {
        self.apply_to(table.clone(), ApplyMode::Prediction)
    }

    /// Applies the steps `mode` runs to `table`, which the caller gives up (no copy is made).
    pub fn apply_to(&self, table: Table, mode: ApplyMode) -> Result<Table> {
        let mut current = table;
        for step in self.steps.iter().filter(|s| mode == ApplyMode::Data || !s.removes_rows()) {
            current = step.apply(current).map_err(|e| e.context(step.info().title))?;
        }
        Ok(current)
    }
}
