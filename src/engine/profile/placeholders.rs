//! Values that look like stand-ins for "unknown": -999 or 9999 in numbers, "unknown" or "?"
//! in text.

use super::categories::ValueCounts;
use serde::{Deserialize, Serialize};

use super::numeric::{NumericSummary, SortedNumbers};
use super::report::ValueCount;
use crate::engine::base::stats::percentile_linear;
use crate::engine::base::table::format_number;

/// Numbers often typed in place of a missing value.
const NUMBER_PLACEHOLDERS: [f64; 8] = [-99_999.0, -9_999.0, -999.0, -99.0, 999.0, 9_999.0, 99_999.0, 999_999.0];

/// Texts often typed in place of a missing value (compared trimmed and lowercased). The
/// missing-value tokens read at ingest never get here.
const TEXT_PLACEHOLDERS: [&str; 27] = [
    "unknown",
    "unk",
    "?",
    "??",
    "???",
    "-",
    "--",
    "---",
    ".",
    "missing",
    "n/a",
    "na",
    "n.a.",
    "n.a",
    "nan",
    "null",
    "nil",
    "undefined",
    "not available",
    "not applicable",
    "no data",
    "blank",
    "(blank)",
    "empty",
    "(empty)",
    "#n/a",
    "tbd",
];

/// Placeholder numbers in a column: a placeholder that is the column's minimum or maximum and
/// lies outside the 1.5·IQR fences, or one that is frequent (at least 1% of values and more
/// than twice as common as the average value).
pub(super) fn number_placeholders(sorted: &SortedNumbers, summary: &NumericSummary) -> Vec<ValueCount> {
    let total = sorted.values.len();
    if total == 0 {
        return Vec::new();
    }
    let average = total as f64 / sorted.distinct.max(1) as f64;
    let fences = match (summary.q1, summary.q3) {
        (Some(q1), Some(q3)) => Some((q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1))),
        _ => None,
    };
    NUMBER_PLACEHOLDERS
        .iter()
        .filter_map(|&p| {
            let count = sorted.count_of(p);
            let extreme = summary.min == Some(p) || summary.max == Some(p);
            let outside = fences.is_some_and(|(low, high)| p < low || p > high);
            let frequent = count >= 2 && count as f64 >= 0.01 * total as f64 && count as f64 > 2.0 * average;
            (count > 0 && ((extreme && outside) || frequent)).then(|| ValueCount { value: format_number(p), count })
        })
        .collect()
}

/// Placeholder texts in a column, most frequent first. In a column of mostly different values
/// (titles, names, free text) a placeholder word must be frequent to count: a film called
/// "Missing" among 58,788 titles is a title.
pub(super) fn text_placeholders(counts: &ValueCounts) -> Vec<ValueCount> {
    let total = counts.total();
    let distinct = counts.entries.len();
    let near_unique = total > 0 && distinct as f64 >= NEAR_UNIQUE * total as f64;
    let average = total as f64 / distinct.max(1) as f64;
    let frequent_enough = |n: usize| !near_unique || (n >= 3 && n as f64 >= 5.0 * average);
    let mut found: Vec<ValueCount> = counts
        .entries
        .iter()
        .filter(|(value, n)| {
            let key = value.trim().to_lowercase();
            TEXT_PLACEHOLDERS.contains(&key.as_str()) && frequent_enough(*n)
        })
        .map(|&(value, count)| ValueCount { value: value.to_string(), count })
        .collect();
    found.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    found
}

/// A column is near-unique when at least this share of its values are different.
const NEAR_UNIQUE: f64 = 0.5;

/// Zeros that stand apart from a column's other values, as "not recorded" does: a blood
/// pressure of 0 among values from 24 to 122.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct ZeroPlaceholder {
    pub zeros: usize,
    /// The smallest value that is not zero.
    pub nonzero_min: f64,
    /// The lower 3·IQR ("far out") fence of the values that are not zero (above 0).
    pub low_fence: f64,
}

