//! Outliers: fences learned on the training rows (percentiles, or Tukey's IQR fences), then
//! values outside them clipped to the fence, or their rows dropped.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use super::finite::learned;
use super::schema::{Family, Param, ParamKind, StepInfo, MEASURES};
use super::step::{FitContext, FittedKind, StepKind};
use super::values::{keep_rows, numeric_column, update_column};
use crate::engine::base::stats::percentile_of_unsorted;
use crate::engine::base::table::{ColumnData, Table};

/// How the fences are set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FenceMethod {
    /// At the `lower` and `upper` percentiles.
    Percentiles,
    /// `factor` × IQR below the first quartile and above the third.
    Iqr,
}

/// Where the fences go; shared by clipping and dropping.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FenceRule {
    pub method: FenceMethod,
    pub lower: f64,
    pub upper: f64,
    pub factor: f64,
}

/// Clips values outside the fences to the fences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClipOutliers {
    pub columns: Vec<String>,
    #[serde(flatten)]
    pub rule: FenceRule,
}

/// Drops the rows with a value outside the fences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DropOutliers {
    pub columns: Vec<String>,
    #[serde(flatten)]
    pub rule: FenceRule,
}

/// The learned fences of one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fence {
    pub column: String,
    pub low: f64,
    pub high: f64,
}

/// Clipping with learned fences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClipFitted {
    pub fences: Vec<Fence>,
}

/// Dropping with learned fences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DropFitted {
    pub fences: Vec<Fence>,
}

fn params(what: &str) -> Vec<Param> {
    vec![
        Param::new("columns", "Columns", what, ParamKind::columns(MEASURES)),
        Param::new(
            "method",
            "Fences",
            "Percentiles of the training rows, or Tukey's fences: quartiles ± factor × IQR.",
            ParamKind::choice(&[("percentiles", "percentiles"), ("iqr", "IQR fences")], "iqr"),
        ),
        Param::new(
            "lower",
            "Lower percentile",
            "Percentiles only: the lower fence, 0–100.",
            ParamKind::number(1.0, Some(0.0), Some(100.0)),
        ),
        Param::new(
            "upper",
            "Upper percentile",
            "Percentiles only: the upper fence, 0–100.",
            ParamKind::number(99.0, Some(0.0), Some(100.0)),
        ),
        Param::new(
            "factor",
            "IQR factor",
            "IQR fences only: how many IQRs beyond the quartiles.",
            ParamKind::number(1.5, Some(0.0), None),
        ),
    ]
}

impl FenceRule {
    fn detail(&self) -> String {
        match self.method {
            FenceMethod::Percentiles => format!("percentiles {}–{}", self.lower, self.upper),
            FenceMethod::Iqr => format!("{} × IQR", self.factor),
        }
    }

    /// The fences of each column in the training rows.
    fn fit(&self, table: &Table, columns: &[String]) -> Result<Vec<Fence>> {
        if self.method == FenceMethod::Percentiles && self.lower > self.upper {
            return Err(Error::other(format!(
                "the lower percentile ({}) is above the upper one ({})",
                self.lower, self.upper
            )));
        }
        columns
            .iter()
            .map(|name| {
                let mut present: Vec<f64> = numeric_column(table, name)?.into_iter().filter(|x| !x.is_nan()).collect();
                let mut at = |p: f64| percentile_of_unsorted(&mut present, p);
                let fence = match self.method {
                    FenceMethod::Percentiles => at(self.lower).zip(at(self.upper)),
                    FenceMethod::Iqr => at(25.0).zip(at(75.0)).map(|(q1, q3)| {
                        if !q1.is_finite() || !q3.is_finite() {
                            return (q1, q3);
                        }
                        // Fences beyond the largest number (quartiles near ±1e308) are no
                        // fence: the largest number stands for them.
                        let reach = self.factor * (q3 - q1);
                        if reach.is_nan() {
                            return (q1, q3);
                        }
                        ((q1 - reach).max(-f64::MAX), (q3 + reach).min(f64::MAX))
                    }),
                };
                let (low, high) = fence.ok_or_else(|| {
                    Error::other(format!("'{name}' has no values in the training rows to set fences"))
                })?;
                let low = learned(name, "lower fence", low, &present)?;
                let high = learned(name, "upper fence", high, &present)?;
                Ok(Fence { column: name.clone(), low, high })
            })
            .collect()
    }
}

impl StepKind for ClipOutliers {
    type Fitted = ClipFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Outliers,
            "Clip outliers",
            "Moves values beyond fences learned on the training rows back to the fences.",
            params("The numeric columns to clip."),
        )
    }

    fn detail(&self) -> Option<String> {
        Some(self.rule.detail())
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<ClipFitted> {
        Ok(ClipFitted { fences: self.rule.fit(table, &self.columns)? })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for ClipFitted {
    /// Clipped columns become numbers; missing stays missing.
    fn apply(&self, mut table: Table) -> Result<Table> {
        for fence in &self.fences {
            let values = numeric_column(&table, &fence.column)?;
            let clipped =
                values.into_iter().map(|x| if x.is_nan() { x } else { x.clamp(fence.low, fence.high) }).collect();
            update_column(&mut table, &fence.column, |_| Ok(ColumnData::Number(clipped)))?;
        }
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

impl StepKind for DropOutliers {
    type Fitted = DropFitted;
    const REMOVES_ROWS: bool = true;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Outliers,
            "Drop outlier rows",
            "Removes the rows with a value beyond fences learned on the training rows.",
            params("The numeric columns to check."),
        )
    }

    fn detail(&self) -> Option<String> {
        Some(self.rule.detail())
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<DropFitted> {
        Ok(DropFitted { fences: self.rule.fit(table, &self.columns)? })
    }
}

impl FittedKind for DropFitted {
    /// Rows with a missing value are kept.
    fn apply(&self, table: Table) -> Result<Table> {
        let mut keep = vec![true; table.row_count()];
        for fence in &self.fences {
            for (k, x) in keep.iter_mut().zip(numeric_column(&table, &fence.column)?) {
                *k &= x.is_nan() || (fence.low..=fence.high).contains(&x);
            }
        }
        Ok(keep_rows(table, &keep))
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
    use crate::engine::base::table::Column;

    #[test]
    fn iqr_fences_clip_or_drop() {
        let values: Vec<f64> = (1..=9).map(f64::from).chain([100.0, f64::NAN]).collect();
        let t = Table::new("t", vec![Column::new("x", ColumnData::Number(values.into()))]).unwrap();
        let rule = FenceRule { method: FenceMethod::Iqr, lower: 1.0, upper: 99.0, factor: 1.5 };
        // np.percentile([1..9, 100], [25, 75]) = 3.25, 7.75 → fences −3.5 and 14.5.
        let clip =
            ClipOutliers { columns: vec!["x".into()], rule: rule.clone() }.fit(&t, &FitContext::default()).unwrap();
        assert_eq!((clip.fences[0].low, clip.fences[0].high), (-3.5, 14.5));
        let ColumnData::Number(v) = &clip.apply(t.clone()).unwrap().columns[0].data else { panic!() };
        assert_eq!(v.at(9), 14.5);
        assert!(v.is_missing(10));
        let dropped =
            DropOutliers { columns: vec!["x".into()], rule }.fit(&t, &FitContext::default()).unwrap().apply(t).unwrap();
        assert_eq!(dropped.row_count(), 10);
    }
}
