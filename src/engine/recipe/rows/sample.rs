//! A seeded random sample of rows, plain or keeping the shares of a column's values.

mod sql;

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use crate::engine::base::table::Table;
use crate::engine::learn::{stratified_split, train_test_split};
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, DISCRETE};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::Labels;

/// How rows are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SampleMethod {
    Random,
    /// Each value of the `by` column (the target when empty) keeps its share of rows.
    Stratified,
}

/// Keeps a seeded random share of the rows, in their original order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleRows {
    pub fraction: f64,
    pub method: SampleMethod,
    pub by: Option<String>,
    pub seed: u64,
}

/// The sample with its stratifying column settled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FittedSample {
    pub fraction: f64,
    /// The column whose shares are kept; `None`: a plain random sample.
    pub by: Option<String>,
    pub seed: u64,
}

impl StepKind for SampleRows {
    type Fitted = FittedSample;
    const REMOVES_ROWS: bool = true;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Rows,
            "Sample rows",
            "Keeps a random share of the rows, the same ones for the same seed.",
            vec![
                Param::new(
                    "fraction",
                    "Share of rows",
                    "The share of rows to keep, from 0 to 1.",
                    ParamKind::number(0.5, Some(0.0), Some(1.0)),
                ),
                Param::new(
                    "method",
                    "Method",
                    "Random, or stratified: each value of a column keeps its share of rows.",
                    ParamKind::choice(&[("random", "random"), ("stratified", "stratified")], "random"),
                ),
                Param::new(
                    "by",
                    "Stratify by",
                    "The column whose shares to keep; empty: the target.",
                    ParamKind::column(DISCRETE),
                )
                .optional(),
                Param::new("seed", "Seed", "The same seed draws the same rows.", ParamKind::Seed),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        let share = format!("{}%", self.fraction * 100.0);
        Some(match (self.method, &self.by) {
            (SampleMethod::Random, _) => share,
            (SampleMethod::Stratified, Some(by)) => format!("{share}, stratified by {by}"),
            (SampleMethod::Stratified, None) => format!("{share}, stratified by the target"),
        })
    }

    fn fit(&self, table: &Table, context: &FitContext) -> Result<FittedSample> {
        if !(self.fraction > 0.0 && self.fraction <= 1.0) {
            return Err(Error::other(format!(
                "the share of rows must be above 0 and at most 1 (it is {})",
                self.fraction
            )));
        }
        let by = match self.method {
            SampleMethod::Random => None,
            SampleMethod::Stratified => Some(
                self.by
                    .clone()
                    .or_else(|| context.target.clone())
                    .ok_or("choose a column to stratify by (or a target)")?,
            ),
        };
        if let Some(by) = &by {
            table.require_position(by)?;
        }
        Ok(FittedSample { fraction: self.fraction, by, seed: self.seed })
    }
}

impl FittedKind for FittedSample {
    fn apply(&self, table: Table) -> Result<Table> {
        let n = table.row_count();
        if self.fraction >= 1.0 || n < 2 {
            return Ok(table);
        }
        let drawn = match &self.by {
            None => train_test_split(n, self.fraction, self.seed),
            Some(by) => {
                let labels = Labels::of(&table.require(by)?.data);
                let missing = labels.levels.len() as u32;
                let classes: Vec<u32> = labels.codes.iter().map(|c| c.unwrap_or(missing)).collect();
                stratified_split(&classes, self.fraction, self.seed)
            }
        };
        let (_, sample) = drawn?;
        Ok(table.take(&sample))
    }

    fn sql(
        &self,
        before: &crate::engine::recipe::sql::SqlFrame,
    ) -> std::result::Result<crate::engine::recipe::sql::SqlStep, String> {
        self.to_sql(before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::{Column, ColumnData};

    #[test]
    fn stratified_samples_keep_shares_and_repeat_with_the_seed() {
        let codes = (0..1000).map(|i| Some(u32::from(i % 10 == 0))).collect();
        let t = Table::new(
            "t",
            vec![Column::new("y", ColumnData::Category { codes, levels: vec!["a".into(), "b".into()] })],
        )
        .unwrap();
        let step = SampleRows { fraction: 0.2, method: SampleMethod::Stratified, by: None, seed: 7 };
        let context = FitContext { target: Some("y".into()), seed: 0 };
        let fitted = step.fit(&t, &context).unwrap();
        let out = fitted.apply(t.clone()).unwrap();
        assert_eq!(out.row_count(), 200);
        let b = (0..200).filter(|&i| out.columns[0].data.text_at(i).as_deref() == Some("b")).count();
        assert_eq!(b, 20);
        assert_eq!(fitted.apply(t).unwrap(), out);
    }
}
