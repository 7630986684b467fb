//! Learned constants and outputs that must stay finite numbers.
//!
//! A fitted constant that is not finite would be written to the model JSON as `null`, which
//! cannot be read back, and would turn every value it touches into 0, ∞ or a gap without a
//! word. Fitting refuses it instead, naming the column and its values ([`learned`]); applying
//! refuses a finite value that a step turns infinite ([`checked_output`]).

use crate::engine::base::error::{Error, Result};
use serde::Deserialize;
use serde_json::Value;

use super::FittedStep;
use crate::engine::base::table::names::visible;

/// `x` short enough for a message: `1e200`, `-1.79769e308`, `0.000123`, `42`, `inf`.
pub fn short(x: f64) -> String {
    if x.is_nan() {
        return "not a number".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let magnitude = x.abs();
    if magnitude != 0.0 && !(1e-4..1e15).contains(&magnitude) {
        let text = format!("{x:.5e}");
        let (digits, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let digits = if digits.contains('.') { digits.trim_end_matches('0').trim_end_matches('.') } else { digits };
        return format!("{digits}e{exponent}");
    }
    let text = format!("{x:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// `value`, the `what` learned for column `column` from `values`, when it is finite; else
/// an error naming the column and saying why (infinite values, or values too large).
pub fn learned(column: &str, what: &str, value: f64, values: &[f64]) -> Result<f64> {
    if value.is_finite() {
        return Ok(value);
    }
    Err(Error::other(not_finite(column, what, value, values)))
}

/// The error [`learned`] gives.
pub fn not_finite(column: &str, what: &str, value: f64, values: &[f64]) -> String {
    let name = visible(column);
    if let Some(bad) = values.iter().find(|x| x.is_infinite()) {
        return format!(
            "'{name}' holds an infinite value ({}), so its {what} is {}; drop those rows or replace the value first",
            short(*bad),
            short(value)
        );
    }
    let present = values.iter().filter(|x| !x.is_nan());
    let low = present.clone().fold(f64::INFINITY, |m, x| m.min(*x));
    let high = present.fold(f64::NEG_INFINITY, |m, x| m.max(*x));
    format!(
        "the {what} of '{name}' is {} because its values (from {} to {}) are too large to compute with; divide the column first (e.g. a compute step)",
        short(value),
        short(low),
        short(high)
    )
}

/// `y`, what a step made of the finite value `x` in row `row` (0-based) of `column`, unless
/// it overflowed to infinity.
pub fn checked_output(column: &str, row: usize, x: f64, y: f64) -> Result<f64> {
    if y.is_infinite() && x.is_finite() {
        return Err(Error::other(format!(
            "'{}' row {}: {} becomes {} here (too large for a number); the value is far outside the training rows' range",
            visible(column),
            row + 1,
            short(x),
            short(y)
        )));
    }
    Ok(y)
}

/// The error for a new value (`what`, e.g. `'a^2'`) that overflows in row `row` (0-based)
/// although its `inputs` (name, value) are finite.
pub fn overflow(what: &str, row: usize, inputs: &[(&str, f64)]) -> Error {
    let from: Vec<String> = inputs.iter().map(|(name, x)| format!("'{}' = {}", visible(name), short(*x))).collect();
    Error::other(format!(
        "{what} on row {} is too large for a number (from {}); divide the columns first (e.g. a compute step)",
        row + 1,
        from.join(", ")
    ))
}

/// An error when `fitted` would not read back from its JSON: serde_json writes a number that
/// is not finite as `null`. The steps check their own constants with [`learned`], naming the
/// column; this is the last resort for any kind, naming the field.
pub fn reads_back(fitted: &FittedStep) -> Result<()> {
    let value =
        serde_json::to_value(fitted).map_err(|e| Error::other(format!("the learned values cannot be saved: {e}")))?;
    if FittedStep::deserialize(&value).is_ok() {
        return Ok(());
    }
    let path = null_path(&value).map(|p| p.trim_start_matches('.').to_string()).unwrap_or_default();
    Err(Error::other(format!(
        "a learned value ({path}) is not a finite number; look for infinite or very large values in the step's columns"
    )))
}

/// The path of the first `null` in `value`, e.g. `.scales[0].scale`.
fn null_path(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some(String::new()),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| null_path(v).map(|p| format!("[{i}]{p}"))),
        Value::Object(fields) => fields.iter().find_map(|(k, v)| null_path(v).map(|p| format!(".{k}{p}"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_numbers_short() {
        assert_eq!(short(1e200), "1e200");
        assert_eq!(short(-f64::MAX), "-1.79769e308");
        assert_eq!(short(1e-300), "1e-300");
        assert_eq!(short(0.5), "0.5");
        assert_eq!(short(42.0), "42");
        assert_eq!(short(-0.0), "0");
        assert_eq!(short(f64::INFINITY), "inf");
        assert_eq!(short(1234.5678901), "1234.56789");
    }

    #[test]
    fn names_the_column_and_why() {
        let err = learned("x", "standard deviation", f64::INFINITY, &[1.0, f64::NEG_INFINITY]).unwrap_err();
        assert!(err.contains("'x' holds an infinite value (-inf)"), "{err}");
        let err = learned("x", "range", f64::INFINITY, &[-1.7e308, 1.7e308]).unwrap_err();
        assert!(err.contains("the range of 'x' is inf because its values (from -1.7e308 to 1.7e308)"), "{err}");
    }
}
