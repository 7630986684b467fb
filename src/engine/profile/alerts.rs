//! Alerts: each names its columns and says in one plain sentence what is wrong.

use super::column::Findings;
use super::keys::{identifier_reason, is_identifier_like, is_repeated_key};
use super::numeric::FAR_OUT;
use super::report::{Alert, ColumnProfile, ValueCount};
use crate::engine::base::table::{format_number, ColumnType};

/// A column missing in at least this share of rows gets an alert.
const HIGH_MISSING: f64 = 0.2;
/// From this share of rows missing (up to [`HIGH_MISSING`]) a column gets a softer notice.
const SOME_MISSING: f64 = 0.05;
/// Number columns with fewer different values are codes or ratings: no skew, no outliers.
const FEW_DISTINCT: usize = 12;
/// Fewest values for skew and outliers to mean anything.
const MIN_VALUES_FOR_SHAPE: usize = 20;
/// Fewest values for a heavy-tail alert.
const MIN_VALUES_FOR_TAIL: usize = 100;
/// Values beyond the 1.5·IQR fences are outliers only while they are at most this share of
/// the values; more make a heavy tail.
const OUTLIER_SHARE_CAP: f64 = 0.05;
/// One value in at least this share of a column's values makes it nearly constant.
const NEAR_CONSTANT: f64 = 0.95;
/// Categories above this many levels get a high-cardinality alert.
const HIGH_CARDINALITY: usize = 50;
/// |skewness| from here on is skewed.
const SKEWED: f64 = 2.0;

/// The alert about duplicate rows, if any.
pub(super) fn duplicate_rows(duplicates: usize) -> Option<Alert> {
    (duplicates > 0).then(|| {
        let repeat = if duplicates == 1 { "row repeats" } else { "rows repeat" };
        let message =
            format!("{} {repeat} an earlier row exactly; duplicates can bias counts and models.", count(duplicates));
        Alert::new("duplicate_rows", &[], message)
    })
}

/// The alert about duplicate rows that only the identifier-like columns `ids` tell apart:
/// `hidden` rows repeat an earlier one in every other column, against `duplicates` in all.
pub(super) fn hidden_duplicates(hidden: usize, duplicates: usize, ids: &[&str]) -> Option<Alert> {
    (hidden > duplicates).then(|| {
        let quoted: Vec<String> = ids.iter().map(|n| format!("'{n}'")).collect();
        let what = if ids.len() == 1 { "identifier-like" } else { "identifier-like columns" };
        let repeat = if hidden == 1 { "row repeats" } else { "rows repeat" };
        let message = format!(
            "Leaving out {} ({what}), {} {repeat} an earlier row exactly ({} with it): a row number can hide duplicates; drop them judged on the other columns.",
            name_list(&quoted, 3),
            count(hidden),
            count(duplicates)
        );
        Alert::new("hidden_duplicates", ids, message)
    })
}

/// Most columns given a "some missing" notice one by one; more share one notice.
const MAX_SOME_MISSING: usize = 5;

/// Replaces the "some missing" notices by one naming every column, when there are more than
/// [`MAX_SOME_MISSING`] of them (a wide table of yearly figures would get dozens).
pub(super) fn group_some_missing(alerts: &mut Vec<Alert>, rows: usize) {
    let columns: Vec<String> =
        alerts.iter().filter(|a| a.kind == "some_missing").flat_map(|a| a.columns.clone()).collect();
    if columns.len() <= MAX_SOME_MISSING {
        return;
    }
    let at = alerts.iter().position(|a| a.kind == "some_missing").unwrap_or(alerts.len());
    alerts.retain(|a| a.kind != "some_missing");
    let quoted: Vec<String> = columns.iter().map(|c| format!("'{c}'")).collect();
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    let message = format!(
        "{} columns are missing in 5% to 20% of their {} rows each: {}; worth knowing why before imputing.",
        count(columns.len()),
        count(rows),
        name_list(&quoted, 5)
    );
    alerts.insert(at.min(alerts.len()), Alert::new("some_missing", &names, message));
}

