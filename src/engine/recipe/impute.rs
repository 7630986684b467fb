//! Missing-value imputation: mean, median, most frequent or a constant, learned per column on
//! the training rows, with an optional "was missing" indicator column (scikit-learn's
//! SimpleImputer with `add_indicator`).

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::{Error, Result};
use std::collections::HashMap;
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use super::columns::convert;
use super::finite::learned;
use super::schema::{Family, Param, ParamKind, StepInfo, ANY};
use super::step::{FitContext, FittedKind, StepKind};
use super::values::{ensure_new_names, insert_columns, numbers};
use crate::engine::base::stats::{mean, percentile_of_unsorted};
use crate::engine::base::table::{Column, ColumnData, ColumnType, Table};

/// How to choose the fill value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImputeStrategy {
    Mean,
    Median,
    MostFrequent,
    /// The step's `fill_value`.
    Constant,
}

/// Fills the missing values of `columns`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Impute {
    pub columns: Vec<String>,
    pub strategy: ImputeStrategy,
    /// The value for the constant strategy, as text (read as each column's type).
    #[serde(default)]
    pub fill_value: Option<String>,
    /// Also add a 0/1 column `<name>_was_missing` after each column.
    #[serde(default)]
    pub add_indicator: bool,
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

/// The learned fill of each column, and the columns that get an indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImputeFitted {
    pub fills: Vec<(String, Fill)>,
    #[serde(default)]
    pub indicators: Vec<String>,
}

impl ImputeStrategy {
    /// The strategies that learn a statistic, in the order the UI lists them.
    pub const STATISTICS: [ImputeStrategy; 3] =
        [ImputeStrategy::Mean, ImputeStrategy::Median, ImputeStrategy::MostFrequent];

    /// Lowercase label ("mean", "median", "most frequent", "constant").
    pub fn label(self) -> &'static str {
        match self {
            ImputeStrategy::Mean => "mean",
            ImputeStrategy::Median => "median",
            ImputeStrategy::MostFrequent => "most frequent",
            ImputeStrategy::Constant => "constant",
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
            ImputeStrategy::Constant => "Fills missing values with the value you give.",
        }
    }
}

impl Impute {
    /// Imputes `columns` with `strategy`, without indicators.
    pub fn new(columns: Vec<String>, strategy: ImputeStrategy) -> Impute {
        Impute { columns, strategy, fill_value: None, add_indicator: false }
    }
}

impl StepKind for Impute {
    type Fitted = ImputeFitted;

