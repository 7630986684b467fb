//! Changing type as ONNX, where the value itself is the same or simple arithmetic: text ↔
//! category (the same strings), any number to a number, to a whole number (missing unless the
//! value is whole and below 9·10¹⁵, as Sift), numbers to booleans (0 and 1 only), date ↔
//! date-time (days ↔ milliseconds), and whole numbers and booleans to text (`3`, `true`).
//! Reading text as numbers, booleans or dates refuses: Sift reads it with its cell readers
//! (`1,234`, `yes`, `Jan 1 2000`), which no ONNX operator reproduces; so does writing numbers
//! with decimals or dates as text (Sift's number and date formatting).

use super::ChangeType;
use crate::engine::base::dates::MS_PER_DAY;
use crate::engine::base::onnx::proto::data_type;
use crate::engine::base::onnx::{int, GraphBuilder};
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::onnx::{ops, OnnxColumn, OnnxFrame};

/// `x` where `keep` holds, NaN elsewhere.
fn or_nan(graph: &mut GraphBuilder, keep: &str, x: &str) -> String {
    let nan = graph.doubles("nan", &[], vec![f64::NAN]);
    graph.node("Where", &[keep, x, &nan], Vec::new())
}

/// Column `x` (double) converted from `from` to `to`, or why not.
fn converted(graph: &mut GraphBuilder, x: &str, from: ColumnType, to: ColumnType) -> Result<String, String> {
    use ColumnType::*;
    let k = |graph: &mut GraphBuilder, v: f64| graph.doubles("k", &[], vec![v]);
    Ok(match (from, to) {
        _ if from == to => x.to_string(),
        (Category | Text, Category | Text) => x.to_string(),
        (Integer | Boolean, Category | Text) => {
            let written = if from == Boolean {
                let one = k(graph, 1.0);
                let is_true = graph.node("Equal", &[x, &one], Vec::new());
                let words = graph.strings("words", &[2], &["true".into(), "false".into()]);
                let index = graph.node("Cast", &[&is_true], vec![int("to", data_type::INT64 as i64)]);
                let zero_one = graph.int64s("one", &[], vec![1]);
                let flipped = graph.node("Sub", &[&zero_one, &index], Vec::new());
                graph.node("Gather", &[&words, &flipped], vec![int("axis", 0)])
            } else {
                let whole = graph.node("Cast", &[x], vec![int("to", data_type::INT64 as i64)]);
                graph.node("Cast", &[&whole], vec![int("to", data_type::STRING as i64)])
            };
            let missing = graph.node("IsNaN", &[x], Vec::new());
            let empty = graph.strings("empty", &[], &[String::new()]);
            graph.node("Where", &[&missing, &empty, &written], Vec::new())
        }
        (Category | Text, _) => {
            return Err(format!(
                "reading text as {} needs Sift's cell readers ('1,234', 'yes', 'Jan 1 2000'), which no ONNX operator reproduces",
                to.with_article()
            ))
        }
        (_, Category | Text) => {
            return Err(format!(
                "writing {} as text needs Sift's number and date formatting, which no ONNX operator reproduces",
                from.with_article()
            ))
        }
        (_, Number) => x.to_string(),
        (_, Integer) => {
            let floor = graph.node("Floor", &[x], Vec::new());
            let whole = graph.node("Equal", &[&floor, x], Vec::new());
            let size = graph.node("Abs", &[x], Vec::new());
            let limit = k(graph, 9.0e15);
            let small = graph.node("Less", &[&size, &limit], Vec::new());
            let keep = graph.node("And", &[&whole, &small], Vec::new());
            or_nan(graph, &keep, x)
        }
        (Number | Integer, Boolean) => {
            let (zero, one) = (k(graph, 0.0), k(graph, 1.0));
            let is_zero = graph.node("Equal", &[x, &zero], Vec::new());
            let is_one = graph.node("Equal", &[x, &one], Vec::new());
            let keep = graph.node("Or", &[&is_zero, &is_one], Vec::new());
            or_nan(graph, &keep, x)
        }
        (DateTime, Date) => {
            let day = k(graph, MS_PER_DAY as f64);
            let days = graph.node("Div", &[x, &day], Vec::new());
            graph.node("Floor", &[&days], Vec::new())
        }
        (Date, DateTime) => {
            let day = k(graph, MS_PER_DAY as f64);
            graph.node("Mul", &[x, &day], Vec::new())
        }
        _ => return Err(format!("{} column cannot become {} column", from.with_article(), to.with_article())),
    })
}

impl ChangeType {
    pub(super) fn to_onnx(&self, graph: &mut GraphBuilder, before: &OnnxFrame) -> Result<Vec<OnnxColumn>, String> {
        ops::map_columns(graph, before, &self.columns, |graph, column| {
            let value = converted(graph, &column.value, column.column_type, self.to)
                .map_err(|why| format!("'{}': {why}", column.name))?;
            Ok(OnnxColumn::new(column.name.clone(), self.to, value))
        })
    }
}
