//! Principal components: the directions of largest variance of the chosen columns, learned on
//! the training rows as the eigenvectors of their covariance (centred, not scaled, like
//! scikit-learn's PCA; see [`symmetric_eigen`] for why not SmartCore's).
//! Each component's sign is set so that its largest loading is positive, scikit-learn's
//! `svd_flip` convention; other tools may flip a component's sign.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use crate::engine::base::format::count_of;
use crate::engine::base::stats::{largest_magnitude, mean, power_of_two_unit};
use crate::engine::base::table::{Column, ColumnData, Table};
use crate::engine::recipe::eigen::symmetric_eigen;
use crate::engine::recipe::finite::{overflow, short};
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, NUMERIC};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{ensure_new_names, numeric_column, require_all};

/// Replaces `columns` by `components` principal components `pca_1`, `pca_2`, ….
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pca {
    pub columns: Vec<String>,
    pub components: usize,
    /// Keep the input columns next to the components.
    pub keep_inputs: bool,
}

/// The learned centre and directions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PcaFitted {
    pub columns: Vec<String>,
    pub means: Vec<f64>,
    /// One row of loadings (one per input column) per component.
    pub components: Vec<Vec<f64>>,
    pub keep_inputs: bool,
}

impl StepKind for Pca {
    type Fitted = PcaFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Features,
            "PCA components",
            "Replaces the columns by a few principal components: the combinations that keep most of their variation.",
            vec![
                Param::new(
                    "columns",
                    "Columns",
                    "The numeric columns to combine (impute them first).",
                    ParamKind::columns(NUMERIC),
                ),
                Param::new(
                    "components",
                    "Components",
                    "How many components to keep.",
                    ParamKind::integer(2, Some(1), None),
                ),
                Param::new(
                    "keep_inputs",
                    "Keep the columns",
                    "Keep the input columns as well.",
                    ParamKind::Bool { default: false },
                ),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(count_of(self.components, "component"))
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<PcaFitted> {
        let (rows, p, k) = (table.row_count(), self.columns.len(), self.components);
        if k > p || k > rows || rows < 2 {
            return Err(Error::other(format!(
                "{} {} at least {} and {} (there are {p} and {rows})",
                count_of(k, "component"),
                if k == 1 { "needs" } else { "need" },
                count_of(k, "column"),
                count_of(k.max(2), "row")
            )));
        }
        let mut values = Vec::with_capacity(rows * p);
        let mut means = Vec::with_capacity(p);
        for name in &self.columns {
            let column = numeric_column(table, name)?;
            if let Some(bad) = column.iter().find(|x| !x.is_finite()) {
                let what = if bad.is_nan() { "missing".to_string() } else { format!("infinite ({})", short(*bad)) };
                return Err(Error::other(format!("'{name}' has {what} values; impute or clip it before PCA")));
            }
            means.push(mean(&column).unwrap_or(0.0));
            values.extend(column);
        }
        // Near ±1e308 the covariance overflows; near 1e-300 it underflows. The directions do
        // not depend on the scale, so the values are taken in a unit of a power of two
        // (exact) first.
        let unit = power_of_two_unit(largest_magnitude(&values));
        if unit != 1.0 {
            values.iter_mut().for_each(|x| *x /= unit);
        }
        let (_, directions) = symmetric_eigen(covariance(&values, rows, p), p).ok_or(
            "PCA could not decompose these columns (their covariance is not a finite number); scale them first",
        )?;
        let components = directions
            .into_iter()
            .take(k)
            .map(|mut row| {
                let largest = row.iter().copied().fold(0.0f64, |m, x| if x.abs() > m.abs() { x } else { m });
                if largest < 0.0 {
                    row.iter_mut().for_each(|x| *x = -*x);
                }
                row
            })
            .collect::<Vec<Vec<f64>>>();
        if components.iter().flatten().any(|w| !w.is_finite()) {
            return Err("PCA could not decompose these columns (a direction is not a number); scale them first".into());
        }
        Ok(PcaFitted { columns: self.columns.clone(), means, components, keep_inputs: self.keep_inputs })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for PcaFitted {
    /// A row with a missing input gets missing components.
    fn apply(&self, mut table: Table) -> Result<Table> {
        require_all(&table, &self.columns)?;
        let inputs = self.columns.iter().map(|c| numeric_column(&table, c)).collect::<Result<Vec<_>, _>>()?;
        let position = table.require_position(self.columns.first().map_or("", String::as_str))?;
        // Counted before the inputs go: they may be every column of the table.
        let rows = table.row_count();
        if !self.keep_inputs {
            table.columns.retain(|c| !self.columns.contains(&c.name));
        }
        let names: Vec<String> = (1..=self.components.len()).map(|i| format!("pca_{i}")).collect();
        ensure_new_names(&table, &names)?;
        let mut outputs = Vec::with_capacity(names.len());
        for (loadings, name) in self.components.iter().zip(names) {
            let mut scores = vec![0.0; rows];
            for ((x, mean), w) in inputs.iter().zip(&self.means).zip(loadings) {
                scores.iter_mut().zip(x).for_each(|(s, v)| *s += (v - mean) * w);
            }
            for row in 0..rows {
                if scores[row].is_infinite() && inputs.iter().all(|x| x[row].is_finite()) {
                    scores[row] = self.score_in_units(&inputs, loadings, row).ok_or_else(|| {
                        let used: Vec<(&str, f64)> =
                            self.columns.iter().zip(&inputs).map(|(c, x)| (c.as_str(), x[row])).collect();
                        overflow(&format!("'{name}'"), row, &used)
                    })?;
                }
            }
            outputs.push(Column::new(name, ColumnData::Number(scores.into())));
        }
        let at = position.min(table.columns.len());
        table.columns.splice(at..at, outputs);
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

impl PcaFitted {
    /// Row `row`'s score on a component, its sums taken in a unit of 2^1023 so that values
    /// near ±1e308 do not overflow on the way; `None` when the score itself is too large.
    fn score_in_units(&self, inputs: &[Vec<f64>], loadings: &[f64], row: usize) -> Option<f64> {
        let unit = power_of_two_unit(f64::MAX);
        let score: f64 =
            inputs.iter().zip(&self.means).zip(loadings).map(|((x, mean), w)| (x[row] / unit - mean / unit) * w).sum();
        Some(score * unit).filter(|s| s.is_finite())
    }
}

/// The sample covariance matrix (row-major `p × p`) of `p` columns of `rows` values stored
/// one column after the other.
fn covariance(values: &[f64], rows: usize, p: usize) -> Vec<f64> {
    let centred: Vec<Vec<f64>> = values
        .chunks(rows)
        .map(|column| {
            let m = mean(column).unwrap_or(0.0);
            column.iter().map(|x| x - m).collect()
        })
        .collect();
    let mut out = vec![0.0; p * p];
    for i in 0..p {
        for j in i..p {
            let c = centred[i].iter().zip(&centred[j]).map(|(a, b)| a * b).sum::<f64>() / (rows as f64 - 1.0);
            out[i * p + j] = c;
            out[j * p + i] = c;
        }
    }
    out
}
