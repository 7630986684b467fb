//! Typed views of a column that steps work on (numbers, labels), and small table edits
//! (find, replace, insert) that say clearly what is wrong.

use crate::engine::base::error::{Error, Result};
use std::borrow::Cow;
use std::collections::HashMap;

use crate::engine::base::table::names::{closest, visible};
use crate::engine::base::table::{Codes, Column, ColumnData, Table};

/// The column as numbers, `NaN` for missing, or `None` for a column of words.
/// Dates count days, datetimes milliseconds, booleans 0 and 1.
pub fn numbers(data: &ColumnData) -> Option<Vec<f64>> {
    Some(match data {
        ColumnData::Number(v) => v.floats().into_owned(),
        ColumnData::Integer(v) => v.iter().map(|x| x.map_or(f64::NAN, |x| x as f64)).collect(),
        ColumnData::Boolean(v) => v.iter().map(|x| x.map_or(f64::NAN, |b| f64::from(u8::from(b)))).collect(),
        ColumnData::Date(v) => v.iter().map(|x| x.map_or(f64::NAN, f64::from)).collect(),
        ColumnData::DateTime(v) => v.iter().map(|x| x.map_or(f64::NAN, |ms| ms as f64)).collect(),
        ColumnData::Category { .. } | ColumnData::Text(_) => return None,
    })
}

/// The numbers of column `name`, or an error saying it is missing or holds words.
pub fn numeric_column(table: &Table, name: &str) -> Result<Vec<f64>> {
    let column = table.require(name)?;
    numbers(&column.data).ok_or_else(|| {
        Error::wrong_type(
            name,
            format!(
                "'{}' is {} column, and this step needs numbers",
                visible(name),
                column.column_type().with_article()
            ),
        )
    })
}

/// The present values, sorted ascending.
pub fn sorted_present(values: &[f64]) -> Vec<f64> {
    let mut present: Vec<f64> = values.iter().copied().filter(|x| !x.is_nan()).collect();
    present.sort_unstable_by(f64::total_cmp);
    present
}

/// Any column as a dictionary: one code per row into its distinct labels (the cells' text).
/// Borrowed from a category column, built for the others (levels in order of appearance).
#[derive(Clone, Debug)]
pub struct Labels<'a> {
    pub codes: Cow<'a, Codes>,
    pub levels: Cow<'a, [String]>,
}

impl Labels<'_> {
    /// The dictionary view of `data`.
    pub fn of(data: &ColumnData) -> Labels<'_> {
        match data {
            ColumnData::Category { codes, levels } => {
                Labels { codes: Cow::Borrowed(codes), levels: Cow::Borrowed(levels) }
            }
            ColumnData::Text(values) => Labels::build(values.iter().map(|v| v.as_deref().map(Cow::Borrowed))),
            other => Labels::build((0..other.len()).map(|i| other.text_at(i).map(Cow::Owned))),
        }
    }

    fn build<'t>(cells: impl Iterator<Item = Option<Cow<'t, str>>>) -> Labels<'static> {
        let mut index: HashMap<Cow<'t, str>, u32> = HashMap::new();
        let mut levels = Vec::new();
        let codes = cells
            .map(|cell| {
                let cell = cell?;
                let next = index.len() as u32;
                Some(*index.entry(cell).or_insert_with_key(|text| {
                    levels.push(text.to_string());
                    next
                }))
            })
            .collect();
        Labels { codes: Cow::Owned(codes), levels: Cow::Owned(levels) }
    }

    /// How many rows hold each level.
    pub fn counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.levels.len()];
        for code in self.codes.present() {
            if let Some(count) = counts.get_mut(code as usize) {
                *count += 1;
            }
        }
        counts
    }

    /// For each level, `f` of its text: computed once per distinct label.
    pub fn per_level<T>(&self, f: impl FnMut(&String) -> T) -> Vec<T> {
        self.levels.iter().map(f).collect()
    }

    /// One value per row: the level's value, or `missing` for a missing row.
    pub fn spread<T: Clone, C: FromIterator<T>>(&self, per_level: &[T], missing: T) -> C {
        self.codes
            .iter()
            .map(|code| code.and_then(|c| per_level.get(c as usize)).cloned().unwrap_or_else(|| missing.clone()))
            .collect()
    }
}

