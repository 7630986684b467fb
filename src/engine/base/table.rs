//! The columnar table every stage works on.
//!
//! A [`Table`] is a list of named, typed [`Column`]s of equal length. Missing values are
//! part of each column's storage (`NaN` for floats, a gap in a [`Nullable`], [`Integers`] or
//! [`Codes`], `None` elsewhere), never strings.

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

pub mod names;

pub use crate::engine::base::compact::{Codes, Integers};
pub use crate::engine::base::nullable::Nullable;
pub use crate::engine::base::number_column::Numbers;

/// The type of a column as the user sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    Number,
    Integer,
    Boolean,
    Date,
    DateTime,
    Category,
    Text,
}

impl ColumnType {
    /// Every type, in the order the UI lists them.
    pub const ALL: [ColumnType; 7] = [
        ColumnType::Number,
        ColumnType::Integer,
        ColumnType::Boolean,
        ColumnType::Date,
        ColumnType::DateTime,
        ColumnType::Category,
        ColumnType::Text,
    ];

    /// The lowercase name used in the UI, the report and JSON.
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Number => "number",
            ColumnType::Integer => "integer",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
            ColumnType::DateTime => "datetime",
            ColumnType::Category => "category",
            ColumnType::Text => "text",
        }
    }

    /// The name after "a" or "an": "an integer", "a number".
    pub fn with_article(self) -> String {
        format!("{} {}", crate::engine::base::format::a_or_an(self.name()), self.name())
    }

    /// Whether a model can use the column as it is (after imputing).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ColumnType::Number | ColumnType::Integer | ColumnType::Boolean | ColumnType::Date | ColumnType::DateTime
        )
    }
}

/// The values of one column. Missing: `NaN` in `Number`, `None` elsewhere (a [`Nullable`]
/// keeps dates and datetimes at their own size; [`Integers`] and [`Codes`] at the narrowest
/// size their values fit).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ColumnData {
    Number(Numbers),
    Integer(Integers),
    Boolean(Vec<Option<bool>>),
    /// Days since 1970-01-01.
    Date(Nullable<i32>),
    /// Milliseconds since 1970-01-01T00:00:00 UTC.
    DateTime(Nullable<i64>),
    /// Dictionary-encoded: each code indexes `levels`.
    Category {
        codes: Codes,
        levels: Vec<String>,
    },
    Text(Vec<Option<String>>),
}

/// A named column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    pub data: ColumnData,
}

/// A named table of equal-length columns.
///
/// The table knows its row count even when it has no column left (a PCA over every column
/// before it adds its components, a recipe that drops every column): `rows` is set by every
/// constructor and by [`Table::take`], and [`Table::row_count`] falls back on it only when
/// there is no column to read the count from. Code that empties `columns` in place keeps
/// the count; code that changes the length of the columns goes through [`Table::take`] or
/// [`Table::new`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// The row count when the table was built or its rows were taken; older JSON has none.
    #[serde(default)]
    rows: usize,
}

/// Tables are equal when their names, columns and row counts are.
impl PartialEq for Table {
    fn eq(&self, other: &Table) -> bool {
        self.name == other.name && self.columns == other.columns && self.row_count() == other.row_count()
    }
}

