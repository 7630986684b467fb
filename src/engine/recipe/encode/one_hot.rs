//! One-hot encoding: one 0/1 column per category seen in the training rows (scikit-learn's
//! OneHotEncoder with `handle_unknown="ignore"`).

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::{Error, Result};
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::sorted_categories;
use crate::engine::base::table::{Column, ColumnData, Table};
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, DISCRETE};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{ensure_new_names, Labels};

/// Replaces each column by one 0/1 column per category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OneHot {
    pub columns: Vec<String>,
    /// Keep only this many of the most frequent categories; the others give all zeros.
    #[serde(default)]
    pub max_categories: Option<usize>,
    /// Leave out the first category (it is the row of all zeros), as `drop="first"`.
    #[serde(default)]
    pub drop_first: bool,
}

/// The learned output columns of each encoded column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OneHotFitted {
    pub encodings: Vec<Encoding>,
}

/// The categories that get a column, in output order (sorted as scikit-learn sorts them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Encoding {
    pub column: String,
    pub categories: Vec<String>,
}

impl OneHot {
    /// One-hot encodes `columns` with every category and no drop.
    pub fn new(columns: Vec<String>) -> OneHot {
        OneHot { columns, max_categories: None, drop_first: false }
    }
}

impl StepKind for OneHot {
    type Fitted = OneHotFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Encoding,
            "One-hot encode",
            "Turns each category into its own 0/1 column, so models that need numbers can use it.",
            vec![
                Param::new("columns", "Columns", "The category columns to encode.", ParamKind::columns(DISCRETE)),
                Param::new(
                    "max_categories",
                    "At most",
                    "Keep only the most frequent categories; the others get all zeros.",
                    ParamKind::integer(20, Some(1), None),
                )
                .optional(),
                Param::new(
                    "drop_first",
                    "Drop the first category",
                    "Leave out the first category's column (it is the row of zeros), for linear models.",
                    ParamKind::Bool { default: false },
                ),
            ],
        )
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<OneHotFitted> {
        let mut encodings = Vec::with_capacity(self.columns.len());
        for name in &self.columns {
            let mut counted = sorted_categories(&table.require(name)?.data);
            if counted.is_empty() {
                return Err(Error::other(format!(
                    "'{name}' has no values in the training rows to learn categories from"
                )));
            }
            if let Some(cap) = self.max_categories.filter(|cap| *cap < counted.len()) {
                let mut by_count: Vec<usize> = (0..counted.len()).collect();
                by_count.sort_by_key(|i| std::cmp::Reverse(counted[*i].1));
                let mut kept = vec![false; counted.len()];
                by_count.iter().take(cap).for_each(|i| kept[*i] = true);
                let mut k = kept.iter();
                counted.retain(|_| k.next().copied().unwrap_or(false));
            }
            let skip = usize::from(self.drop_first);
            let categories = counted.into_iter().skip(skip).map(|(c, _)| c).collect();
            encodings.push(Encoding { column: name.clone(), categories });
        }
        Ok(OneHotFitted { encodings })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        self.to_python()
    }
}

impl FittedKind for OneHotFitted {
    /// Replaces each encoded column, in place, by its 0/1 columns named `column_category`.
    /// A category not seen in training, or a missing value, gives all zeros.
    fn apply(&self, mut table: Table) -> Result<Table> {
        for encoding in &self.encodings {
            let position = table.require_position(&encoding.column)?;
            let names: Vec<String> = encoding.categories.iter().map(|c| format!("{}_{c}", encoding.column)).collect();
            let source = table.columns.remove(position);
            ensure_new_names(&table, &names)?;
            let labels = Labels::of(&source.data);
            let output: HashMap<&str, usize> =
                encoding.categories.iter().enumerate().map(|(i, c)| (c.as_str(), i)).collect();
            let slot = labels.per_level(|level| output.get(level.as_str()).copied());
            let row_slots: Vec<Option<usize>> = labels.spread(&slot, None);
            let columns: Vec<Column> = names
                .into_iter()
                .enumerate()
                .map(|(j, name)| {
                    let flags = row_slots.iter().map(|s| Some(i64::from(*s == Some(j)))).collect();
                    Column::new(name, ColumnData::Integer(flags))
                })
                .collect();
            table.columns.splice(position..position, columns);
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

    #[test]
    fn encodes_in_place_and_ignores_unknown_categories() {
        let train = Table::new(
            "t",
            vec![
                Column::new("a", ColumnData::Number(vec![1.0, 2.0].into())),
                Column::new("c", ColumnData::Text(vec![Some("y".into()), Some("x".into())])),
            ],
        )
        .unwrap();
        let fitted = OneHot::new(vec!["c".to_string()]).fit(&train, &FitContext::default()).unwrap();
        let test = Table::new(
            "t",
            vec![
                Column::new("a", ColumnData::Number(vec![3.0, 4.0].into())),
                Column::new("c", ColumnData::Text(vec![Some("z".into()), Some("y".into())])),
            ],
        )
        .unwrap();
        let out = fitted.apply(test).unwrap();
        assert_eq!(out.column_names(), ["a", "c_x", "c_y"]);
        assert_eq!(out.columns[1].data, ColumnData::Integer(vec![Some(0), Some(0)].into()));
        assert_eq!(out.columns[2].data, ColumnData::Integer(vec![Some(0), Some(1)].into()));
    }

    #[test]
    fn caps_categories_by_frequency_and_drops_the_first() {
        let values = ["b", "b", "b", "a", "c", "c", "d"];
        let t = Table::new(
            "t",
            vec![Column::new("c", ColumnData::Text(values.iter().map(|v| Some(v.to_string())).collect()))],
        )
        .unwrap();
        let step = OneHot { max_categories: Some(2), ..OneHot::new(vec!["c".into()]) };
        assert_eq!(step.fit(&t, &FitContext::default()).unwrap().encodings[0].categories, ["b", "c"]);
        let step = OneHot { drop_first: true, ..OneHot::new(vec!["c".into()]) };
        assert_eq!(step.fit(&t, &FitContext::default()).unwrap().encodings[0].categories, ["b", "c", "d"]);
    }
}
