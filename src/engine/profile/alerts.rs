//! Alerts: each names its columns and says in one plain sentence what is wrong.

use super::column::Findings;
use super::is_identifier_like;
use super::report::{Alert, ColumnProfile, Correlations, ValueCount};
use crate::engine::table::ColumnType;

/// A column missing in at least this share of rows gets an alert.
const HIGH_MISSING: f64 = 0.2;
/// One value in at least this share of a column's values makes it nearly constant.
const NEAR_CONSTANT: f64 = 0.95;
/// Categories above this many levels get a high-cardinality alert.
const HIGH_CARDINALITY: usize = 50;
/// |Pearson r| from here on is a high correlation.
const HIGH_CORRELATION: f64 = 0.95;
/// |skewness| from here on is skewed.
const SKEWED: f64 = 2.0;
/// Most pairs listed one by one as highly correlated.
const MAX_CORRELATED_PAIRS: usize = 25;

/// The alert about duplicate rows, if any.
pub(super) fn duplicate_rows(duplicates: usize) -> Option<Alert> {
    (duplicates > 0).then(|| {
        let repeat = if duplicates == 1 { "row repeats" } else { "rows repeat" };
        let message = format!("{} {repeat} an earlier row exactly; duplicates can bias counts and models.", count(duplicates));
        Alert::new("duplicate_rows", &[], message)
    })
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
        push("constant", format!("'{name}' has the same value in every row, so it carries no information."));
    } else if c.count >= 20 && share(f.mode_count, c.count) >= NEAR_CONSTANT {
        let value = f.mode_value.as_deref().unwrap_or("one value");
        push(
            "near_constant",
            format!("'{name}' is almost constant: '{value}' is {} of its values.", percent(share(f.mode_count, c.count))),
        );
    }
    if share(c.missing, rows) >= HIGH_MISSING {
        push(
            "high_missing",
            format!("'{name}' is missing in {} of rows; consider imputing or dropping it.", percent(share(c.missing, rows))),
        );
    }
    let identifier = is_identifier_like(c, rows);
    if identifier {
        push("identifier", format!("'{name}' is different in every row, like an identifier; it cannot help a model generalise."));
    } else if c.column_type == ColumnType::Category && c.distinct > HIGH_CARDINALITY {
        push(
            "high_cardinality",
            format!("'{name}' has {} different categories; one-hot encoding it makes many columns.", count(c.distinct)),
        );
    }
    if !identifier && c.distinct > 2 {
        if let Some(skew) = c.skewness.filter(|s| s.abs() >= SKEWED) {
            let (side, tail) = if skew > 0.0 { ("right", "large") } else { ("left", "small") };
            push(
                "skewed",
                format!("'{name}' is {side}-skewed (skewness {skew:.2}): a few {tail} values stretch its range; a log or rank transform may help."),
            );
        }
        if let Some(n) = c.outliers.filter(|&n| n > 0) {
            push(
                "outliers",
                format!("'{name}' has {} ({} of rows) outside 1.5×IQR of the quartiles.", things(n, "outlier"), percent(share(n, rows))),
            );
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
    if let Some(w) = &f.whitespace {
        push(
            "whitespace",
            format!(
                "'{name}' has {} with leading or trailing spaces, such as {}; they count as different values.",
                things(w.rows, "value"),
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
                if m.non_numeric_rows == 1 { "1 row is".to_string() } else { format!("{} rows are", count(m.non_numeric_rows)) },
                quoted_list(&m.offenders)
            ),
        );
    }
    if !f.spellings.is_empty() {
        let groups: Vec<String> = f.spellings.iter().take(3).map(|g| quoted_list(g).replace(" and ", ", ")).collect();
        let more = f.spellings.len().saturating_sub(3);
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        push(
            "inconsistent_spelling",
            format!("'{name}' spells the same category in several ways (case or spacing): {}{more}.", groups.join("; ")),
        );
    }
    out
}

/// One alert per pair of number columns with |Pearson r| ≥ 0.95 (the strongest first).
pub(super) fn correlation_alerts(c: &Correlations) -> Vec<Alert> {
    let mut pairs = Vec::new();
    for (i, row) in c.pearson.iter().enumerate() {
        for (j, r) in row.iter().enumerate().skip(i + 1) {
            if let Some(r) = r.filter(|r| r.abs() >= HIGH_CORRELATION) {
                pairs.push((i, j, r));
            }
        }
    }
    pairs.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
    let mut alerts: Vec<Alert> = pairs
        .iter()
        .take(MAX_CORRELATED_PAIRS)
        .map(|&(i, j, r)| {
            let (a, b) = (&c.numeric_columns[i], &c.numeric_columns[j]);
            let message = format!("'{a}' and '{b}' are highly correlated (Pearson r = {r:.3}); one of them may be redundant.");
            Alert::new("high_correlation", &[a, b], message)
        })
        .collect();
    if pairs.len() > MAX_CORRELATED_PAIRS {
        let rest = &pairs[MAX_CORRELATED_PAIRS..];
        let mut names: Vec<&str> = rest.iter().flat_map(|&(i, j, _)| [c.numeric_columns[i].as_str(), c.numeric_columns[j].as_str()]).collect();
        names.sort_unstable();
        names.dedup();
        let message = format!("{} more pairs of columns are highly correlated (|r| ≥ 0.95).", count(rest.len()));
        alerts.push(Alert::new("high_correlation", &names, message));
    }
    alerts
}

pub(super) use crate::engine::format::count;

/// `n` things: "1 row", "1,204 rows".
pub(super) fn things(n: usize, singular: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{} {singular}s", count(n))
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
    let items: Vec<String> = values.iter().map(|v| format!("'{}' ({})", v.value, things(v.count, "row"))).collect();
    name_list(&items, 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_for_people() {
        assert_eq!((count(0), count(999), count(1000), count(1_234_567)), ("0".into(), "999".into(), "1,000".into(), "1,234,567".into()));
        assert_eq!((percent(0.031), percent(0.4), percent(0.9996)), ("3.1%".into(), "40%".into(), "100%".into()));
        let names: Vec<String> = ["'a'", "'b'", "'c'"].map(String::from).to_vec();
        assert_eq!(name_list(&names, 3), "'a', 'b' and 'c'");
        assert_eq!(name_list(&names, 2), "'a', 'b' and 1 more");
        assert_eq!(name_list(&names[..1], 2), "'a'");
    }
}
