//! The minimal steps a model needs that the user's recipe did not add: drop identifiers and
//! free text, impute gaps, one-hot encode categories, and put numbers on one scale.

use std::collections::HashSet;

use crate::engine::base::table::{ColumnData, ColumnType, Table};
use crate::engine::learn::{Algorithm, Params};
use crate::engine::recipe::{ImputeStrategy, Recipe, Step};

/// Categories with more levels than this are dropped rather than one-hot encoded.
const MAX_ONE_HOT_LEVELS: usize = 100;

/// Steps to append so that the data after the user's recipe becomes a complete numeric
/// matrix. `train` is the training rows (types and identifiers are judged there); `all` is
/// every row of the file, rows with a missing target included, so that gaps anywhere are
/// imputed and the model can predict on every row. With `scale` (see [`still_to_scale`]),
/// the number columns it does not name are standard-scaled last: distances (k-nearest neighbours, SVMs, clustering) and penalties
/// (ridge, lasso, logistic regression) otherwise weigh a column by its unit, so grams would
/// drown millimetres; trees and plain linear regression predict the same either way.
pub fn automatic_steps(train: &Table, all: &Table, scale: Option<&ScaledAlready>) -> Vec<Step> {
    let mut drop = Vec::new();
    let mut impute_median = Vec::new();
    let mut impute_frequent = Vec::new();
    let mut one_hot = Vec::new();
    let mut numbers = Vec::new();
    let train_rows: Vec<usize> = (0..train.row_count()).collect();
    let train_rows = train_rows.as_slice();
    for column in &train.columns {
        let data = &column.data;
        let name = column.name.clone();
        let present_in_training = data.len() - data.missing_count();
        let has_missing = all.column(&name).is_none_or(|c| c.data.missing_count() > 0);
        match column.column_type() {
            _ if present_in_training == 0 => drop.push(name),
            ColumnType::Text => drop.push(name),
            _ if looks_like_identifier(data, train_rows) => drop.push(name),
            ColumnType::Category => {
                if level_count(data, train_rows) > MAX_ONE_HOT_LEVELS {
                    drop.push(name);
                    continue;
                }
                if has_missing {
                    impute_frequent.push(name.clone());
                }
                one_hot.push(name);
            }
            ColumnType::Boolean if has_missing => impute_frequent.push(name),
            ColumnType::Number | ColumnType::Integer => {
                if has_missing {
                    impute_median.push(name.clone());
                }
                if scale.is_some_and(|done| !done.contains(&name)) && !is_indicator(data) {
                    numbers.push(name);
                }
            }
            ColumnType::Date | ColumnType::DateTime if has_missing => impute_median.push(name),
            _ => {}
        }
    }
    let mut steps = Vec::new();
    if !drop.is_empty() {
        steps.push(Step::drop_columns(drop));
    }
    if !impute_median.is_empty() {
        steps.push(Step::impute(impute_median, ImputeStrategy::Median));
    }
    if !impute_frequent.is_empty() {
        steps.push(Step::impute(impute_frequent, ImputeStrategy::MostFrequent));
    }
    if !one_hot.is_empty() {
        steps.push(Step::one_hot(one_hot));
    }
    if !numbers.is_empty() {
        steps.push(Step::standard_scale(numbers));
    }
    steps
}

/// Columns a scaling step of Sift's already scales.
pub type ScaledAlready = HashSet<String>;

/// What automatic scaling is still to do for `recipe`: nothing (`None`) when the user's own
/// steps scale columns (standard, min-max or robust: their choice stands); otherwise the
/// columns Sift's scaling from an earlier training already covers. That scaling left out
/// the earlier target, which may be a feature now, so it can need a complement.
pub fn still_to_scale(recipe: &Recipe) -> Option<ScaledAlready> {
    let enabled = recipe.steps.iter().filter(|s| s.enabled);
    let user_scales = enabled.clone().any(|s| {
        !s.automatic && matches!(s.step, Step::StandardScale(_) | Step::MinMaxScale(_) | Step::RobustScale(_))
    });
    (!user_scales).then(|| {
        enabled
            .filter_map(|s| match &s.step {
                Step::StandardScale(scale) => Some(scale.columns.iter().cloned()),
                _ => None,
            })
            .flatten()
            .collect()
    })
}

