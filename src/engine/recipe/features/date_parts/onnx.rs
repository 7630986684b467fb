//! Date parts as ONNX: the civil date from the day count by Howard Hinnant's algorithm (Sift's
//! `civil_from_days`), its integer divisions written as `Floor` of exact double divisions (the
//! day counts are far below 2⁵³); ISO weekday, hour (UTC) and days since a date from the same
//! counts. Dates further than 10⁸ days from 1970 have no parts, as in Sift; missing stays missing.

use super::{DatePart, DateParts, MAX_DAYS};
use crate::engine::base::dates::MS_PER_DAY;
use crate::engine::base::onnx::GraphBuilder;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{self, ops, OnnxColumn, OnnxFrame};

/// Arithmetic on `double [N, 1]` values with constants.
struct Calc<'g> {
    graph: &'g mut GraphBuilder,
}

impl Calc<'_> {
    fn k(&mut self, value: f64) -> String {
        self.graph.doubles("k", &[], vec![value])
    }
    fn op(&mut self, op: &str, a: &str, b: &str) -> String {
        self.graph.node(op, &[a, b], Vec::new())
    }
    fn op_k(&mut self, op: &str, a: &str, b: f64) -> String {
        let b = self.k(b);
        self.op(op, a, &b)
    }
    /// `⌊a / b⌋` for a constant `b`.
    fn div(&mut self, a: &str, b: f64) -> String {
        let q = self.op_k("Div", a, b);
        self.graph.node("Floor", &[&q], Vec::new())
    }
    /// `a − b·⌊a / b⌋`: the Euclidean remainder for a positive constant `b`.
    fn rem(&mut self, a: &str, b: f64) -> String {
        let q = self.div(a, b);
        let whole = self.op_k("Mul", &q, b);
        self.op("Sub", a, &whole)
    }
}

/// Year, month and day of the day counts `days`.
fn civil(c: &mut Calc, days: &str) -> [String; 3] {
    let z = c.op_k("Add", days, 719_468.0);
    let era = c.div(&z, 146_097.0);
    let era_days = c.op_k("Mul", &era, 146_097.0);
    let doe = c.op("Sub", &z, &era_days);
    let (a, b, d) = (c.div(&doe, 1460.0), c.div(&doe, 36_524.0), c.div(&doe, 146_096.0));
    let t = c.op("Sub", &doe, &a);
    let t = c.op("Add", &t, &b);
    let t = c.op("Sub", &t, &d);
    let yoe = c.div(&t, 365.0);
    let (y4, y100) = (c.div(&yoe, 4.0), c.div(&yoe, 100.0));
    let y365 = c.op_k("Mul", &yoe, 365.0);
    let start = c.op("Add", &y365, &y4);
    let start = c.op("Sub", &start, &y100);
    let doy = c.op("Sub", &doe, &start);
    let five = c.op_k("Mul", &doy, 5.0);
    let five = c.op_k("Add", &five, 2.0);
    let mp = c.div(&five, 153.0);
    let m153 = c.op_k("Mul", &mp, 153.0);
    let m153 = c.op_k("Add", &m153, 2.0);
    let before = c.div(&m153, 5.0);
    let day = c.op("Sub", &doy, &before);
    let day = c.op_k("Add", &day, 1.0);
    let early = c.op_k("Less", &mp, 10.0);
    let (spring, winter) = (c.op_k("Add", &mp, 3.0), c.op_k("Sub", &mp, 9.0));
    let month = c.graph.node("Where", &[&early, &spring, &winter], Vec::new());
    let year = c.op_k("Mul", &era, 400.0);
    let year = c.op("Add", &year, &yoe);
    let january = c.op_k("LessOrEqual", &month, 2.0);
    let (next, same) = (c.op_k("Add", &year, 1.0), year.clone());
    let year = c.graph.node("Where", &[&january, &next, &same], Vec::new());
    [year, month, day]
}

impl DateParts {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        let since = self.since_days().map_err(|e| e.to_string())?;
        let mut columns = before.unchanged();
        for name in &self.columns {
            let column = before.col(name)?;
            let c = &mut Calc { graph: &mut *graph };
            let (days, in_day) = match column.column_type {
                ColumnType::Date => (column.value.clone(), c.k(0.0)),
                ColumnType::DateTime => {
                    (c.div(&column.value, MS_PER_DAY as f64), c.rem(&column.value, MS_PER_DAY as f64))
                }
                other => return Err(format!("'{name}' is {} column, not dates", other.with_article())),
            };
            let [year, month, day] = civil(c, &days);
            let shifted = c.op_k("Add", &days, 3.0);
            let weekday = c.rem(&shifted, 7.0);
            let weekday = c.op_k("Add", &weekday, 1.0);
            let hour = c.div(&in_day, 3_600_000.0);
            let days_since = c.op_k("Sub", &days, f64::from(since));
            let size = c.graph.node("Abs", &[&days], Vec::new());
            let far = c.op_k("Greater", &size, f64::from(MAX_DAYS));
            let nan = c.k(f64::NAN);
            let parts = self
                .parts
                .iter()
                .map(|part| {
                    let value = match part {
                        DatePart::Year => &year,
                        DatePart::Month => &month,
                        DatePart::Day => &day,
                        DatePart::Weekday => &weekday,
                        DatePart::Hour => &hour,
                        DatePart::DaysSince => &days_since,
                    };
                    let bounded = c.graph.node("Where", &[&far, &nan, value], Vec::new());
                    let value = ops::keep_missing(c.graph, &column.value, &bounded);
                    OnnxColumn::new(format!("{name}_{}", part.name()), ColumnType::Integer, value)
                })
                .collect();
            onnx::insert_after(&mut columns, name, parts)?;
        }
        Ok(columns)
    }
}
