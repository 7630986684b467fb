//! Imputation as SQL: `COALESCE` with the learned fill, typed as Sift types the filled
//! column, and the "was missing" 0/1 column after it.

use super::{indicator_name, Fill, ImputeFitted};
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{
    as_double, bool_literal, date_literal, datetime_literal, fill_null, insert_after, missing_flag, SqlColumn,
    SqlFrame, SqlStep,
};

impl ImputeFitted {
    /// Each filled column as `COALESCE(column, fill)`; indicators from the column before.
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let mut columns = before.unchanged();
        for (name, fill) in &self.fills {
            let column_type = before.type_of(name)?;
            let col = before.col(name);
            let (filled_type, expr) = match (column_type, fill) {
                (ColumnType::Number, Fill::Number(x)) => (ColumnType::Number, fill_null(&col, &d.number(*x))),
                (ColumnType::Integer, Fill::Integer(x)) => (ColumnType::Integer, fill_null(&col, &x.to_string())),
                (ColumnType::Integer | ColumnType::Boolean, Fill::Number(x)) => {
                    let number = as_double(&col, column_type, d).unwrap_or_default();
                    (ColumnType::Number, fill_null(&number, &d.number(*x)))
                }
                (ColumnType::Boolean, Fill::Boolean(b)) => (ColumnType::Boolean, fill_null(&col, bool_literal(*b))),
                (ColumnType::Date, Fill::Date(days)) => (ColumnType::Date, fill_null(&col, &date_literal(*days))),
                (ColumnType::DateTime, Fill::DateTime(ms)) => {
                    (ColumnType::DateTime, fill_null(&col, &datetime_literal(*ms)))
                }
                (ColumnType::Category | ColumnType::Text, Fill::Text(text)) => {
                    (column_type, fill_null(&col, &d.string(text)))
                }
                _ => {
                    return Err(format!(
                        "'{name}' is {} column, which this fill does not fit",
                        column_type.with_article()
                    ))
                }
            };
            let at = columns.iter().position(|c| &c.name == name).ok_or_else(|| format!("no column '{name}'"))?;
            columns[at] = SqlColumn::new(name.clone(), filled_type, expr);
            if self.indicators.contains(name) {
                let flag = SqlColumn::new(indicator_name(name), ColumnType::Integer, missing_flag(&col));
                insert_after(&mut columns, name, vec![flag])?;
            }
        }
        Ok(SqlFrame::step(columns))
    }
}
