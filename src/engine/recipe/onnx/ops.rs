//! Small graph pieces the steps' translations share: missing values kept missing, `ln(1 + x)`
//! and `exp(y) − 1` as precise as Rust's, lookups from a label to a number or to another label
//! (`ai.onnx.ml` `LabelEncoder`), and the column edits steps make (replace, insert after).
//!
//! A label of a text or category column is its string (the empty string is missing); a label of
//! an integer or boolean column is its text in Sift (`3`, `true`), looked up here as the number
//! the graph holds (3, 1), so encoders fitted on whole numbers and booleans translate too.

use crate::engine::base::onnx::proto::{data_type, TensorProto};
use crate::engine::base::onnx::{int, tensor, GraphBuilder, ML_DOMAIN};
use crate::engine::base::table::ColumnType;

use super::{OnnxColumn, OnnxFrame};

/// `y` where `x` is present, NaN where `x` is missing (`x` and `y` are `double`).
pub fn keep_missing(graph: &mut GraphBuilder, x: &str, y: &str) -> String {
    let missing = graph.node("IsNaN", &[x], Vec::new());
    let nan = graph.doubles("nan", &[], vec![f64::NAN]);
    graph.node("Where", &[&missing, &nan, y], Vec::new())
}

/// `ln(1 + x)`, within a few units in the last place of Rust's `ln_1p`: `ln(u) · x / (u − 1)`
/// with `u = 1 + x` (Goldberg's correction for the rounding of `1 + x`), `x` where `u` is 1.
pub fn ln_1p(graph: &mut GraphBuilder, x: &str) -> String {
    let one = graph.doubles("one", &[], vec![1.0]);
    let u = graph.node("Add", &[&one, x], Vec::new());
    let log = graph.node("Log", &[&u], Vec::new());
    let rounded = graph.node("Sub", &[&u, &one], Vec::new());
    let scaled = graph.node("Mul", &[&log, x], Vec::new());
    let corrected = graph.node("Div", &[&scaled, &rounded], Vec::new());
    let exact = graph.node("Equal", &[&u, &one], Vec::new());
    graph.node("Where", &[&exact, x, &corrected], Vec::new())
}

/// `exp(y) − 1`, within a few units in the last place of Rust's `exp_m1`: `(u − 1) · y / ln(u)`
/// with `u = exp(y)` (Kahan's correction), `y` where `u` is 1, −1 where `u − 1` is, `u` where
/// `u` is infinite.
pub fn exp_m1(graph: &mut GraphBuilder, y: &str) -> String {
    let one = graph.doubles("one", &[], vec![1.0]);
    let minus_one = graph.doubles("minus_one", &[], vec![-1.0]);
    let u = graph.node("Exp", &[y], Vec::new());
    let less = graph.node("Sub", &[&u, &one], Vec::new());
    let log = graph.node("Log", &[&u], Vec::new());
    let scaled = graph.node("Mul", &[&less, y], Vec::new());
    let corrected = graph.node("Div", &[&scaled, &log], Vec::new());
    let at_one = graph.node("Equal", &[&u, &one], Vec::new());
    let at_zero = graph.node("Equal", &[&less, &minus_one], Vec::new());
    let infinite = graph.node("IsInf", &[&u], Vec::new());
    let small = graph.node("Where", &[&at_one, y, &corrected], Vec::new());
    let bounded = graph.node("Where", &[&at_zero, &minus_one, &small], Vec::new());
    graph.node("Where", &[&infinite, &u, &bounded], Vec::new())
}

/// Whether each row of `column` is missing (`bool [N, 1]`).
pub fn is_missing(graph: &mut GraphBuilder, column: &OnnxColumn) -> String {
    if column.is_text() {
        let empty = graph.strings("empty", &[], &[String::new()]);
        graph.node("Equal", &[&column.value, &empty], Vec::new())
    } else {
        graph.node("IsNaN", &[&column.value], Vec::new())
    }
}

/// The label keys of `column` as the graph holds them, each with its value: text keys as
/// strings; for integer and boolean columns the keys that are Sift's text of a value, as
/// numbers (other keys can never match in Sift and are left out). A later key wins over an
/// earlier equal one, as in a map built from the pairs.
fn keyed<T: Clone>(column: &OnnxColumn, pairs: &[(String, T)]) -> Result<Keys<T>, String> {
    let mut strings: Vec<(String, T)> = Vec::new();
    let mut numbers: Vec<(f64, T)> = Vec::new();
    for (key, value) in pairs {
        match column.column_type {
            ColumnType::Category | ColumnType::Text if !key.is_empty() => {
                strings.retain(|(k, _)| k != key);
                strings.push((key.clone(), value.clone()));
            }
            ColumnType::Category | ColumnType::Text => {}
            ColumnType::Integer | ColumnType::Boolean => {
                let number = match (column.column_type, key.as_str()) {
                    (ColumnType::Boolean, "true") => Some(1.0),
                    (ColumnType::Boolean, "false") => Some(0.0),
                    (ColumnType::Boolean, _) => None,
                    _ => key.parse::<i64>().ok().filter(|n| n.to_string() == *key).map(|n| n as f64),
                };
                if let Some(number) = number {
                    numbers.retain(|(k, _)| *k != number);
                    numbers.push((number, value.clone()));
                }
            }
            other => {
                return Err(format!(
                    "'{}' is {} column, whose labels are text ONNX cannot write as Sift does",
                    column.name,
                    other.with_article()
                ))
            }
        }
    }
    Ok(if column.is_text() { Keys::Strings(strings) } else { Keys::Numbers(numbers) })
}

