//! Column type inference over every value of a column (not a sample).

use std::collections::HashMap;

use crate::engine::dates::parse_iso_date;
use crate::engine::table::ColumnData;

/// Cell texts read as missing by default (as pandas does, and `None`).
pub const DEFAULT_MISSING_TOKENS: &[&str] = &["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A"];

/// A text column becomes a category when its values repeat: at most this many distinct…
const MAX_CATEGORY_LEVELS: usize = 1000;
/// …and on average each distinct value appears at least this often.
const MIN_REPEATS_PER_LEVEL: f64 = 2.0;

/// The most specific type that every non-missing cell fits: boolean, integer, number, date,
/// then category (repeating values) or text.
pub fn typed_column(cells: Vec<String>, missing_tokens: &[String]) -> ColumnData {
    let values: Vec<Option<&str>> = cells
        .iter()
        .map(|c| {
            let t = c.trim();
            (!missing_tokens.iter().any(|m| m == t)).then_some(t)
        })
        .collect();
    let present = || values.iter().flatten();
    if present().next().is_none() {
        return ColumnData::Number(vec![f64::NAN; values.len()]);
    }
    if present().all(|v| parse_bool(v).is_some()) {
        return ColumnData::Boolean(values.iter().map(|v| v.and_then(parse_bool)).collect());
    }
    if present().all(|v| parse_integer(v).is_some()) {
        return ColumnData::Integer(values.iter().map(|v| v.and_then(parse_integer)).collect());
    }
    if present().all(|v| parse_number(v).is_some()) {
        return ColumnData::Number(values.iter().map(|v| v.and_then(parse_number).unwrap_or(f64::NAN)).collect());
    }
    if present().all(|v| parse_iso_date(v).is_some()) {
        return ColumnData::Date(values.iter().map(|v| v.and_then(parse_iso_date)).collect());
    }
    categorical(&values).unwrap_or_else(|| ColumnData::Text(values.iter().map(|v| v.map(str::to_string)).collect()))
}

fn categorical(values: &[Option<&str>]) -> Option<ColumnData> {
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut levels: Vec<String> = Vec::new();
    let mut codes = Vec::with_capacity(values.len());
    let mut count = 0usize;
    for v in values {
        codes.push(v.map(|v| {
            count += 1;
            *index.entry(v).or_insert_with(|| {
                levels.push(v.to_string());
                (levels.len() - 1) as u32
            })
        }));
        if levels.len() > MAX_CATEGORY_LEVELS {
            return None;
        }
    }
    (count as f64 >= MIN_REPEATS_PER_LEVEL * levels.len() as f64).then_some(ColumnData::Category { codes, levels })
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "yes" => Some(true),
        "false" | "no" => Some(false),
        _ => None,
    }
}

fn parse_integer(v: &str) -> Option<i64> {
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    v.strip_prefix('+').unwrap_or(v).parse().ok()
}

fn parse_number(v: &str) -> Option<f64> {
    // Rust also accepts "inf" and "nan"; only plain decimal forms count as numbers here.
    let plain = v.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    if plain {
        v.parse().ok()
    } else {
        None
    }
}