/// Zeros as a placeholder: at least 5 of them and 1% of values, no negative values, and 0
/// far below the other values: under their lower 3·IQR fence (they vary, over at least 10 values).
/// Counts (0, 1, 2, …) and amounts with many zeros have their fence below 0 and stay quiet.
pub(super) fn zero_placeholder(sorted: &SortedNumbers, summary: &NumericSummary) -> Option<ZeroPlaceholder> {
    let total = sorted.values.len();
    if summary.negatives > 0 || summary.zeros < 5 || (summary.zeros as f64) < 0.01 * total as f64 {
        return None;
    }
    let nonzero = &sorted.finite()[summary.zeros.min(sorted.finite().len())..];
    let (&first, &last) = (nonzero.first()?, nonzero.last()?);
    if nonzero.len() < 10 || first == last || first <= 0.0 {
        return None;
    }
    let (q1, q3) = (percentile_linear(nonzero, 25.0)?, percentile_linear(nonzero, 75.0)?);
    let low_fence = q1 - 3.0 * (q3 - q1);
    (low_fence > 0.0 && q3 > q1).then_some(ZeroPlaceholder { zeros: summary.zeros, nonzero_min: first, low_fence })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::ColumnData;

    fn placeholders(values: Vec<i64>) -> Vec<ValueCount> {
        let sorted = SortedNumbers::of(&ColumnData::Integer(values.into_iter().map(Some).collect())).unwrap();
        number_placeholders(&sorted, &NumericSummary::of(&sorted.values))
    }

    #[test]
    fn flags_extreme_or_frequent_placeholder_numbers() {
        let mut values: Vec<i64> = (0..100).collect();
        values.push(-999);
        assert_eq!(placeholders(values.clone()), vec![ValueCount { value: "-999".into(), count: 1 }]);
        // 999 as the top of a range of ordinary values is not suspicious.
        assert!(placeholders((0..1000).collect()).is_empty());
        // -99 much more frequent than the other values.
        let mut values: Vec<i64> = (0..200).map(|i| i % 50).collect();
        values.extend([-99; 10]);
        assert_eq!(placeholders(values), vec![ValueCount { value: "-99".into(), count: 10 }]);
    }

    #[test]
    fn flags_placeholder_texts() {
        let counts = ValueCounts { entries: vec![("Unknown", 3), ("red", 9), ("?", 1), ("none", 2)] };
        let found: Vec<String> = text_placeholders(&counts).into_iter().map(|v| v.value).collect();
        assert_eq!(found, ["Unknown", "?"]);
        // In a column of titles, "Missing" once is a title; "unknown" 40 times is not.
        let mut titles: Vec<(String, usize)> = (0..1000).map(|i| (format!("title {i}"), 1)).collect();
        titles.extend([("Missing".to_string(), 1), ("Blank".to_string(), 2), ("unknown".to_string(), 40)]);
        let counts = ValueCounts { entries: titles.iter().map(|(v, n)| (v.as_str(), *n)).collect() };
        let found: Vec<String> = text_placeholders(&counts).into_iter().map(|v| v.value).collect();
        assert_eq!(found, ["unknown"]);
    }

    #[test]
    fn zeros_apart_from_the_other_values() {
        let zeros = |values: Vec<i64>| {
            let sorted = SortedNumbers::of(&ColumnData::Integer(values.into_iter().map(Some).collect())).unwrap();
            zero_placeholder(&sorted, &NumericSummary::of(&sorted.values)).map(|z| z.zeros)
        };
        let pressure: Vec<i64> = (0..200).map(|i| if i % 20 == 0 { 0 } else { 60 + (i * 7) % 40 }).collect();
        assert_eq!(zeros(pressure), Some(10));
        // Counts with many zeros, and a range crossing zero, are not placeholders.
        assert_eq!(zeros((0..200).map(|i| if i % 2 == 0 { 0 } else { i % 9 }).collect()), None);
        assert_eq!(zeros((0..200).map(|i| i - 100).collect()), None);
    }
}