enum Keys<T> {
    Strings(Vec<(String, T)>),
    Numbers(Vec<(f64, T)>),
}

fn unzip_values<K>(pairs: &[(K, f64)]) -> Vec<f64> {
    pairs.iter().map(|(_, v)| *v).collect()
}

fn string_tensor(values: &[String]) -> TensorProto {
    TensorProto {
        dims: vec![values.len() as i64],
        data_type: data_type::STRING,
        string_data: values.iter().map(|s| s.as_bytes().to_vec()).collect(),
        ..Default::default()
    }
}

fn double_tensor(values: Vec<f64>) -> TensorProto {
    TensorProto {
        dims: vec![values.len() as i64],
        data_type: data_type::DOUBLE,
        double_data: values,
        ..Default::default()
    }
}

/// The number each row's label maps to in `pairs`; `unknown` for a label not among them,
/// `missing` for a missing row (`double [N, 1]`).
pub fn label_to_number(
    graph: &mut GraphBuilder,
    column: &OnnxColumn,
    pairs: &[(String, f64)],
    unknown: f64,
    missing: f64,
) -> Result<String, String> {
    let (keys, values): (TensorProto, Vec<f64>) = match keyed(column, pairs)? {
        Keys::Strings(p) => (string_tensor(&p.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()), unzip_values(&p)),
        Keys::Numbers(p) => (double_tensor(p.iter().map(|(k, _)| *k).collect()), unzip_values(&p)),
    };
    let mask = is_missing(graph, column);
    let missing = graph.doubles("missing", &[], vec![missing]);
    let found = if values.is_empty() {
        graph.doubles("unknown", &[], vec![unknown])
    } else {
        let attributes = vec![
            tensor("keys_tensor", keys),
            tensor("values_tensor", double_tensor(values)),
            tensor("default_tensor", TensorProto { dims: vec![1], ..double_tensor(vec![unknown]) }),
        ];
        graph.node_in(ML_DOMAIN, "LabelEncoder", &[&column.value], attributes, 1).remove(0)
    };
    Ok(graph.node("Where", &[&mask, &missing, &found], Vec::new()))
}

/// Whether each row's label (of a text or category column) is one of `labels` (`bool [N, 1]`).
pub fn label_among(graph: &mut GraphBuilder, column: &OnnxColumn, labels: &[String]) -> Result<String, String> {
    let pairs: Vec<(String, f64)> = labels.iter().map(|l| (l.clone(), 1.0)).collect();
    let found = label_to_number(graph, column, &pairs, 0.0, 0.0)?;
    Ok(graph.node("Cast", &[&found], vec![int("to", data_type::BOOL as i64)]))
}

/// Each label of a text or category column replaced as `pairs` say (a later pair wins);
/// other labels, and missing values, unchanged.
pub fn relabel(graph: &mut GraphBuilder, column: &OnnxColumn, pairs: &[(String, String)]) -> Result<String, String> {
    let Keys::Strings(pairs) = keyed(column, pairs)? else {
        return Err(format!("'{}' is {} column, not text", column.name, column.column_type.with_article()));
    };
    if pairs.is_empty() {
        return Ok(column.value.clone());
    }
    let keys: Vec<String> = pairs.iter().map(|(k, _)| k.clone()).collect();
    let values: Vec<String> = pairs.iter().map(|(_, v)| v.clone()).collect();
    let attributes = vec![
        tensor("keys_tensor", string_tensor(&keys)),
        tensor("values_tensor", string_tensor(&values)),
        tensor("default_tensor", string_tensor(&[String::new()])),
    ];
    let mapped = graph.node_in(ML_DOMAIN, "LabelEncoder", &[&column.value], attributes, 1).remove(0);
    let among = label_among(graph, column, &keys)?;
    Ok(graph.node("Where", &[&among, &mapped, &column.value], Vec::new()))
}

/// Every column of `before` unchanged but `names`, each replaced by what `f` makes of it.
pub fn map_columns(
    graph: &mut GraphBuilder,
    before: &OnnxFrame,
    names: &[String],
    mut f: impl FnMut(&mut GraphBuilder, &OnnxColumn) -> Result<OnnxColumn, String>,
) -> Result<Vec<OnnxColumn>, String> {
    let mut columns = before.unchanged();
    for name in names {
        let at = before.position(name)?;
        columns[at] = f(graph, &before.columns[at])?;
    }
    Ok(columns)
}

/// An error naming the first of `names` that `columns` already has.
pub fn ensure_new<'a>(columns: &[OnnxColumn], mut names: impl Iterator<Item = &'a str>) -> Result<(), String> {
    match names.find(|n| columns.iter().any(|c| c.name == *n)) {
        Some(taken) => Err(format!("a column named '{taken}' already exists")),
        None => Ok(()),
    }
}

/// The column `name` of `before`, which must hold numbers (not text).
pub fn number<'a>(before: &'a OnnxFrame, name: &str) -> Result<&'a OnnxColumn, String> {
    let column = before.col(name)?;
    if column.is_text() {
        return Err(format!("'{name}' is {} column, not numbers", column.column_type.with_article()));
    }
    Ok(column)
}

/// The column `name` of `before`, which must hold text (a text or category column).
pub fn text<'a>(before: &'a OnnxFrame, name: &str) -> Result<&'a OnnxColumn, String> {
    let column = before.col(name)?;
    if !column.is_text() {
        return Err(format!("'{name}' is {} column, not text", column.column_type.with_article()));
    }
    Ok(column)
}