/// The alerts about one column.
pub(super) fn column_alerts(c: &ColumnProfile, f: &Findings, rows: usize) -> Vec<Alert> {
    let mut out = Vec::new();
    let name = c.name.as_str();
    let mut push = |kind: &str, message: String| out.push(Alert::new(kind, &[name], message));
    if rows > 0 && c.missing == rows {
        push("empty", format!("'{name}' is empty: every value is missing."));
        return out;
    }
    let share = |n: usize, of: usize| n as f64 / of.max(1) as f64;
    if rows > 1 && c.distinct == 1 {
        let value = f.mode_value.as_deref().map_or(String::new(), |v| format!(", '{v}',"));
        push(
            "constant",
            format!(
                "'{name}' has the same value{value} in all {} {}rows, so it carries no information.",
                count(c.count),
                if c.missing > 0 { "present " } else { "" }
            ),
        );
    } else if c.count >= 20 && share(f.mode_count, c.count) >= NEAR_CONSTANT {
        let value = f.mode_value.as_deref().unwrap_or("one value");
        push(
            "near_constant",
            format!(
                "'{name}' is almost constant: '{value}' is {} of its values.",
                percent(share(f.mode_count, c.count))
            ),
        );
    }
    let missing = share(c.missing, rows);
    if missing >= HIGH_MISSING {
        push(
            "high_missing",
            format!(
                "'{name}' is missing in {} of rows ({} of {}); consider imputing or dropping it.",
                percent(missing),
                count(c.missing),
                count(rows)
            ),
        );
    } else if missing >= SOME_MISSING {
        push(
            "some_missing",
            format!(
                "'{name}' is missing in {} of rows ({} of {}); worth knowing why before imputing.",
                percent(missing),
                count(c.missing),
                count(rows)
            ),
        );
    }
    let identifier = is_identifier_like(c, rows);
    if identifier {
        push(
            "identifier",
            format!(
                "'{name}' is different in every row ({} different {}), like an identifier; it cannot help a model generalise.",
                count(c.distinct),
                identifier_reason(c)
            ),
        );
    } else if c.column_type == ColumnType::Category && c.distinct > HIGH_CARDINALITY {
        push(
            "high_cardinality",
            format!("'{name}' has {} different categories; one-hot encoding it makes many columns.", count(c.distinct)),
        );
    }
    if is_repeated_key(c, rows) {
        push(
            "repeated_key",
            format!(
                "'{name}' repeats: its {} values hold {} different keys ({:.1} rows each on average), so rows come in groups; a random train/test split puts one group on both sides, so split by '{name}' (a grouped split: in Train, choose '{name}' under “Group rows by”).",
                count(c.count),
                count(c.distinct),
                c.count as f64 / c.distinct.max(1) as f64
            ),
        );
    }
    // Coded columns (a rating from 0 to 3, a handful of codes) have no tail to speak of.
    let coded = c.distinct < FEW_DISTINCT;
    // A placeholder (-999, zeros for "not recorded") makes the skew and the tail itself: its
    // own alert says what to do.
    let placeholder_shaped = !f.placeholders.is_empty() || f.zero_placeholder.is_some();
    if !identifier && !coded && !placeholder_shaped && c.count >= MIN_VALUES_FOR_SHAPE {
        let (skew_alert, tail_alert) = shape_alerts(c, f.far_outliers, name);
        if let Some(m) = skew_alert {
            push("skewed", m);
        }
        if let Some((kind, m)) = tail_alert {
            push(kind, m);
        }
    }
    if !f.placeholders.is_empty() && !identifier {
        let what = if f.placeholders.len() == 1 {
            "it looks like a placeholder for a missing value"
        } else {
            "they look like placeholders for missing values"
        };
        push("placeholder", format!("'{name}' contains {}; {what}.", value_counts(&f.placeholders)));
    }
    if let Some(z) = &f.zero_placeholder {
        push(
            "zero_placeholder",
            format!(
                "'{name}' has {} ({} of values) standing apart from its other values, which start at {} (zero is below their 3×IQR fence, {}); zero may stand for 'not recorded' (then treat it as missing) or for 'none' (then an indicator column keeps those rows apart): check which.",
                count_of(z.zeros, "zero"),
                percent(share(z.zeros, c.count)),
                number(z.nonzero_min),
                number(z.low_fence)
            ),
        );
    }
    if let Some(w) = &f.whitespace {
        push(
            "whitespace",
            format!(
                "'{name}' has {} with leading or trailing spaces, such as {}; they count as different values.",
                count_of(w.rows, "value"),
                quoted_list(&w.examples)
            ),
        );
    }
    if let Some(m) = &f.mixed_types {
        push(
            "mixed_types",
            format!(
                "'{name}' holds mostly numbers ({}), but {} not, such as {}.",
                percent(m.numeric_share),
                if m.non_numeric_rows == 1 {
                    "1 row is".to_string()
                } else {
                    format!("{} rows are", count(m.non_numeric_rows))
                },
                quoted_list(&m.offenders)
            ),
        );
    }
    if !f.spellings.is_empty() {
        let groups: Vec<String> = f.spellings.iter().take(3).map(|g| value_counts(g).replace(" and ", ", ")).collect();
        let more = f.spellings.len().saturating_sub(3);
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        push(
            "inconsistent_spelling",
            format!(
                "'{name}' spells the same category in several ways (case or spacing): {}{more}.",
                groups.join("; ")
            ),
        );
    }
    out
}

