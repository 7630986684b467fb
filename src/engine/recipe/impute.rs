//! Missing-value imputation: mean, median or most frequent, learned on training rows.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::FittedStep;
use crate::engine::table::{ColumnData, ColumnType, Table};

/// How to choose the fill value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImputeStrategy {
    Mean,
    Median,
    MostFrequent,
}

/// A learned fill value, typed like the column it fills.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Fill {
    Number(f64),
    Integer(i64),
    Boolean(bool),
    Date(i32),
    /// Milliseconds since the epoch.
    DateTime(i64),
    Text(String),
}

impl ImputeStrategy {
    /// All strategies, in the order the UI lists them.
    pub const ALL: [ImputeStrategy; 3] =
        [ImputeStrategy::Mean, ImputeStrategy::Median, ImputeStrategy::MostFrequent];

    /// Lowercase label ("mean", "median", "most frequent").
    pub fn label(self) -> &'static str {
        match self {
            ImputeStrategy::Mean => "mean",
            ImputeStrategy::Median => "median",
            ImputeStrategy::MostFrequent => "most frequent",
        }
    }

    /// One sentence for the UI.
    pub fn explain(self) -> &'static str {
        match self {
            ImputeStrategy::Mean => "Fills missing numbers with the column's mean in the training rows.",
            ImputeStrategy::Median => "Fills missing numbers with the column's median in the training rows.",
            ImputeStrategy::MostFrequent => {
                "Fills missing values with the column's most frequent value in the training rows."
            }
        }
    }
}

/// Learns one fill value per column.
pub fn fit(table: &Table, columns: &[String], strategy: ImputeStrategy) -> Result<FittedStep, String> {
    let mut fills = Vec::with_capacity(columns.len());
    for name in columns {
        let data = &table.require(name)?.data;
        let fill = match strategy {
            ImputeStrategy::MostFrequent => most_frequent(data),
            ImputeStrategy::Mean | ImputeStrategy::Median => {
                let values = data.to_numbers().ok_or_else(|| {
                    format!(
                        "'{name}' is a {} column, so it has no {}; use \"most frequent\" for it",
                        data.column_type().name(),
                        strategy.label()
                    )
                })?;
                let mut present: Vec<f64> = values.into_iter().filter(|x| !x.is_nan()).collect();
                let stat = if strategy == ImputeStrategy::Mean { mean(&present) } else { median(&mut present) };
                stat.map(|x| numeric_fill(data.column_type(), x))
            }
        };
        let fill = fill.ok_or_else(|| format!("'{name}' has no values in the training rows to learn a fill from"))?;
        fills.push((name.clone(), fill));
    }
    Ok(FittedStep::Impute { fills })
}

/// Fills the missing cells of each column with its learned value.
pub fn apply(mut table: Table, fills: &[(String, Fill)]) -> Result<Table, String> {
    for (name, fill) in fills {
        let position = table.position(name).ok_or_else(|| format!("there is no column named '{name}'"))?;
        let column = &mut table.columns[position];
        column.data = filled(std::mem::replace(&mut column.data, ColumnData::Number(Vec::new())), fill)
            .map_err(|e| format!("'{name}': {e}"))?;
    }
    Ok(table)
}

fn numeric_fill(column_type: ColumnType, x: f64) -> Fill {
    match column_type {
        ColumnType::Date => Fill::Date(x.round() as i32),
        ColumnType::DateTime => Fill::DateTime(x.round() as i64),
        _ => Fill::Number(x),
    }
}

fn filled(data: ColumnData, fill: &Fill) -> Result<ColumnData, String> {
    Ok(match (data, fill) {
        (ColumnData::Number(v), Fill::Number(x)) => {
            ColumnData::Number(v.into_iter().map(|y| if y.is_nan() { *x } else { y }).collect())
        }
        (ColumnData::Integer(v), Fill::Integer(x)) => ColumnData::Integer(v.into_iter().map(|y| y.or(Some(*x))).collect()),
        // A mean or median of integers is a number, as in scikit-learn.
        (ColumnData::Integer(v), Fill::Number(x)) => {
            ColumnData::Number(v.into_iter().map(|y| y.map_or(*x, |i| i as f64)).collect())
        }
        (ColumnData::Boolean(v), Fill::Boolean(x)) => ColumnData::Boolean(v.into_iter().map(|y| y.or(Some(*x))).collect()),
        (ColumnData::Boolean(v), Fill::Number(x)) => ColumnData::Number(
            v.into_iter().map(|y| y.map_or(*x, |b| if b { 1.0 } else { 0.0 })).collect(),
        ),
        (ColumnData::Date(v), Fill::Date(x)) => ColumnData::Date(v.into_iter().map(|y| y.or(Some(*x))).collect()),
        (ColumnData::DateTime(v), Fill::DateTime(x)) => {
            ColumnData::DateTime(v.into_iter().map(|y| y.or(Some(*x))).collect())
        }
        (ColumnData::Category { codes, mut levels }, Fill::Text(x)) => {
            let code = match levels.iter().position(|l| l == x) {
                Some(p) => p as u32,
                None => {
                    levels.push(x.clone());
                    (levels.len() - 1) as u32
                }
            };
            ColumnData::Category { codes: codes.into_iter().map(|c| c.or(Some(code))).collect(), levels }
        }
        (ColumnData::Text(v), Fill::Text(x)) => ColumnData::Text(v.into_iter().map(|y| y.or_else(|| Some(x.clone()))).collect()),
        (data, _) => {
            return Err(format!("a {} column cannot be filled with this value", data.column_type().name()))
        }
    })
}

fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 { values[mid] } else { (values[mid - 1] + values[mid]) / 2.0 })
}

/// The most frequent value; ties go to the smallest value, as in scikit-learn.
fn most_frequent(data: &ColumnData) -> Option<Fill> {
    match data {
        ColumnData::Number(v) => mode(v.iter().filter(|x| !x.is_nan()).map(|x| x.to_bits()), |a, b| {
            f64::from_bits(*a).total_cmp(&f64::from_bits(*b))
        })
        .map(|b| Fill::Number(f64::from_bits(b))),
        ColumnData::Integer(v) => mode(v.iter().flatten().copied(), Ord::cmp).map(Fill::Integer),
        ColumnData::Boolean(v) => mode(v.iter().flatten().copied(), Ord::cmp).map(Fill::Boolean),
        ColumnData::Date(v) => mode(v.iter().flatten().copied(), Ord::cmp).map(Fill::Date),
        ColumnData::DateTime(v) => mode(v.iter().flatten().copied(), Ord::cmp).map(Fill::DateTime),
        ColumnData::Category { codes, levels } => mode(codes.iter().flatten().copied(), |a, b| {
            levels[*a as usize].cmp(&levels[*b as usize])
        })
        .map(|c| Fill::Text(levels[c as usize].clone())),
        ColumnData::Text(v) => mode(v.iter().flatten().cloned(), Ord::cmp).map(Fill::Text),
    }
}

fn mode<T: std::hash::Hash + Eq + Clone>(
    values: impl Iterator<Item = T>,
    order: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Option<T> {
    let mut counts: HashMap<T, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|(a, ca), (b, cb)| ca.cmp(cb).then_with(|| order(b, a)))
        .map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::Column;

    fn table() -> Table {
        Table::new(
            "t",
            vec![
                Column::new("x", ColumnData::Number(vec![1.0, f64::NAN, 3.0, 10.0])),
                Column::new("n", ColumnData::Integer(vec![Some(2), Some(2), None, Some(5)])),
                Column::new(
                    "c",
                    ColumnData::Category { codes: vec![Some(1), Some(0), Some(1), None], levels: vec!["a".into(), "b".into()] },
                ),
            ],
        )
        .unwrap()
    }

    fn run(strategy: ImputeStrategy, cols: &[&str]) -> Result<Table, String> {
        let t = table();
        let cols: Vec<String> = cols.iter().map(|s| s.to_string()).collect();
        apply(t.clone(), match &fit(&t, &cols, strategy)? {
            FittedStep::Impute { fills } => fills,
            _ => unreachable!(),
        })
    }

    #[test]
    fn mean_median_and_most_frequent_match_scikit_learn() {
        // SimpleImputer(strategy=...).fit_transform on the same columns gives these fills.
        let t = run(ImputeStrategy::Mean, &["x", "n"]).unwrap();
        assert_eq!(t.columns[0].data, ColumnData::Number(vec![1.0, 14.0 / 3.0, 3.0, 10.0]));
        assert_eq!(t.columns[1].data, ColumnData::Number(vec![2.0, 2.0, 3.0, 5.0]));
        let t = run(ImputeStrategy::Median, &["x"]).unwrap();
        assert_eq!(t.columns[0].data, ColumnData::Number(vec![1.0, 3.0, 3.0, 10.0]));
        let t = run(ImputeStrategy::MostFrequent, &["n", "c"]).unwrap();
        assert_eq!(t.columns[1].data, ColumnData::Integer(vec![Some(2), Some(2), Some(2), Some(5)]));
        assert_eq!(t.columns[2].data.text_at(3).as_deref(), Some("b"));
    }

    #[test]
    fn mean_of_a_category_is_a_clear_error() {
        let err = run(ImputeStrategy::Mean, &["c"]).unwrap_err();
        assert!(err.contains("most frequent"), "{err}");
    }
}
