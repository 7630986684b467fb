//! Target encoding with cross-fitting: each category becomes the smoothed mean of the target
//! over its training rows (for classes, the share of each class). The training rows
//! themselves get out-of-fold values — each fold encoded with statistics of the other folds
//! — so a row never sees its own target; other data gets the full-training encoding.
//!
//! Smoothing is the m-estimate `(sum + m × prior) / (count + m)`, with `m` the step's
//! `smoothing` and `prior` the target's training mean (scikit-learn's TargetEncoder uses an
//! empirical-Bayes `m` instead). A regression target gives one column; a binary one the
//! share of its second class (in sorted order); more classes give one column per class.

mod onnx;
mod sql;

use crate::engine::base::error::{Error, Result};
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::folds::assign_folds;
use crate::engine::base::stats::{largest_magnitude, power_of_two_unit};
use crate::engine::base::table::{Column, ColumnData, Table};
use crate::engine::learn::infer_task;
use crate::engine::learn::Task;
use crate::engine::recipe::finite::short;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, DISCRETE};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{ensure_new_names, numbers, Labels};

/// Replaces each category by statistics of the target over its training rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetEncode {
    pub columns: Vec<String>,
    pub smoothing: f64,
    pub folds: usize,
    pub seed: u64,
}

/// The full-training encoding of each column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetEncodeFitted {
    pub encodings: Vec<TargetEncoding>,
}

/// One column's encoding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetEncoding {
    pub column: String,
    /// The output columns, in place of the column (just its own name for one output).
    pub outputs: Vec<String>,
    /// The target's training mean per output: what unseen and missing categories get.
    pub prior: Vec<f64>,
    /// Each training category's smoothed means, one per output.
    pub values: Vec<(String, Vec<f64>)>,
}

/// The target as `k` numbers per row to average (`NaN` where the target is missing).
struct TargetMatrix {
    /// Output suffixes: empty for one output, the class names for several.
    classes: Vec<String>,
    k: usize,
    values: Vec<f64>,
}

/// Per-level smoothed means over some rows, and the prior they shrink towards.
struct LevelMeans {
    prior: Vec<f64>,
    levels: Vec<Option<Vec<f64>>>,
}

impl StepKind for TargetEncode {
    type Fitted = TargetEncodeFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Encoding,
            "Target encode",
            "Replaces each category by the target's average over its training rows, computed out-of-fold for the training rows so nothing leaks.",
            vec![
                Param::new("columns", "Columns", "The category columns to encode (not the target).", ParamKind::columns(DISCRETE)),
                Param::new("smoothing", "Smoothing", "How many rows' worth of the overall average each category is blended with.", ParamKind::number(10.0, Some(0.0), None)),
                Param::new("folds", "Folds", "Cross-fitting folds for the training rows.", ParamKind::integer(5, Some(2), Some(20))),
                Param::new("seed", "Seed", "The same seed makes the same folds.", ParamKind::Seed),
            ],
        )
    }

    fn fit(&self, table: &Table, context: &FitContext) -> Result<TargetEncodeFitted> {
        let y = self.target(table, context)?;
        let encodings = self
            .columns
            .iter()
            .map(|name| {
                let labels = Labels::of(&table.require(name)?.data);
                let means = level_means(&labels, &y, |_| true, self.smoothing)?;
                let values = labels
                    .levels
                    .iter()
                    .zip(means.levels)
                    .filter_map(|(level, m)| m.map(|m| (level.clone(), m)))
                    .collect();
                Ok(TargetEncoding {
                    column: name.clone(),
                    outputs: output_names(name, &y.classes),
                    prior: means.prior,
                    values,
                })
            })
            .collect::<Result<_>>()?;
        Ok(TargetEncodeFitted { encodings })
    }

    fn fit_transform(&self, mut table: Table, context: &FitContext) -> Result<(TargetEncodeFitted, Table)> {
        let fitted = self.fit(&table, context)?;
        let y = self.target(&table, context)?;
        let folds = assign_folds(table.row_count(), self.folds, self.seed);
        for encoding in &fitted.encodings {
            let labels = Labels::of(&table.require(&encoding.column)?.data);
            let mut out = vec![vec![f64::NAN; labels.codes.len()]; y.k];
            for fold in 0..self.folds.max(1) {
                let means = level_means(&labels, &y, |row| folds.get(row) != Some(&fold), self.smoothing)?;
                for (row, code) in labels.codes.iter().enumerate().filter(|(row, _)| folds.get(*row) == Some(&fold)) {
                    let level = code.and_then(|c| means.levels.get(c as usize)).and_then(Option::as_ref);
                    for (j, column) in out.iter_mut().enumerate() {
                        column[row] = level.unwrap_or(&means.prior)[j];
                    }
                }
            }
            write_outputs(&mut table, &encoding.column, &encoding.outputs, out)?;
        }
        Ok((fitted, table))
    }
}