impl ColumnData {
    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            ColumnData::Number(v) => v.len(),
            ColumnData::Integer(v) => v.len(),
            ColumnData::Boolean(v) => v.len(),
            ColumnData::Date(v) => v.len(),
            ColumnData::DateTime(v) => v.len(),
            ColumnData::Category { codes, .. } => codes.len(),
            ColumnData::Text(v) => v.len(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The column's type.
    pub fn column_type(&self) -> ColumnType {
        match self {
            ColumnData::Number(_) => ColumnType::Number,
            ColumnData::Integer(_) => ColumnType::Integer,
            ColumnData::Boolean(_) => ColumnType::Boolean,
            ColumnData::Date(_) => ColumnType::Date,
            ColumnData::DateTime(_) => ColumnType::DateTime,
            ColumnData::Category { .. } => ColumnType::Category,
            ColumnData::Text(_) => ColumnType::Text,
        }
    }

    /// Whether row `i` is missing.
    pub fn is_missing(&self, i: usize) -> bool {
        match self {
            ColumnData::Number(v) => v.is_missing(i),
            ColumnData::Integer(v) => v.is_missing(i),
            ColumnData::DateTime(v) => v.is_missing(i),
            ColumnData::Boolean(v) => v[i].is_none(),
            ColumnData::Date(v) => v.is_missing(i),
            ColumnData::Category { codes, .. } => codes.is_missing(i),
            ColumnData::Text(v) => v[i].is_none(),
        }
    }

    /// Count of missing rows.
    pub fn missing_count(&self) -> usize {
        match self {
            ColumnData::Integer(v) => v.missing_count(),
            ColumnData::DateTime(v) => v.missing_count(),
            ColumnData::Date(v) => v.missing_count(),
            ColumnData::Category { codes, .. } => codes.missing_count(),
            _ => (0..self.len()).filter(|&i| self.is_missing(i)).count(),
        }
    }

    /// Row `i` as a number, for numeric types (dates as days, datetimes as milliseconds,
    /// booleans as 0/1).
    pub fn number_at(&self, i: usize) -> Option<f64> {
        match self {
            ColumnData::Number(v) => Some(v.at(i)).filter(|x| !x.is_nan()),
            ColumnData::Integer(v) => v.get(i).map(|x| x as f64),
            ColumnData::Boolean(v) => v[i].map(|b| if b { 1.0 } else { 0.0 }),
            ColumnData::Date(v) => v.get(i).map(f64::from),
            ColumnData::DateTime(v) => v.get(i).map(|ms| ms as f64),
            ColumnData::Category { .. } | ColumnData::Text(_) => None,
        }
    }

    /// The column as numbers with `NaN` for missing, for numeric types.
    pub fn to_numbers(&self) -> Option<Vec<f64>> {
        if !self.column_type().is_numeric() {
            return None;
        }
        Some((0..self.len()).map(|i| self.number_at(i).unwrap_or(f64::NAN)).collect())
    }

    /// Row `i` as display text; `None` when missing.
    pub fn text_at(&self, i: usize) -> Option<String> {
        match self {
            ColumnData::Number(v) => Some(v.at(i)).filter(|x| !x.is_nan()).map(format_number),
            ColumnData::Integer(v) => v.get(i).map(|x| x.to_string()),
            ColumnData::Boolean(v) => v[i].map(|b| b.to_string()),
            ColumnData::Date(v) => v.get(i).map(crate::engine::base::dates::format_iso_date),
            ColumnData::DateTime(v) => v.get(i).map(crate::engine::base::dates::format_iso_datetime),
            ColumnData::Category { codes, levels } => codes.get(i).and_then(|c| levels.get(c as usize)).cloned(),
            ColumnData::Text(v) => v[i].clone(),
        }
    }

    /// A new column holding rows `indices` in that order.
    pub fn take(&self, indices: &[usize]) -> ColumnData {
        fn pick<T: Clone>(v: &[T], idx: &[usize]) -> Vec<T> {
            idx.iter().map(|&i| v[i].clone()).collect()
        }
        match self {
            ColumnData::Number(v) => ColumnData::Number(v.take(indices)),
            ColumnData::Integer(v) => ColumnData::Integer(v.take(indices)),
            ColumnData::Boolean(v) => ColumnData::Boolean(pick(v, indices)),
            ColumnData::Date(v) => ColumnData::Date(v.take(indices)),
            ColumnData::DateTime(v) => ColumnData::DateTime(v.take(indices)),
            ColumnData::Category { codes, levels } => {
                ColumnData::Category { codes: codes.take(indices), levels: levels.clone() }
            }
            ColumnData::Text(v) => ColumnData::Text(pick(v, indices)),
        }
    }

    /// A new column holding rows `indices` in that order; `None` gives a missing value.
    pub fn take_optional(&self, indices: &[Option<usize>]) -> ColumnData {
        fn pick<T: Clone>(v: &[T], idx: &[Option<usize>], missing: T) -> Vec<T> {
            idx.iter().map(|i| i.map_or_else(|| missing.clone(), |i| v[i].clone())).collect()
        }
        match self {
            ColumnData::Number(v) => ColumnData::Number(v.take_optional(indices)),
            ColumnData::Integer(v) => ColumnData::Integer(v.take_optional(indices)),
            ColumnData::Boolean(v) => ColumnData::Boolean(pick(v, indices, None)),
            ColumnData::Date(v) => ColumnData::Date(v.take_optional(indices)),
            ColumnData::DateTime(v) => ColumnData::DateTime(v.take_optional(indices)),
            ColumnData::Category { codes, levels } => {
                ColumnData::Category { codes: codes.take_optional(indices), levels: levels.clone() }
            }
            ColumnData::Text(v) => ColumnData::Text(pick(v, indices, None)),
        }
    }
}

/// Shortest text that parses back to the same `f64`.
pub fn format_number(x: f64) -> String {
    if x.is_finite() && x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

impl Column {
    /// A column from a name and its values.
    pub fn new(name: impl Into<String>, data: ColumnData) -> Self {
        Column { name: name.into(), data }
    }

    /// The column's type.
    pub fn column_type(&self) -> ColumnType {
        self.data.column_type()
    }
}

impl Table {
    /// A table from columns; all columns must have the same length.
    pub fn new(name: impl Into<String>, columns: Vec<Column>) -> Result<Self> {
        if let Some(first) = columns.first() {
            let n = first.data.len();
            if let Some(bad) = columns.iter().find(|c| c.data.len() != n) {
                return Err(Error::other(format!(
                    "column '{}' has {} but '{}' has {n}",
                    bad.name,
                    crate::engine::base::format::count_of(bad.data.len(), "row"),
                    first.name
                )));
            }
        }
        let rows = columns.first().map_or(0, |c| c.data.len());
        Ok(Table { name: name.into(), columns, rows })
    }

    /// A table of `rows` rows from columns, which may be none; each must have `rows` values.
    pub fn with_rows(name: impl Into<String>, columns: Vec<Column>, rows: usize) -> Result<Self> {
        if let Some(bad) = columns.iter().find(|c| c.data.len() != rows) {
            return Err(Error::other(format!(
                "column '{}' has {} but the table has {rows}",
                bad.name,
                crate::engine::base::format::count_of(bad.data.len(), "row")
            )));
        }
        Ok(Table { name: name.into(), columns, rows })
    }

    /// Number of rows (kept when the table has no column).
    pub fn row_count(&self) -> usize {
        self.columns.first().map_or(self.rows, |c| c.data.len())
    }

    /// Number of columns.
    pub fn column_count(&self) -> usize {
        self.columns.len()
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Position of the column called `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The column called `name`, or the [`missing_column`](Table::missing_column) error.
    pub fn require(&self, name: &str) -> Result<&Column> {
        self.require_position(name).map(|i| &self.columns[i])
    }

    /// Position of the column called `name`, or the [`missing_column`](Table::missing_column)
    /// error: the one column lookup that reports a missing column.
    pub fn require_position(&self, name: &str) -> Result<usize> {
        self.position(name).ok_or_else(|| self.missing_column(name))
    }

    /// "there is no column named 'x'" ([`ErrorKind::MissingColumn`](crate::engine::base::error::ErrorKind)),
    /// with the closest existing name when one is close. Invisible characters in either name are
    /// shown (`'t\u{200b}'`).
    pub fn missing_column(&self, name: &str) -> Error {
        let known: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
        let message =
            format!("there is no column named '{}'{}", names::visible(name), names::did_you_mean(name, &known));
        Error::missing_column(name, message)
    }

    /// Column names in order.
    pub fn column_names(&self) -> Vec<String> {
        self.columns.iter().map(|c| c.name.clone()).collect()
    }

    /// A new table holding rows `indices` in that order.
    pub fn take(&self, indices: &[usize]) -> Table {
        Table {
            name: self.name.clone(),
            rows: indices.len(),
            columns: self.columns.iter().map(|c| Column::new(c.name.clone(), c.data.take(indices))).collect(),
        }
    }

    /// The same table without the column called `name` (unchanged if absent).
    pub fn without(&self, name: &str) -> Table {
        Table {
            name: self.name.clone(),
            rows: self.row_count(),
            columns: self.columns.iter().filter(|c| c.name != name).cloned().collect(),
        }
    }

    /// Total missing cells.
    pub fn missing_cells(&self) -> usize {
        self.columns.iter().map(|c| c.data.missing_count()).sum()
    }
}