    fn info() -> StepInfo {
        let strategies =
            [("mean", "mean"), ("median", "median"), ("most_frequent", "most frequent"), ("constant", "a constant")];
        StepInfo::new(
            Family::MissingValues,
            "Impute missing",
            "Fills missing values with a statistic of the training rows, or a constant.",
            vec![
                Param::new("columns", "Columns", "The columns to fill.", ParamKind::columns(ANY)),
                Param::new(
                    "strategy",
                    "Fill with",
                    "What to put in the gaps.",
                    ParamKind::choice(&strategies, "median"),
                ),
                Param::new("fill_value", "Constant", "The value for the constant strategy.", ParamKind::text(""))
                    .optional(),
                Param::new(
                    "add_indicator",
                    "Add a \"was missing\" column",
                    "Also add a 0/1 column per column saying which rows were missing.",
                    ParamKind::Bool { default: false },
                ),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(match (&self.strategy, &self.fill_value) {
            (ImputeStrategy::Constant, Some(value)) => format!("'{value}'"),
            (strategy, _) => strategy.label().to_string(),
        })
    }

    fn explain(&self) -> Option<String> {
        Some(self.strategy.explain().to_string())
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<ImputeFitted> {
        let mut fills = Vec::with_capacity(self.columns.len());
        for name in &self.columns {
            let data = &table.require(name)?.data;
            let fill = self.learn(name, data)?;
            fills.push((name.clone(), fill));
        }
        let indicators = if self.add_indicator { self.columns.clone() } else { Vec::new() };
        Ok(ImputeFitted { fills, indicators })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        self.to_python()
    }
}

impl Impute {
    fn learn(&self, name: &str, data: &ColumnData) -> Result<Fill> {
        let fill = match self.strategy {
            ImputeStrategy::MostFrequent => most_frequent(data),
            ImputeStrategy::Constant => {
                let text =
                    self.fill_value.as_deref().filter(|t| !t.is_empty()).ok_or("give the constant to fill with")?;
                let typed = convert(&ColumnData::Text(vec![Some(text.to_string())]), data.column_type())
                    .map_err(|e| e.context(format_args!("'{name}'")))?;
                let fill = Fill::at(&typed, 0);
                if fill.is_none() {
                    return Err(Error::other(format!(
                        "'{text}' is not a valid {} value for '{name}'",
                        data.column_type().name()
                    )));
                }
                fill
            }
            ImputeStrategy::Mean | ImputeStrategy::Median => {
                let values = numbers(data).ok_or_else(|| {
                    format!(
                        "'{name}' is {} column, so it has no {}; use \"most frequent\" for it",
                        data.column_type().with_article(),
                        self.strategy.label()
                    )
                })?;
                let mut present: Vec<f64> = values.into_iter().filter(|x| !x.is_nan()).collect();
                let stat = if self.strategy == ImputeStrategy::Mean {
                    mean(&present)
                } else {
                    percentile_of_unsorted(&mut present, 50.0)
                };
                let stat = stat.map(|x| learned(name, self.strategy.label(), x, &present)).transpose()?;
                stat.map(|x| numeric_fill(data.column_type(), x))
            }
        };
        fill.ok_or_else(|| Error::other(format!("'{name}' has no values in the training rows to learn a fill from")))
    }
}

impl FittedKind for ImputeFitted {
    /// Fills the missing cells of each column with its learned value; indicators go right
    /// after their column.
    fn apply(&self, mut table: Table) -> Result<Table> {
        let names: Vec<String> = self.indicators.iter().map(|c| indicator_name(c)).collect();
        ensure_new_names(&table, &names)?;
        for (name, fill) in &self.fills {
            let position = table.require_position(name)?;
            let column = &mut table.columns[position];
            let indicator = self.indicators.contains(name).then(|| {
                let flags = (0..column.data.len()).map(|i| Some(i64::from(column.data.is_missing(i)))).collect();
                Column::new(indicator_name(name), ColumnData::Integer(flags))
            });
            let data = std::mem::replace(&mut column.data, ColumnData::Number(Default::default()));
            column.data = filled(data, fill).map_err(|e| e.context(format_args!("'{name}'")))?;
            insert_columns(&mut table, position + 1, indicator.into_iter().collect());
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

fn indicator_name(column: &str) -> String {
    format!("{column}_was_missing")
}

impl Fill {
    /// The value of row `i` of `data`, if present.
    fn at(data: &ColumnData, i: usize) -> Option<Fill> {
        match data {
            ColumnData::Number(v) => Some(v.at(i)).filter(|x| !x.is_nan()).map(Fill::Number),
            ColumnData::Integer(v) => v.get(i).map(Fill::Integer),
            ColumnData::Boolean(v) => v.get(i).copied().flatten().map(Fill::Boolean),
            ColumnData::Date(v) => v.get(i).map(Fill::Date),
            ColumnData::DateTime(v) => v.get(i).map(Fill::DateTime),
            ColumnData::Category { .. } | ColumnData::Text(_) => {
                if i < data.len() {
                    data.text_at(i).map(Fill::Text)
                } else {
                    None
                }
            }
        }
    }
}

fn numeric_fill(column_type: ColumnType, x: f64) -> Fill {
    match column_type {
        ColumnType::Date => Fill::Date(x.round() as i32),
        ColumnType::DateTime => Fill::DateTime(x.round() as i64),
        _ => Fill::Number(x),
    }
}

fn filled(data: ColumnData, fill: &Fill) -> Result<ColumnData> {
    Ok(match (data, fill) {
        (ColumnData::Number(v), Fill::Number(x)) => {
            ColumnData::Number(v.into_iter().map(|y| if y.is_nan() { *x } else { y }).collect())
        }
        (ColumnData::Integer(v), Fill::Integer(x)) => {
            ColumnData::Integer(v.into_iter().map(|y| y.or(Some(*x))).collect())
        }
        // A mean or median of integers is a number, as in scikit-learn.
        (ColumnData::Integer(v), Fill::Number(x)) => {
            ColumnData::Number(v.into_iter().map(|y| y.map_or(*x, |i| i as f64)).collect())
        }
        (ColumnData::Boolean(v), Fill::Boolean(x)) => {
            ColumnData::Boolean(v.into_iter().map(|y| y.or(Some(*x))).collect())
        }
        (ColumnData::Boolean(v), Fill::Number(x)) => {
            ColumnData::Number(v.into_iter().map(|y| y.map_or(*x, |b| if b { 1.0 } else { 0.0 })).collect())
        }
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
        (ColumnData::Text(v), Fill::Text(x)) => {
            ColumnData::Text(v.into_iter().map(|y| y.or_else(|| Some(x.clone()))).collect())
        }
        (data, _) => {
            return Err(Error::other(format!(
                "{} column cannot be filled with this value",
                data.column_type().with_article()
            )))
        }
    })
}

/// The most frequent value; ties go to the smallest value, as in scikit-learn.
fn most_frequent(data: &ColumnData) -> Option<Fill> {
    match data {
        ColumnData::Number(v) => {
            mode(v.iter().filter(|x| !x.is_nan()).map(|x| if x == 0.0 { 0 } else { x.to_bits() }), |a, b| {
                f64::from_bits(*a).total_cmp(&f64::from_bits(*b))
            })
            .map(|b| Fill::Number(f64::from_bits(b)))
        }
        ColumnData::Integer(v) => mode(v.present(), Ord::cmp).map(Fill::Integer),
        ColumnData::Boolean(v) => mode(v.iter().flatten().copied(), Ord::cmp).map(Fill::Boolean),
        ColumnData::Date(v) => mode(v.present(), Ord::cmp).map(Fill::Date),
        ColumnData::DateTime(v) => mode(v.present(), Ord::cmp).map(Fill::DateTime),
        ColumnData::Category { codes, levels } => {
            let level = |c: &u32| levels.get(*c as usize);
            mode(codes.present().filter(|c| level(c).is_some()), |a, b| level(a).cmp(&level(b)))
                .and_then(|c| level(&c).cloned())
                .map(Fill::Text)
        }
        ColumnData::Text(v) => {
            mode(v.iter().flatten().map(String::as_str), Ord::cmp).map(|t| Fill::Text(t.to_string()))
        }
    }
}

fn mode<T: Hash + Eq + Clone>(
    values: impl Iterator<Item = T>,
    order: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Option<T> {
    let mut counts: HashMap<T, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts.into_iter().max_by(|(a, ca), (b, cb)| ca.cmp(cb).then_with(|| order(b, a))).map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table::new(
            "t",
            vec![
                Column::new("x", ColumnData::Number(vec![1.0, f64::NAN, 3.0, 10.0].into())),
                Column::new("n", ColumnData::Integer(vec![Some(2), Some(2), None, Some(5)].into())),
                Column::new(
                    "c",
                    ColumnData::Category {
                        codes: vec![Some(1), Some(0), Some(1), None].into(),
                        levels: vec!["a".into(), "b".into()],
                    },
                ),
            ],
        )
        .unwrap()
    }

    fn run(step: Impute) -> Result<Table> {
        let t = table();
        step.fit(&t, &FitContext::default())?.apply(t)
    }

    fn cols(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn mean_median_and_most_frequent_match_scikit_learn() {
        // SimpleImputer(strategy=...).fit_transform on the same columns gives these fills.
        let t = run(Impute::new(cols(&["x", "n"]), ImputeStrategy::Mean)).unwrap();
        assert_eq!(t.columns[0].data, ColumnData::Number(vec![1.0, 14.0 / 3.0, 3.0, 10.0].into()));
        assert_eq!(t.columns[1].data, ColumnData::Number(vec![2.0, 2.0, 3.0, 5.0].into()));
        let t = run(Impute::new(cols(&["x"]), ImputeStrategy::Median)).unwrap();
        assert_eq!(t.columns[0].data, ColumnData::Number(vec![1.0, 3.0, 3.0, 10.0].into()));
        let t = run(Impute::new(cols(&["n", "c"]), ImputeStrategy::MostFrequent)).unwrap();
        assert_eq!(t.columns[1].data, ColumnData::Integer(vec![Some(2), Some(2), Some(2), Some(5)].into()));
        assert_eq!(t.columns[2].data.text_at(3).as_deref(), Some("b"));
    }

    #[test]
    fn constants_are_read_as_the_column_type_and_indicators_follow_their_column() {
        let step = Impute {
            fill_value: Some("7".into()),
            add_indicator: true,
            ..Impute::new(cols(&["n", "c"]), ImputeStrategy::Constant)
        };
        let t = run(step).unwrap();
        assert_eq!(t.column_names(), ["x", "n", "n_was_missing", "c", "c_was_missing"]);
        assert_eq!(t.columns[1].data, ColumnData::Integer(vec![Some(2), Some(2), Some(7), Some(5)].into()));
        assert_eq!(t.columns[2].data, ColumnData::Integer(vec![Some(0), Some(0), Some(1), Some(0)].into()));
        assert_eq!(t.columns[3].data.text_at(3).as_deref(), Some("7"));
        let bad = Impute { fill_value: Some("seven".into()), ..Impute::new(cols(&["n"]), ImputeStrategy::Constant) };
        assert!(run(bad).unwrap_err().contains("not a valid integer value"));
    }

    #[test]
    fn mean_of_a_category_is_a_clear_error() {
        let err = run(Impute::new(cols(&["c"]), ImputeStrategy::Mean)).unwrap_err();
        assert!(err.contains("most frequent"), "{err}");
    }
}
