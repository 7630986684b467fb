//! Binning numbers into intervals: equal width, quantiles, or the user's cut points. Equal
//! width and quantile bins are scikit-learn's KBinsDiscretizer (`encode="ordinal"`,
//! strategies "uniform" and "quantile"); quantiles use NumPy's "averaged_inverted_cdf"
//! method, scikit-learn's default since 1.9, and bins narrower than 1e-8 are merged as it
//! merges them.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use crate::engine::base::stats::{linspace, percentile_averaged_inverted_cdf};
use crate::engine::base::table::{ColumnData, Table};
use crate::engine::recipe::finite::learned;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, NUMERIC};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{numeric_column, sorted_present, update_column};

/// Where the bin edges go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BinMethod {
    /// `bins` bins of equal width between the training minimum and maximum.
    Uniform,
    /// `bins` bins holding about as many training rows each.
    Quantile,
    /// The cut points in `edges`.
    Custom,
}

/// Replaces each number by the index of its bin (0, 1, 2, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bins {
    pub columns: Vec<String>,
    pub method: BinMethod,
    pub bins: usize,
    /// Cut points for custom bins: `[18, 65]` makes bins below 18, 18 to 65, 65 and above.
    pub edges: Vec<f64>,
}

/// The learned inner cut points of each column: bin `i` holds `cuts[i-1] ≤ x < cuts[i]`;
/// values beyond the training range fall in the first or last bin.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BinsFitted {
    pub cuts: Vec<(String, Vec<f64>)>,
}

impl StepKind for Bins {
    type Fitted = BinsFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Features,
            "Bin numbers",
            "Replaces each number by the number of its interval (0, 1, 2, …), with intervals learned on the training rows.",
            vec![
                Param::new("columns", "Columns", "The numeric columns to bin.", ParamKind::columns(NUMERIC)),
                Param::new(
                    "method",
                    "Intervals",
                    "Equal width, equal counts (quantiles), or your own cut points.",
                    ParamKind::choice(&[("uniform", "equal width"), ("quantile", "quantiles"), ("custom", "my cut points")], "quantile"),
                ),
                Param::new("bins", "Bins", "How many bins (equal width and quantiles).", ParamKind::integer(5, Some(2), Some(1000))),
                Param::new("edges", "Cut points", "Your cut points, ascending (e.g. 18, 65 gives three bins).", ParamKind::NumberList),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(match self.method {
            BinMethod::Uniform => format!("{} equal-width bins", self.bins),
            BinMethod::Quantile => format!("{} quantile bins", self.bins),
            BinMethod::Custom => {
                format!("cut at {}", self.edges.iter().map(|e| e.to_string()).collect::<Vec<_>>().join(", "))
            }
        })
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<BinsFitted> {
        let increasing = !self.edges.is_empty()
            && self.edges.windows(2).all(|w| w[0] < w[1])
            && self.edges.iter().all(|e| e.is_finite());
        if self.method == BinMethod::Custom && !increasing {
            return Err("give the cut points as increasing numbers, e.g. 18, 65".into());
        }
        let cuts = self
            .columns
            .iter()
            .map(|name| {
                let sorted = sorted_present(&numeric_column(table, name)?);
                let cuts = self
                    .cuts(&sorted)
                    .ok_or_else(|| Error::other(format!("'{name}' has no values in the training rows to set bins")))?;
                let cuts =
                    cuts.into_iter().map(|cut| learned(name, "bin edge", cut, &sorted)).collect::<Result<_, _>>()?;
                Ok((name.clone(), cuts))
            })
            .collect::<Result<_>>()?;
        Ok(BinsFitted { cuts })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl Bins {
    /// The inner edges for ascending `sorted` training values.
    fn cuts(&self, sorted: &[f64]) -> Option<Vec<f64>> {
        let (low, high) = (*sorted.first()?, *sorted.last()?);
        if self.method == BinMethod::Custom {
            return Some(self.edges.clone());
        }
        if low == high {
            return Some(Vec::new());
        }
        let edges: Vec<f64> = match self.method {
            BinMethod::Uniform => linspace(low, high, self.bins + 1),
            _ => {
                let levels = linspace(0.0, 100.0, self.bins + 1);
                let edges: Vec<f64> =
                    levels.iter().filter_map(|p| percentile_averaged_inverted_cdf(sorted, *p)).collect();
                // Drop edges within 1e-8 of the edge before them (NumPy's `ediff1d` mask), or
                // within 1e-8 of the range when the range is below 1 (values near 1e-300).
                let width = 1e-8 * (high - low).min(1.0);
                let mut kept: Vec<f64> = edges.first().copied().into_iter().collect();
                kept.extend(edges.windows(2).filter(|w| w[1] - w[0] > width).map(|w| w[1]));
                kept
            }
        };
        Some(edges.get(1..edges.len().saturating_sub(1)).unwrap_or_default().to_vec())
    }
}

impl FittedKind for BinsFitted {
    fn apply(&self, mut table: Table) -> Result<Table> {
        for (name, cuts) in &self.cuts {
            let values = numeric_column(&table, name)?;
            let index = values.iter().map(|x| (!x.is_nan()).then(|| cuts.partition_point(|c| c <= x) as i64)).collect();
            update_column(&mut table, name, |_| Ok(ColumnData::Integer(index)))?;
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