impl TargetEncode {
    fn target(&self, table: &Table, context: &FitContext) -> Result<TargetMatrix> {
        let target =
            context.target.as_deref().ok_or("target encoding needs a target; choose the column to predict first")?;
        if self.columns.iter().any(|c| c == target) {
            return Err(Error::other(format!(
                "'{target}' is the target; target encoding encodes the other columns with it"
            )));
        }
        let data = &table
            .column(target)
            .ok_or_else(|| Error::other(format!("target encoding needs the target '{target}' in the training data")))?
            .data;
        target_matrix(data, infer_task(table, target)?)
    }
}

fn target_matrix(data: &ColumnData, task: Task) -> Result<TargetMatrix> {
    if task == Task::Regression {
        let values = numbers(data).ok_or("the target is not numeric")?;
        return Ok(TargetMatrix { classes: Vec::new(), k: 1, values });
    }
    let labels = Labels::of(data);
    let mut classes: Vec<String> = labels.levels.to_vec();
    classes.sort();
    let class_of: Vec<Option<usize>> = labels.per_level(|l| classes.binary_search(l).ok());
    let binary = classes.len() <= 2;
    let k = if binary { 1 } else { classes.len() };
    let mut values = vec![0.0; labels.codes.len() * k];
    for (row, code) in labels.codes.iter().enumerate() {
        let class = code.and_then(|c| class_of.get(c as usize).copied().flatten());
        let cells = &mut values[row * k..(row + 1) * k];
        match class {
            None => cells.fill(f64::NAN),
            Some(c) if binary => cells[0] = if c == 1 { 1.0 } else { 0.0 },
            Some(c) => cells[c] = 1.0,
        }
    }
    Ok(TargetMatrix { classes: if binary { Vec::new() } else { classes }, k, values })
}

fn output_names(column: &str, classes: &[String]) -> Vec<String> {
    if classes.is_empty() {
        vec![column.to_string()]
    } else {
        classes.iter().map(|c| format!("{column}_{c}")).collect()
    }
}

/// Smoothed target means per level of `labels` over the rows `use_row` accepts.
fn level_means(labels: &Labels, y: &TargetMatrix, use_row: impl Fn(usize) -> bool, m: f64) -> Result<LevelMeans> {
    let k = y.k;
    if let Some(bad) = y.values.iter().find(|v| v.is_infinite()) {
        return Err(Error::other(format!(
            "the target holds an infinite value ({}); drop those rows or replace the value first",
            short(*bad)
        )));
    }
    // Sums of targets near 1e308 overflow: they are taken in a unit of a power of two.
    let unit = power_of_two_unit(largest_magnitude(&y.values));
    let levels = labels.levels.len();
    let (mut sums, mut counts) = (vec![0.0; levels * k], vec![0usize; levels]);
    let (mut total, mut n) = (vec![0.0; k], 0usize);
    for (row, code) in labels.codes.iter().enumerate() {
        let target = &y.values[row * k..(row + 1) * k];
        if !use_row(row) || target[0].is_nan() {
            continue;
        }
        total.iter_mut().zip(target).for_each(|(t, v)| *t += v / unit);
        n += 1;
        if let Some(c) = code.map(|c| c as usize).filter(|c| *c < levels) {
            sums[c * k..(c + 1) * k].iter_mut().zip(target).for_each(|(s, v)| *s += v / unit);
            counts[c] += 1;
        }
    }
    if n == 0 {
        return Err("no training row has a target value to learn from".into());
    }
    let prior: Vec<f64> = total.iter().map(|t| t / n as f64).collect();
    let levels = (0..levels)
        .map(|c| {
            (counts[c] > 0)
                .then(|| (0..k).map(|j| (sums[c * k + j] + m * prior[j]) / (counts[c] as f64 + m) * unit).collect())
        })
        .collect();
    let prior = prior.into_iter().map(|p| p * unit).collect();
    Ok(LevelMeans { prior, levels })
}