/// Whether `algorithm` with `params` reads numbers in the file's own units, so that Sift must
/// not rescale them: naive Bayes over counts (multinomial) or category codes (categorical)
/// needs whole numbers from 0, which standard scaling turns into negative fractions, and its
/// bernoulli form compares each value with a threshold given in the column's own units.
pub fn keeps_units(algorithm: Algorithm, params: &Params) -> bool {
    algorithm.keeps_units(params)
}

/// A column of only 0 and 1 (a one-hot or yes/no indicator): left unscaled, as one-hot
/// columns are.
fn is_indicator(data: &ColumnData) -> bool {
    (0..data.len()).all(|i| matches!(data.number_at(i), None | Some(0.0) | Some(1.0)))
}

fn level_count(data: &ColumnData, rows: &[usize]) -> usize {
    rows.iter().filter_map(|&i| data.text_at(i)).collect::<HashSet<_>>().len()
}

/// Every training value different: a category or integer that names rows rather than
/// describing them (integers only when they also run nearly consecutively, like row ids).
fn looks_like_identifier(data: &ColumnData, rows: &[usize]) -> bool {
    let present: Vec<usize> = rows.iter().copied().filter(|&i| !data.is_missing(i)).collect();
    if present.len() < 10 || level_count(data, &present) < present.len() {
        return false;
    }
    match data {
        ColumnData::Category { .. } | ColumnData::Text(_) => true,
        ColumnData::Integer(_) => {
            let values: Vec<f64> = present.iter().filter_map(|&i| data.number_at(i)).collect();
            let span =
                values.iter().copied().fold(f64::MIN, f64::max) - values.iter().copied().fold(f64::MAX, f64::min);
            span + 1.0 <= 2.0 * values.len() as f64
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::Column;

    #[test]
    fn adds_only_what_the_model_needs() {
        let n = 12;
        let id: Vec<Option<i64>> = (0..n).map(|i| Some(100 + i)).collect();
        let mut x: Vec<f64> = (0..n).map(|i| i as f64 * 1.5).collect();
        x[3] = f64::NAN;
        let codes: Vec<Option<u32>> = (0..n).map(|i| if i == 5 { None } else { Some((i % 2) as u32) }).collect();
        let notes: Vec<Option<String>> = (0..n).map(|i| Some(format!("note {i}"))).collect();
        let table = Table::new(
            "t",
            vec![
                Column::new("id", ColumnData::Integer(id.into())),
                Column::new("x", ColumnData::Number(x.into())),
                Column::new("c", ColumnData::Category { codes: codes.into(), levels: vec!["a".into(), "b".into()] }),
                Column::new("notes", ColumnData::Text(notes)),
                Column::new("complete", ColumnData::Number(vec![1.0; n as usize].into())),
            ],
        )
        .unwrap();
        let mut expected = vec![
            Step::drop_columns(vec!["id".into(), "notes".into()]),
            Step::impute(vec!["x".into()], ImputeStrategy::Median),
            Step::impute(vec!["c".into()], ImputeStrategy::MostFrequent),
            Step::one_hot(vec!["c".into()]),
        ];
        assert_eq!(automatic_steps(&table, &table, None), expected);
        let done: ScaledAlready = ["x".to_string()].into();
        assert_eq!(automatic_steps(&table, &table, Some(&done)), expected);
        // Scaling takes the kept number columns, not the identifier, the categories or the
        // 0/1 column ("complete" holds only ones).
        expected.push(Step::standard_scale(vec!["x".into()]));
        assert_eq!(automatic_steps(&table, &table, Some(&ScaledAlready::new())), expected);
    }
}