/// The skew alert and the outlier or heavy-tail alert of a number column with enough
/// different values. Outliers are values far out (beyond 3·IQR of the quartiles, `far`), while
/// at most 5% of values lie beyond 1.5·IQR; past that share the column has a heavy tail.
fn shape_alerts(c: &ColumnProfile, far: usize, name: &str) -> (Option<String>, Option<(&'static str, String)>) {
    let beyond = c.outliers.unwrap_or(0);
    let quartiles = match (c.q1, c.q3) {
        (Some(q1), Some(q3)) if q3 > q1 => Some((q1, q3)),
        _ => None, // an IQR of 0 makes every other value an "outlier"
    };
    let beyond_share = beyond as f64 / c.count.max(1) as f64;
    let heavy = quartiles.is_some() && beyond_share > OUTLIER_SHARE_CAP;
    // A heavy tail needs enough values to tell: 3 of 21 beyond the fences says little.
    let heavy_alert = heavy && c.count >= MIN_VALUES_FOR_TAIL;
    let skew = c.skewness.filter(|s| s.abs() >= SKEWED).map(|skew| {
        let (side, tail) = if skew > 0.0 { ("right", "large") } else { ("left", "small") };
        let advice = if c.min.is_some_and(|m| m > 0.0) {
            "a log transform may help"
        } else {
            "it has zero or negative values, so a Yeo-Johnson or rank transform suits it better than a log"
        };
        let tail_note = if heavy_alert { format!(" ({} of values lie beyond 1.5×IQR of the quartiles, a heavy tail)", percent(beyond_share)) } else { String::new() };
        format!("'{name}' is {side}-skewed (skewness {skew:.2}): a few {tail} values stretch its range{tail_note}; {advice}.")
    });
    let tail = match quartiles {
        Some((q1, q3)) if far > 0 && !heavy => {
            let iqr = q3 - q1;
            Some((
                "outliers",
                format!(
                    "'{name}' has {} ({} of rows) far outside the quartiles (beyond 3×IQR: below {} or above {}); its values run from {} to {}.",
                    count_of(far, "outlier"),
                    percent(far as f64 / (c.count + c.missing).max(1) as f64),
                    number(q1 - FAR_OUT * iqr),
                    number(q3 + FAR_OUT * iqr),
                    c.min.map_or(String::new(), number),
                    c.max.map_or(String::new(), number)
                ),
            ))
        }
        Some(_) if heavy_alert && skew.is_none() => Some((
            "heavy_tail",
            format!(
                "'{name}' has a heavy tail: {} of its values ({}) lie beyond 1.5×IQR of the quartiles, too many to call outliers; a rank or robust transform suits it better than clipping.",
                percent(beyond_share),
                count(beyond)
            ),
        )),
        _ => None,
    };
    (skew, tail)
}

pub(super) use crate::engine::base::format::{count, count_of};

/// A number as the report writes it: whole numbers in full, others to 4 significant digits.
pub(super) fn number(x: f64) -> String {
    if x == x.trunc() && x.abs() < 1e15 {
        format_number(x)
    } else {
        let digits = (3 - x.abs().log10().floor() as i32).clamp(0, 12) as usize;
        format_number(format!("{x:.digits$}").parse().unwrap_or(x))
    }
}

/// A share 0..=1 as a percentage with one decimal ("3.1%"), whole numbers without ("40%").
pub(super) fn percent(share: f64) -> String {
    let text = format!("{:.1}", share * 100.0);
    format!("{}%", text.strip_suffix(".0").unwrap_or(&text))
}

/// Names joined for a sentence: "'a', 'b' and 'c'", or "'a', 'b', 'c' and 4 more".
pub(super) fn name_list(names: &[String], max: usize) -> String {
    let shown: Vec<&str> = names.iter().take(max).map(String::as_str).collect();
    match (shown.split_last(), names.len() > max) {
        (None, _) => String::new(),
        (Some((last, [])), false) => last.to_string(),
        (Some((last, rest)), false) => format!("{} and {last}", rest.join(", ")),
        (Some(_), true) => format!("{} and {} more", shown.join(", "), names.len() - max),
    }
}

fn quoted_list(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    name_list(&quoted, quoted.len())
}

fn value_counts(values: &[ValueCount]) -> String {
    let items: Vec<String> = values.iter().map(|v| format!("'{}' ({})", v.value, count_of(v.count, "row"))).collect();
    name_list(&items, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_for_people() {
        assert_eq!(
            (count(0), count(999), count(1000), count(1_234_567)),
            ("0".into(), "999".into(), "1,000".into(), "1,234,567".into())
        );
        assert_eq!((percent(0.031), percent(0.4), percent(0.9996)), ("3.1%".into(), "40%".into(), "100%".into()));
        let names: Vec<String> = ["'a'", "'b'", "'c'"].map(String::from).to_vec();
        assert_eq!(name_list(&names, 3), "'a', 'b' and 'c'");
        assert_eq!(name_list(&names, 2), "'a', 'b' and 1 more");
        assert_eq!(name_list(&names[..1], 2), "'a'");
    }
}
