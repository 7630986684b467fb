//! Small SQL expressions that several steps share, each keeping Sift's missing-value rule:
//! a missing input gives `NULL`, and so does a division by zero.

use crate::engine::base::sql::Dialect;
use crate::engine::base::table::ColumnType;

/// `expr` (a column of Sift type `column_type`) as the `DOUBLE` Sift's numbers see: booleans
/// as 0/1, dates as days and date-times as milliseconds since 1970-01-01. `None` for labels.
pub fn as_double(expr: &str, column_type: ColumnType, dialect: Dialect) -> Option<String> {
    Some(match (column_type, dialect) {
        (ColumnType::Number, _) => expr.to_string(),
        (ColumnType::Integer, _) => format!("CAST({expr} AS DOUBLE)"),
        (ColumnType::Boolean, _) => format!("CASE WHEN {expr} THEN 1e0 WHEN NOT {expr} THEN 0e0 END"),
        (ColumnType::Date, Dialect::DuckDb) => format!("CAST(date_diff('day', DATE '1970-01-01', {expr}) AS DOUBLE)"),
        (ColumnType::Date, Dialect::Spark) => format!("CAST(unix_date({expr}) AS DOUBLE)"),
        (ColumnType::DateTime, Dialect::DuckDb) => format!("CAST(epoch_ms({expr}) AS DOUBLE)"),
        (ColumnType::DateTime, Dialect::Spark) => format!("CAST(unix_millis({expr}) AS DOUBLE)"),
        (ColumnType::Category | ColumnType::Text, _) => return None,
    })
}

/// `numerator / denominator`, `NULL` where the denominator is 0 (Sift's missing value; the
/// engines would raise an error or give an infinity instead).
pub fn divide(numerator: &str, denominator: &str) -> String {
    format!("CASE WHEN {denominator} = 0e0 THEN NULL ELSE {numerator} / {denominator} END")
}

/// `expr`, or `fill` where it is `NULL`.
pub fn fill_null(expr: &str, fill: &str) -> String {
    format!("COALESCE({expr}, {fill})")
}

/// `expr` as the dialect's text type (for a label read from a non-text column).
pub fn text_cast(expr: &str, dialect: Dialect) -> String {
    format!("CAST({expr} AS {})", dialect.type_name(ColumnType::Text))
}

/// A `DATE` literal for `days` since 1970-01-01.
pub fn date_literal(days: i32) -> String {
    format!("DATE '{}'", crate::engine::base::dates::format_iso_date(days))
}

/// A `TIMESTAMP` literal for `ms` milliseconds since 1970-01-01 (UTC, no time zone).
pub fn datetime_literal(ms: i64) -> String {
    format!("TIMESTAMP '{}'", crate::engine::base::dates::format_iso_datetime(ms).replace('T', " "))
}

/// `TRUE` or `FALSE`.
pub fn bool_literal(value: bool) -> &'static str {
    if value {
        "TRUE"
    } else {
        "FALSE"
    }
}

/// 1 where `expr` is `NULL`, else 0 (a `BIGINT`, like Sift's 0/1 columns).
pub fn missing_flag(expr: &str) -> String {
    format!("CAST(CASE WHEN {expr} IS NULL THEN 1 ELSE 0 END AS BIGINT)")
}

/// `expr` (of Sift type `column_type`) as the label text Sift's encoders and text steps see:
/// words as they are, whole numbers in digits, booleans as `true`/`false`, dates as
/// `YYYY-MM-DD`. `None` for numbers and date-times, whose text SQL would not write as Sift does.
pub fn label(expr: &str, column_type: ColumnType, dialect: Dialect) -> Option<String> {
    match column_type {
        ColumnType::Category | ColumnType::Text => Some(expr.to_string()),
        ColumnType::Integer | ColumnType::Date => Some(text_cast(expr, dialect)),
        ColumnType::Boolean => Some(format!("CASE WHEN {expr} THEN 'true' WHEN NOT {expr} THEN 'false' END")),
        ColumnType::Number | ColumnType::DateTime => None,
    }
}