/// Replaces `column` by the `outputs` columns holding `values` (one vector per output).
fn write_outputs(table: &mut Table, column: &str, outputs: &[String], values: Vec<Vec<f64>>) -> Result<()> {
    let position = table.require_position(column)?;
    table.columns.remove(position);
    ensure_new_names(table, outputs)?;
    let columns = outputs.iter().zip(values).map(|(name, v)| Column::new(name.clone(), ColumnData::Number(v.into())));
    table.columns.splice(position..position, columns);
    Ok(())
}

impl FittedKind for TargetEncodeFitted {
    /// Unseen and missing categories get the training mean.
    fn apply(&self, mut table: Table) -> Result<Table> {
        for encoding in &self.encodings {
            let lookup: HashMap<&str, &Vec<f64>> = encoding.values.iter().map(|(c, v)| (c.as_str(), v)).collect();
            let labels = Labels::of(&table.require(&encoding.column)?.data);
            let per_level: Vec<&Vec<f64>> =
                labels.per_level(|l| lookup.get(l.as_str()).copied().unwrap_or(&encoding.prior));
            let rows: Vec<&Vec<f64>> = labels.spread(&per_level, &encoding.prior);
            let values = (0..encoding.outputs.len())
                .map(|j| rows.iter().map(|v| v.get(j).copied().unwrap_or(f64::NAN)).collect())
                .collect();
            write_outputs(&mut table, &encoding.column, &encoding.outputs, values)?;
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

    fn table() -> Table {
        let city: Vec<Option<String>> = (0..40).map(|i| Some(["a", "b"][i % 2].to_string())).collect();
        let y: Vec<f64> = (0..40).map(|i| if i % 2 == 0 { 10.0 + (i % 3) as f64 } else { 0.0 }).collect();
        Table::new(
            "t",
            vec![Column::new("city", ColumnData::Text(city)), Column::new("y", ColumnData::Number(y.into()))],
        )
        .unwrap()
    }

    #[test]
    fn training_rows_get_out_of_fold_values_and_other_data_the_full_encoding() {
        let step = TargetEncode { columns: vec!["city".into()], smoothing: 0.0, folds: 5, seed: 1 };
        let context = FitContext { target: Some("y".into()), seed: 0 };
        let (fitted, train) = step.fit_transform(table(), &context).unwrap();
        let full_a = fitted.encodings[0].values.iter().find(|(c, _)| c == "a").unwrap().1[0];
        assert_eq!(full_a, 11.0);
        let applied = fitted.apply(table()).unwrap();
        let (ColumnData::Number(oof), ColumnData::Number(full)) = (&train.columns[0].data, &applied.columns[0].data)
        else {
            panic!()
        };
        assert!(full.iter().step_by(2).all(|x| x == full_a));
        assert!(oof.iter().step_by(2).any(|x| x != full_a), "out-of-fold values differ from the full encoding");
        assert!(oof.iter().skip(1).step_by(2).all(|x| x == 0.0));
    }

    #[test]
    fn needs_a_target() {
        let step = TargetEncode { columns: vec!["city".into()], smoothing: 0.0, folds: 5, seed: 1 };
        assert!(step.fit(&table(), &FitContext::default()).unwrap_err().contains("target"));
    }
}