/// A text or category column with every label passed through `f` (`None`: missing). A
/// category keeps its type, with levels that became equal merged.
pub fn map_labels(data: ColumnData, mut f: impl FnMut(&str) -> Option<String>) -> Result<ColumnData> {
    match data {
        ColumnData::Text(values) => Ok(ColumnData::Text(values.into_iter().map(|v| v.and_then(|v| f(&v))).collect())),
        ColumnData::Category { codes, levels } => {
            let mut index: HashMap<String, u32> = HashMap::new();
            let mut new_levels = Vec::new();
            let remap: Vec<Option<u32>> = levels
                .iter()
                .map(|level| {
                    let text = f(level)?;
                    let next = new_levels.len() as u32;
                    Some(*index.entry(text).or_insert_with_key(|text| {
                        new_levels.push(text.clone());
                        next
                    }))
                })
                .collect();
            let codes = codes.into_iter().map(|c| c.and_then(|c| remap.get(c as usize).copied().flatten())).collect();
            Ok(ColumnData::Category { codes, levels: new_levels })
        }
        other => Err(Error::other(format!(
            "this step works on text and category columns, not on {} column",
            other.column_type().with_article()
        ))),
    }
}

/// Replaces the data of column `name` with `f` of it.
pub fn update_column(table: &mut Table, name: &str, f: impl FnOnce(ColumnData) -> Result<ColumnData>) -> Result<()> {
    let position = table.require_position(name)?;
    let column = &mut table.columns[position];
    let data = std::mem::replace(&mut column.data, ColumnData::Number(Default::default()));
    column.data = f(data).map_err(|e| e.context(format_args!("'{name}'")))?;
    Ok(())
}

/// An error when a column called like one of `names` exists already (or `names` repeat).
pub fn ensure_new_names(table: &Table, names: &[String]) -> Result<()> {
    let mut taken: Vec<&str> = names.iter().filter(|n| table.column(n).is_some()).map(String::as_str).collect();
    for (i, name) in names.iter().enumerate() {
        if names[..i].contains(name) && !taken.contains(&name.as_str()) {
            taken.push(name);
        }
    }
    if name_is_blank(names) {
        return Err("a new column needs a name".into());
    }
    match taken.as_slice() {
        [] => Ok(()),
        [one] => Err(Error::other(format!("a column named '{one}' exists already; rename or drop it first"))),
        many => Err(Error::other(format!("columns named {} exist already; rename or drop them first", quoted(many)))),
    }
}

fn name_is_blank(names: &[String]) -> bool {
    names.iter().any(|n| n.trim().is_empty())
}

/// Inserts `columns` at `position` (clamped to the end).
pub fn insert_columns(table: &mut Table, position: usize, columns: Vec<Column>) {
    let position = position.min(table.columns.len());
    table.columns.splice(position..position, columns);
}

/// An error naming every one of `names` that `table` lacks.
pub fn require_all<S: AsRef<str>>(table: &Table, names: &[S]) -> Result<()> {
    let mut absent: Vec<&str> = Vec::new();
    for name in names.iter().map(AsRef::as_ref) {
        if table.column(name).is_none() && !absent.contains(&name) {
            absent.push(name);
        }
    }
    match absent.as_slice() {
        [] => Ok(()),
        [one] => Err(table.missing_column(one)),
        many => {
            let known = table.column_names();
            let hints: Vec<String> = many
                .iter()
                .filter_map(|n| closest(n, &known).map(|k| format!("'{}' for '{}'", visible(k), visible(n))))
                .collect();
            let hint = if hints.is_empty() { String::new() } else { format!("; did you mean {}?", hints.join(", ")) };
            Err(Error::missing_column(many[0], format!("there are no columns named {}{hint}", quoted(many))))
        }
    }
}

/// `'a', 'b', 'c'`.
pub fn quoted<S: AsRef<str>>(names: &[S]) -> String {
    names.iter().map(|n| format!("'{}'", visible(n.as_ref()))).collect::<Vec<_>>().join(", ")
}

/// The rows of `table` where `keep` is true (the table itself when every row is kept).
pub fn keep_rows(table: Table, keep: &[bool]) -> Table {
    if keep.iter().all(|k| *k) {
        return table;
    }
    let rows: Vec<usize> = keep.iter().enumerate().filter(|(_, k)| **k).map(|(i, _)| i).collect();
    table.take(&rows)
}
