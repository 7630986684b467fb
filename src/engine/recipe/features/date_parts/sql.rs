//! Date parts as SQL: year, month, day, ISO weekday (1 Monday … 7 Sunday, written out per
//! dialect since their own numberings differ), hour and days since a date, each a `BIGINT`
//! column after the date. Date-times on Spark refuse: its `TIMESTAMP` follows the session's
//! time zone, where Sift's date-times are UTC.

use super::{DatePart, DateParts};
use crate::engine::base::sql::Dialect;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{date_literal, insert_after, whole_or_null, SqlColumn, SqlFrame, SqlStep};

impl DateParts {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let since = date_literal(self.since_days().map_err(|e| e.to_string())?);
        let mut columns = before.unchanged();
        for name in &self.columns {
            let column_type = before.type_of(name)?;
            match (column_type, d) {
                (ColumnType::Date, _) | (ColumnType::DateTime, Dialect::DuckDb) => {}
                (ColumnType::DateTime, Dialect::Spark) => {
                    return Err(format!(
                        "'{name}' holds date-times, which Spark reads in the session's time zone (Sift's are UTC)"
                    ))
                }
                _ => return Err(format!("'{name}' is {} column, not dates", column_type.with_article())),
            }
            let x = before.col(name);
            let day = if column_type == ColumnType::Date { x.clone() } else { format!("CAST({x} AS DATE)") };
            let parts = self
                .parts
                .iter()
                .map(|part| {
                    let expr = match (part, d) {
                        (DatePart::Year, _) => format!("year({x})"),
                        (DatePart::Month, _) => format!("month({x})"),
                        (DatePart::Day, _) => format!("day({x})"),
                        (DatePart::Weekday, Dialect::DuckDb) => format!("isodow({x})"),
                        (DatePart::Weekday, Dialect::Spark) => format!("weekday({x}) + 1"),
                        (DatePart::Hour, _) if column_type == ColumnType::Date => "0".to_string(),
                        (DatePart::Hour, _) => format!("hour({x})"),
                        (DatePart::DaysSince, Dialect::DuckDb) => format!("date_diff('day', {since}, {day})"),
                        (DatePart::DaysSince, Dialect::Spark) => format!("datediff({day}, {since})"),
                    };
                    let expr = whole_or_null(&x, &expr);
                    SqlColumn::new(format!("{name}_{}", part.name()), ColumnType::Integer, expr)
                })
                .collect();
            insert_after(&mut columns, name, parts)?;
        }
        Ok(SqlFrame::step(columns))
    }
}
