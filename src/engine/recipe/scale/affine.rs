//! Linear rescaling, `(x − shift) / scale + offset`, with the shift and scale learned on the
//! training rows: standard (mean, standard deviation), min-max (minimum, range) and robust
//! (median, interquartile range), as scikit-learn's StandardScaler, MinMaxScaler and
//! RobustScaler compute them.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use super::map_numbers;
use crate::engine::base::stats::{is_negligible_spread, largest_magnitude, mean, percentile_of_unsorted, std_dev};
use crate::engine::base::table::Table;
use crate::engine::recipe::finite::learned;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, NUMERIC};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::numeric_column;

/// Centres on the training mean and divides by the training standard deviation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandardScale {
    pub columns: Vec<String>,
}

/// Maps the training minimum and maximum to `min` and `max`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MinMaxScale {
    pub columns: Vec<String>,
    pub min: f64,
    pub max: f64,
}

/// Centres on the training median and divides by the interquartile range.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RobustScale {
    pub columns: Vec<String>,
}

/// The learned scaling of every column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleFitted {
    pub scales: Vec<Scale>,
}

/// One column's `(x − shift) / scale + offset`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub column: String,
    /// Version 1 model files call it `mean` (standard scaling was the only kind).
    #[serde(alias = "mean")]
    pub shift: f64,
    /// Never 0: a zero spread is taken as 1, as scikit-learn does. Once called `std`.
    #[serde(alias = "std")]
    pub scale: f64,
    #[serde(default)]
    pub offset: f64,
}

fn columns_param(what: &str) -> Param {
    Param::new("columns", "Columns", what, ParamKind::columns(NUMERIC))
}

/// A spread that is only rounding noise at the values' magnitude taken as 1, as
/// scikit-learn's `_handle_zeros_in_scale` (relative, so tiny values keep their spread).
fn nonzero(spread: f64, values: &[f64]) -> f64 {
    if is_negligible_spread(spread, largest_magnitude(values)) {
        1.0
    } else {
        spread
    }
}

/// Learns one [`Scale`] per column from its present training values; `what` names the
/// shift and the scale for the message when either is not a finite number.
fn fit_scales(
    table: &Table,
    columns: &[String],
    what: [&str; 2],
    learn: impl Fn(&mut Vec<f64>) -> Option<(f64, f64, f64)>,
) -> Result<ScaleFitted> {
    let mut scales = Vec::with_capacity(columns.len());
    for name in columns {
        let mut present: Vec<f64> = numeric_column(table, name)?.into_iter().filter(|x| !x.is_nan()).collect();
        let (shift, scale, offset) = learn(&mut present).ok_or_else(|| {
            Error::other(format!("'{name}' has no values in the training rows to learn a scale from"))
        })?;
        let shift = learned(name, what[0], shift, &present)?;
        let scale = learned(name, what[1], scale, &present)?;
        scales.push(Scale { column: name.clone(), shift, scale, offset });
    }
    Ok(ScaleFitted { scales })
}

impl StepKind for StandardScale {
    type Fitted = ScaleFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::ScalingAndTransforms,
            "Standard scale",
            "Centres each column on the training mean and divides by its standard deviation.",
            vec![columns_param("The numeric columns to scale.")],
        )
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<ScaleFitted> {
        fit_scales(table, &self.columns, ["mean", "standard deviation"], |values| {
            let m = mean(values)?;
            Some((m, nonzero(std_dev(values, m), values), 0.0))
        })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl StepKind for MinMaxScale {
    type Fitted = ScaleFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::ScalingAndTransforms,
            "Min-max scale",
            "Maps each column's training minimum and maximum to a range, 0 to 1 by default.",
            vec![
                columns_param("The numeric columns to scale."),
                Param::new("min", "From", "What the training minimum becomes.", ParamKind::number(0.0, None, None)),
                Param::new("max", "To", "What the training maximum becomes.", ParamKind::number(1.0, None, None)),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(format!("{} to {}", self.min, self.max))
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<ScaleFitted> {
        if self.min >= self.max {
            return Err(Error::other(format!(
                "the range must go up: 'From' ({}) must be below 'To' ({})",
                self.min, self.max
            )));
        }
        fit_scales(table, &self.columns, ["minimum", "range"], |values| {
            let low = values.iter().copied().reduce(f64::min)?;
            let high = values.iter().copied().reduce(f64::max)?;
            Some((low, nonzero(high - low, values) / (self.max - self.min), self.min))
        })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl StepKind for RobustScale {
    type Fitted = ScaleFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::ScalingAndTransforms,
            "Robust scale",
            "Centres each column on the training median and divides by its interquartile range, so outliers weigh little.",
            vec![columns_param("The numeric columns to scale.")],
        )
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<ScaleFitted> {
        fit_scales(table, &self.columns, ["median", "interquartile range"], |values| {
            let q1 = percentile_of_unsorted(values, 25.0)?;
            let q3 = percentile_of_unsorted(values, 75.0)?;
            let spread = nonzero(q3 - q1, values);
            Some((percentile_of_unsorted(values, 50.0)?, spread, 0.0))
        })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for ScaleFitted {
    /// Scaled columns become numbers; missing stays missing. A difference `x − shift` too
    /// large for a number is divided before it is taken.
    fn apply(&self, mut table: Table) -> Result<Table> {
        for s in &self.scales {
            map_numbers(&mut table, &s.column, |x| {
                let y = (x - s.shift) / s.scale + s.offset;
                if y.is_finite() || !x.is_finite() {
                    y
                } else {
                    (x / s.scale - s.shift / s.scale) + s.offset
                }
            })?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::{Column, ColumnData};

    #[test]
    fn matches_scikit_learn_standard_scaler() {
        // StandardScaler().fit([[1],[2],[4]]): mean_ = 7/3, scale_ = sqrt(14/9).
        let t =
            Table::new("t", vec![Column::new("x", ColumnData::Integer(vec![Some(1), Some(2), Some(4), None].into()))])
                .unwrap();
        let fitted = StandardScale { columns: vec!["x".into()] }.fit(&t, &FitContext::default()).unwrap();
        assert!((fitted.scales[0].shift - 7.0 / 3.0).abs() < 1e-12);
        assert!((fitted.scales[0].scale - (14.0f64 / 9.0).sqrt()).abs() < 1e-12);
        let out = fitted.apply(t).unwrap();
        let ColumnData::Number(v) = &out.columns[0].data else { unreachable!() };
        assert!((v.at(0) - (1.0 - 7.0 / 3.0) / (14.0f64 / 9.0).sqrt()).abs() < 1e-12);
        assert!(v.is_missing(3));
    }

    #[test]
    fn reads_version_1_fitted_scales() {
        let s: Scale = serde_json::from_str(r#"{"column":"x","mean":2.0,"std":4.0}"#).unwrap();
        assert_eq!(s, Scale { column: "x".into(), shift: 2.0, scale: 4.0, offset: 0.0 });
    }
}