/// A lookup by label: `missing` where `label` is `NULL`, the value paired with its text, else
/// `unknown`.
pub fn lookup(label: &str, pairs: &[(String, String)], unknown: &str, missing: &str, dialect: Dialect) -> String {
    let arms: String =
        pairs.iter().map(|(text, value)| format!(" WHEN {label} = {} THEN {value}", dialect.string(text))).collect();
    format!("CASE WHEN {label} IS NULL THEN {missing}{arms} ELSE {unknown} END")
}

/// Every character Rust's `char::is_whitespace` accepts (Unicode White_Space), as a regex
/// class both RE2 (DuckDB) and Java (Spark) read the same way.
pub const WHITE_SPACE: &str =
    r"[\x{9}-\x{D} \x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]";

/// Every match of `pattern` in `expr` replaced by `replacement` (no group references).
pub fn replace_all(expr: &str, pattern: &str, replacement: &str, dialect: Dialect) -> String {
    let (pattern, replacement) = (dialect.string(pattern), dialect.string(replacement));
    match dialect {
        Dialect::DuckDb => format!("regexp_replace({expr}, {pattern}, {replacement}, 'g')"),
        Dialect::Spark => format!("regexp_replace({expr}, {pattern}, {replacement})"),
    }
}

/// `then` where `expr` holds a character beyond ASCII — a query error naming `why` — else
/// `otherwise`: for functions whose engines agree with Rust on ASCII only.
pub fn ascii_only(expr: &str, otherwise: &str, why: &str, dialect: Dialect) -> String {
    let non_ascii = dialect.string(r"[^\x{0}-\x{7F}]");
    let message = dialect.string(why);
    match dialect {
        Dialect::DuckDb => {
            format!("CASE WHEN regexp_matches({expr}, {non_ascii}) THEN error({message}) ELSE {otherwise} END")
        }
        Dialect::Spark => {
            format!("CASE WHEN {expr} RLIKE {non_ascii} THEN raise_error({message}) ELSE {otherwise} END")
        }
    }
}

/// `ln(1 + x)` for x > −1, as precise as Rust's `ln_1p`: Spark's `log1p`; in DuckDB, which has
/// none, `ln(1 + x)` with the series x − x²/2 + x³/3 − x⁴/4 below 1e-4 in size, where
/// `1 + x` would lose digits (the series' error, under x⁵/5, is far below 1e-9 relative).
pub fn ln_1p(x: &str, dialect: Dialect) -> String {
    match dialect {
        Dialect::Spark => format!("log1p({x})"),
        Dialect::DuckDb => format!(
            "CASE WHEN abs({x}) < 1e-4 THEN {x} * (1e0 - {x} * (5e-1 - {x} * ({} - {x} * 2.5e-1))) ELSE ln(1e0 + {x}) END",
            dialect.number(1.0 / 3.0)
        ),
    }
}

/// `exp(y) − 1`, as precise as Rust's `exp_m1`: Spark's `expm1`; in DuckDB the series
/// y + y²/2 + y³/6 + y⁴/24 below 1e-4 in size, `exp(y) - 1` above.
pub fn exp_m1(y: &str, dialect: Dialect) -> String {
    match dialect {
        Dialect::Spark => format!("expm1({y})"),
        Dialect::DuckDb => format!(
            "CASE WHEN abs({y}) < 1e-4 THEN {y} * (1e0 + {y} * (5e-1 + {y} * ({} + {y} * {}))) ELSE exp({y}) - 1e0 END",
            dialect.number(1.0 / 6.0),
            dialect.number(1.0 / 24.0)
        ),
    }
}

/// `expr` as a `BIGINT`, `NULL` where `input` is `NULL` (for counts and parts derived from it).
pub fn whole_or_null(input: &str, expr: &str) -> String {
    format!("CAST(CASE WHEN {input} IS NULL THEN NULL ELSE {expr} END AS BIGINT)")
}
