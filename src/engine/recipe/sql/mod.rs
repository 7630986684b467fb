//! A fitted step as SQL: what a step's translation sees (the columns before it, with Sift's
//! types, and the dialect) and what it gives (the columns after it, each an expression over
//! the columns before, and for a row filter a `WHERE` condition).
//!
//! Each step kind writes its translation in its own `sql.rs` beside its fit and apply
//! ([`super::FittedKind::sql`]); `engine::artifact::sql` makes one CTE of each. Missing values
//! are SQL `NULL` exactly where Sift has a missing value; a step that cannot be exact in a
//! dialect refuses with the reason (the assembler names the step).

mod expr;

pub use expr::{
    as_double, ascii_only, bool_literal, date_literal, datetime_literal, divide, exp_m1, fill_null, label, ln_1p,
    lookup, missing_flag, replace_all, text_cast, whole_or_null, WHITE_SPACE,
};

pub use super::column_list::{insert_after, replace_with};

use super::column_list::Named;
use crate::engine::base::sql::Dialect;
use crate::engine::base::table::ColumnType;

/// One column after a step: its name, Sift type, and the SQL that computes it from the
/// columns before the step.
#[derive(Clone, Debug, PartialEq)]
pub struct SqlColumn {
    pub name: String,
    pub column_type: ColumnType,
    pub expr: String,
}

/// The columns before a step, as its translation sees them.
#[derive(Clone, Debug, PartialEq)]
pub struct SqlFrame {
    pub dialect: Dialect,
    /// (name, Sift type) of each column, in order.
    pub columns: Vec<(String, ColumnType)>,
}

/// What a step becomes: the columns after it and, for a step that removes rows, the condition
/// a row must meet to stay.
#[derive(Clone, Debug, PartialEq)]
pub struct SqlStep {
    pub columns: Vec<SqlColumn>,
    pub filter: Option<String>,
}

impl SqlFrame {
    /// The quoted name of `name`, as an expression over the columns before the step.
    pub fn col(&self, name: &str) -> String {
        self.dialect.ident(name)
    }

    /// The type of column `name`, or an error naming it.
    pub fn type_of(&self, name: &str) -> Result<ColumnType, String> {
        self.position(name).map(|i| self.columns[i].1)
    }

    /// The position of column `name`, or an error naming it.
    pub fn position(&self, name: &str) -> Result<usize, String> {
        self.columns.iter().position(|(n, _)| n == name).ok_or_else(|| format!("there is no column named '{name}'"))
    }

    /// Every column passed through unchanged: the start of most translations.
    pub fn unchanged(&self) -> Vec<SqlColumn> {
        self.columns
            .iter()
            .map(|(name, column_type)| SqlColumn {
                name: name.clone(),
                column_type: *column_type,
                expr: self.col(name),
            })
            .collect()
    }

    /// A step that keeps the rows and gives `columns`.
    pub fn step(columns: Vec<SqlColumn>) -> SqlStep {
        SqlStep { columns, filter: None }
    }

    /// Every column unchanged, rows kept if `condition` holds.
    pub fn filter(&self, condition: String) -> SqlStep {
        SqlStep { columns: self.unchanged(), filter: Some(condition) }
    }

    /// Every column unchanged but those `change` gives a new (type, expression) for.
    pub fn map_columns(
        &self,
        mut change: impl FnMut(&str, ColumnType) -> Result<Option<(ColumnType, String)>, String>,
    ) -> Result<SqlStep, String> {
        let mut columns = self.unchanged();
        for column in &mut columns {
            if let Some((column_type, expr)) = change(&column.name, column.column_type)? {
                column.column_type = column_type;
                column.expr = expr;
            }
        }
        Ok(SqlFrame::step(columns))
    }

    /// Refuses when a name in `names` is not a column before the step.
    pub fn require(&self, names: &[String]) -> Result<(), String> {
        names.iter().try_for_each(|n| self.position(n).map(|_| ()))
    }
}

impl SqlColumn {
    /// A column `name` of `column_type` computed by `expr`.
    pub fn new(name: impl Into<String>, column_type: ColumnType, expr: String) -> SqlColumn {
        SqlColumn { name: name.into(), column_type, expr }
    }
}

impl SqlFrame {
    /// Column `name` as a `DOUBLE` (see [`as_double`]), or an error when it holds words.
    pub fn number(&self, name: &str) -> Result<String, String> {
        let column_type = self.type_of(name)?;
        as_double(&self.col(name), column_type, self.dialect)
            .ok_or_else(|| format!("'{name}' is {} column, and this step needs numbers", column_type.with_article()))
    }

    /// Every column unchanged but `names`, each replaced by the number `f` makes of its
    /// `DOUBLE` (a `NULL` in gives a `NULL` out, which `f` must keep).
    pub fn map_numbers(
        &self,
        names: &[String],
        f: impl Fn(&str, &str) -> Result<String, String>,
    ) -> Result<SqlStep, String> {
        self.require(names)?;
        self.map_columns(|name, _| {
            if names.iter().any(|n| n == name) {
                Ok(Some((ColumnType::Number, f(name, &self.number(name)?)?)))
            } else {
                Ok(None)
            }
        })
    }
}

impl SqlFrame {
    /// Column `name` as label text (see [`label`]), or an error for a column of numbers.
    pub fn label(&self, name: &str) -> Result<String, String> {
        let column_type = self.type_of(name)?;
        label(&self.col(name), column_type, self.dialect).ok_or_else(|| {
            format!(
                "'{name}' is {} column; its values as text could differ from Sift's in SQL",
                column_type.with_article()
            )
        })
    }
}

impl SqlFrame {
    /// Every column unchanged but the text or category columns `names`, each replaced (same
    /// type) by what `f` makes of its quoted name; `NULL` must stay `NULL`.
    pub fn map_labels(&self, names: &[String], f: impl Fn(&str) -> Result<String, String>) -> Result<SqlStep, String> {
        self.require(names)?;
        self.map_columns(|name, column_type| {
            if !names.iter().any(|n| n == name) {
                return Ok(None);
            }
            if !matches!(column_type, ColumnType::Category | ColumnType::Text) {
                return Err(format!("'{name}' is {} column, not text", column_type.with_article()));
            }
            Ok(Some((column_type, f(&self.col(name))?)))
        })
    }
}

impl Named for SqlColumn {
    fn name(&self) -> &str {
        &self.name
    }
}
