//! Values that look like stand-ins for "unknown": -999 or 9999 in numbers, "unknown" or "?"
//! in text.

use super::categories::ValueCounts;
use super::numeric::{NumericSummary, SortedNumbers};
use super::report::ValueCount;
use crate::engine::table::format_number;

/// Numbers often typed in place of a missing value.
const NUMBER_PLACEHOLDERS: [f64; 8] = [-99_999.0, -9_999.0, -999.0, -99.0, 999.0, 9_999.0, 99_999.0, 999_999.0];

/// Texts often typed in place of a missing value (compared trimmed and lowercased). The
/// missing-value tokens read at ingest never get here.
const TEXT_PLACEHOLDERS: [&str; 27] = [
    "unknown", "unk", "?", "??", "???", "-", "--", "---", ".", "missing", "n/a", "na", "n.a.", "n.a", "nan",
    "null", "nil", "undefined", "not available", "not applicable", "no data", "blank", "(blank)", "empty",
    "(empty)", "#n/a", "tbd",
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

/// Placeholder texts in a column, most frequent first.
pub(super) fn text_placeholders(counts: &ValueCounts) -> Vec<ValueCount> {
    let mut found: Vec<ValueCount> = counts
        .entries
        .iter()
        .filter(|(value, _)| {
            let key = value.trim().to_lowercase();
            TEXT_PLACEHOLDERS.contains(&key.as_str())
        })
        .map(|&(value, count)| ValueCount { value: value.to_string(), count })
        .collect();
    found.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::ColumnData;

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
    }
}
