//! Graph pieces the steps share: where a column is missing, and where its label (the text
//! Sift's encoders see: words as they are, whole numbers in digits, booleans as `true` /
//! `false`, dates as `YYYY-MM-DD`) equals a given text — compared on the stored number for
//! columns held as doubles, so no number is ever formatted in the graph.

use super::OnnxColumn;
use crate::engine::base::dates::parse_iso_date;
use crate::engine::base::onnx::proto::data_type;
use crate::engine::base::onnx::{int, GraphBuilder};
use crate::engine::base::table::ColumnType;

/// `bool [N, 1]`: where `column` is missing (NaN, or the empty string for text).
pub fn is_missing(graph: &mut GraphBuilder, column: &OnnxColumn) -> String {
    if column.is_text() {
        let empty = graph.strings("empty", &[], &[String::new()]);
        graph.node("Equal", &[&column.value, &empty], Vec::new())
    } else {
        graph.node("IsNaN", &[&column.value], Vec::new())
    }
}

/// `bool [N, 1]`: where the label of `column` equals `text` (never where it is missing).
/// Numbers and date-times have no label Sift's encoders would compare.
pub fn label_equals(graph: &mut GraphBuilder, column: &OnnxColumn, text: &str) -> Result<String, String> {
    if column.is_text() {
        let constant = graph.strings("label", &[], &[text.to_string()]);
        return Ok(graph.node("Equal", &[&column.value, &constant], Vec::new()));
    }
    let number = match column.column_type {
        ColumnType::Integer => text.parse::<i64>().ok().filter(|i| i.to_string() == text).map(|i| i as f64),
        ColumnType::Boolean => match text {
            "true" => Some(1.0),
            "false" => Some(0.0),
            _ => None,
        },
        ColumnType::Date => parse_iso_date(text).map(f64::from),
        ColumnType::Number | ColumnType::DateTime | ColumnType::Category | ColumnType::Text => {
            return Err(format!(
                "'{}' is {} column; its values as labels have no exact ONNX form",
                column.name,
                column.column_type.with_article()
            ))
        }
    };
    // A text that is no label of this column matches nowhere: NaN equals nothing.
    let constant = graph.doubles("label", &[], vec![number.unwrap_or(f64::NAN)]);
    Ok(graph.node("Equal", &[&column.value, &constant], Vec::new()))
}

/// `double [N, 1]`: 1 where `flags` (`bool`) holds, else 0 (Sift's 0/1 integer columns).
pub fn zero_one(graph: &mut GraphBuilder, flags: &str) -> String {
    graph.node("Cast", &[flags], vec![int("to", data_type::DOUBLE as i64)])
}
