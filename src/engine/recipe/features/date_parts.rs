//! Date parts: year, month, day, weekday, hour, and days since a reference date.

mod onnx;
mod sql;

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use crate::engine::base::dates::{civil_from_days, hour_of, parse_iso_date, split_datetime};
use crate::engine::base::table::{Column, ColumnData, ColumnType, Integers, Table};
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, DATES};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{ensure_new_names, insert_columns};

/// A part of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePart {
    Year,
    Month,
    Day,
    /// ISO weekday: 1 is Monday, 7 is Sunday.
    Weekday,
    /// 0–23, UTC; datetime columns only.
    Hour,
    /// Whole days since the step's `since` date (negative before it).
    DaysSince,
}

/// Adds one integer column per part after each date column, named `<column>_<part>`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateParts {
    pub columns: Vec<String>,
    pub parts: Vec<DatePart>,
    /// The reference date for `days_since`, `YYYY-MM-DD`.
    pub since: String,
}

/// Dates further than this many days from 1970 (about 270 000 years) have no parts.
const MAX_DAYS: u32 = 100_000_000;

const PARTS: [(&str, &str); 6] = [
    ("year", "year"),
    ("month", "month"),
    ("day", "day of month"),
    ("weekday", "weekday (1 = Monday)"),
    ("hour", "hour"),
    ("days_since", "days since a date"),
];

impl DatePart {
    fn name(self) -> &'static str {
        match self {
            DatePart::Year => "year",
            DatePart::Month => "month",
            DatePart::Day => "day",
            DatePart::Weekday => "weekday",
            DatePart::Hour => "hour",
            DatePart::DaysSince => "days_since",
        }
    }

    /// This part of the moment `days` (since the epoch, civil date `civil`) + `ms_in_day`.
    fn of(self, (year, month, day): (i32, u32, u32), days: i32, ms_in_day: i64, since: i32) -> i64 {
        match self {
            DatePart::Year => i64::from(year),
            DatePart::Month => i64::from(month),
            DatePart::Day => i64::from(day),
            DatePart::Weekday => (i64::from(days) + 3).rem_euclid(7) + 1,
            DatePart::Hour => i64::from(hour_of(ms_in_day)),
            DatePart::DaysSince => i64::from(days) - i64::from(since),
        }
    }
}

impl StepKind for DateParts {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Features,
            "Date parts",
            "Adds the year, month, day, weekday, hour or days since a date of each date as new columns.",
            vec![
                Param::new("columns", "Columns", "The date columns.", ParamKind::columns(DATES)),
                Param::new(
                    "parts",
                    "Parts",
                    "Which parts to add.",
                    ParamKind::choices(&PARTS, &["year", "month", "weekday"]),
                ),
                Param::new(
                    "since",
                    "Days since",
                    "The reference date for 'days since', as YYYY-MM-DD.",
                    ParamKind::text("2000-01-01"),
                ),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(self.parts.iter().map(|p| p.name()).collect::<Vec<_>>().join(", "))
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<Self> {
        if self.parts.is_empty() {
            return Err("choose at least one part".into());
        }
        self.since_days()?;
        if self.parts.contains(&DatePart::Hour) {
            if let Some(c) =
                self.columns.iter().filter_map(|c| table.column(c)).find(|c| c.column_type() == ColumnType::Date)
            {
                return Err(Error::other(format!("'{}' holds dates without a time, so it has no hour", c.name)));
            }
        }
        Ok(self.clone())
    }
}

impl DateParts {
    fn since_days(&self) -> Result<i32> {
        if !self.parts.contains(&DatePart::DaysSince) {
            return Ok(0);
        }
        parse_iso_date(self.since.trim())
            .ok_or_else(|| Error::other(format!("'{}' is not a date written YYYY-MM-DD", self.since)))
    }
}

impl FittedKind for DateParts {
    fn apply(&self, mut table: Table) -> Result<Table> {
        let since = self.since_days()?;
        for name in &self.columns {
            let position = table.require_position(name)?;
            let names: Vec<String> = self.parts.iter().map(|p| format!("{name}_{}", p.name())).collect();
            ensure_new_names(&table, &names)?;
            let moments: Box<dyn Iterator<Item = Option<(i32, i64)>>> = match &table.columns[position].data {
                ColumnData::Date(v) => Box::new(v.iter().map(|d| d.map(|d| (d, 0)))),
                ColumnData::DateTime(v) => Box::new(v.iter().map(|ms| ms.map(split_datetime))),
                other => {
                    return Err(Error::wrong_type(
                        name,
                        format!("'{name}' is {} column, not dates", other.column_type().with_article()),
                    ))
                }
            };
            let mut values: Vec<Integers> = vec![Integers::with_capacity(table.row_count()); self.parts.len()];
            for moment in moments.map(|m| m.filter(|(days, _)| days.unsigned_abs() <= MAX_DAYS)) {
                let civil = moment.map(|(days, _)| civil_from_days(days));
                for (part, out) in self.parts.iter().zip(values.iter_mut()) {
                    out.push(moment.zip(civil).map(|((days, ms), civil)| part.of(civil, days, ms, since)));
                }
            }
            let added =
                names.into_iter().zip(values).map(|(column, v)| Column::new(column, ColumnData::Integer(v))).collect();
            insert_columns(&mut table, position + 1, added);
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
    fn parts_of_a_datetime() {
        // 2024-03-10T15:30 UTC was a Sunday, 8835 days after 2000-01-01.
        let ms = i64::from(parse_iso_date("2024-03-10").unwrap()) * 86_400_000 + (15 * 60 + 30) * 60_000;
        let t = Table::new("t", vec![Column::new("when", ColumnData::DateTime(vec![Some(ms), None].into()))]).unwrap();
        let step = DateParts {
            columns: vec!["when".into()],
            parts: vec![DatePart::Year, DatePart::Weekday, DatePart::Hour, DatePart::DaysSince],
            since: "2000-01-01".into(),
        };
        let out = step.fit(&t, &FitContext::default()).unwrap().apply(t).unwrap();
        let got: Vec<Option<String>> = out.columns[1..].iter().map(|c| c.data.text_at(0)).collect();
        assert_eq!(got, [Some("2024".into()), Some("7".into()), Some("15".into()), Some("8835".into())]);
        assert!(out.columns[1].data.is_missing(1));
    }
}
