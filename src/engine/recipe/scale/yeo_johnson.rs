//! The Yeo-Johnson power transform, its λ fitted per column by maximum likelihood on the
//! training rows as scikit-learn's `PowerTransformer(method="yeo-johnson",
//! standardize=False)` does (through SciPy's `yeojohnson_normmax`). The output is not
//! standardised; add a standard scale step after it for that.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use super::map_numbers;
use super::minimize::fminbound;
use crate::engine::base::stats::{mean, variance};
use crate::engine::base::table::Table;
use crate::engine::recipe::finite::learned;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, MEASURES};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::numeric_column;

/// Makes each column closer to normal with the Yeo-Johnson transform.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YeoJohnson {
    pub columns: Vec<String>,
}

/// The learned λ of each column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YeoJohnsonFitted {
    pub lambdas: Vec<(String, f64)>,
}

impl StepKind for YeoJohnson {
    type Fitted = YeoJohnsonFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::ScalingAndTransforms,
            "Yeo-Johnson transform",
            "Reshapes each column to look more like a bell curve, with a power learned on the training rows (not standardised).",
            vec![Param::new("columns", "Columns", "The numeric columns to transform.", ParamKind::columns(MEASURES))],
        )
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<YeoJohnsonFitted> {
        let lambdas = self
            .columns
            .iter()
            .map(|name| {
                let present: Vec<f64> = numeric_column(table, name)?.into_iter().filter(|x| !x.is_nan()).collect();
                if present.is_empty() {
                    return Err(Error::other(format!(
                        "'{name}' has no values in the training rows to learn a power from"
                    )));
                }
                Ok((name.clone(), learned(name, "Yeo-Johnson power", fit_lambda(&present), &present)?))
            })
            .collect::<Result<_>>()?;
        Ok(YeoJohnsonFitted { lambdas })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for YeoJohnsonFitted {
    fn apply(&self, mut table: Table) -> Result<Table> {
        for (name, lambda) in &self.lambdas {
            map_numbers(&mut table, name, |x| transform(x, *lambda))?;
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

/// Yeo-Johnson of one value (SciPy's numerically stable form).
pub fn transform(x: f64, lambda: f64) -> f64 {
    let eps = f64::EPSILON;
    if x >= 0.0 {
        if lambda.abs() < eps {
            x.ln_1p()
        } else {
            (lambda * x.ln_1p()).exp_m1() / lambda
        }
    } else if (lambda - 2.0).abs() > eps {
        -((2.0 - lambda) * (-x).ln_1p()).exp_m1() / (2.0 - lambda)
    } else {
        -(-x).ln_1p()
    }
}

/// The λ maximising the Yeo-Johnson log-likelihood of `x` (SciPy's bounds and tolerance);
/// 1 (no change) for a constant column, as scikit-learn.
fn fit_lambda(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let m = mean(x).unwrap_or(0.0);
    let var = variance(x, m);
    if var <= n * f64::EPSILON * var + (n * m * f64::EPSILON).powi(2) || x.iter().all(|v| *v == 0.0) {
        return 1.0;
    }
    let max_abs = x.iter().fold(0.0f64, |acc, v| acc.max(v.abs()));
    let log1p_max = (20.0 * max_abs).ln_1p();
    let log_eps = f64::EPSILON.ln();
    let log_tiny = (f64::MIN_POSITIVE.ln() - log_eps) / 2.0;
    let log_max = (f64::MAX.ln() + log_eps) / 2.0;
    let (mut low, mut high) = (log_tiny / log1p_max, log_max / log1p_max);
    if x.iter().all(|v| *v < 0.0) {
        (low, high) = (2.0 - high, 2.0 - low);
    } else if x.iter().any(|v| *v < 0.0) {
        (low, high) = ((2.0 - high).max(low), (2.0 - low).min(high));
    }
    let signed_log_sum: f64 = x.iter().map(|v| v.signum() * v.abs().ln_1p()).sum();
    let negative_log_likelihood = |lambda: f64| {
        let y: Vec<f64> = x.iter().map(|v| transform(*v, lambda)).collect();
        let var = variance(&y, mean(&y).unwrap_or(0.0));
        let log_var = if var >= f64::MIN_POSITIVE { var.ln() } else { f64::NEG_INFINITY };
        let llf = -n / 2.0 * log_var + (lambda - 1.0) * signed_log_sum;
        if llf.is_infinite() {
            f64::INFINITY
        } else {
            -llf
        }
    };
    fminbound(negative_log_likelihood, low, high, 1.48e-8)
}
