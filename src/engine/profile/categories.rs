//! Value counts of category, boolean and text columns, counted without copying the values.

use std::collections::HashMap;

use super::report::{LengthStats, ValueCount};
use crate::engine::base::table::ColumnData;

/// The distinct present values of a category, boolean or text column with their counts,
/// in no particular order.
pub(super) struct ValueCounts<'a> {
    pub entries: Vec<(&'a str, usize)>,
}

impl<'a> ValueCounts<'a> {
    /// The counts of a category, boolean or text column; `None` for other types.
    pub fn of(data: &'a ColumnData) -> Option<ValueCounts<'a>> {
        let entries = match data {
            ColumnData::Category { codes, levels } => {
                let mut per_code = vec![0usize; levels.len()];
                for code in codes.present() {
                    if let Some(n) = per_code.get_mut(code as usize) {
                        *n += 1;
                    }
                }
                // Levels are unique by construction; merging keeps the counts right if not.
                let mut merged: HashMap<&str, usize> = HashMap::new();
                for (level, n) in levels.iter().zip(per_code).filter(|(_, n)| *n > 0) {
                    *merged.entry(level.as_str()).or_default() += n;
                }
                merged.into_iter().collect()
            }
            ColumnData::Boolean(v) => {
                let trues = v.iter().filter(|b| **b == Some(true)).count();
                let falses = v.iter().filter(|b| **b == Some(false)).count();
                [("false", falses), ("true", trues)].into_iter().filter(|(_, n)| *n > 0).collect()
            }
            ColumnData::Text(v) => {
                let mut counts: HashMap<&str, usize> = HashMap::new();
                for text in v.iter().flatten() {
                    *counts.entry(text.as_str()).or_default() += 1;
                }
                counts.into_iter().collect()
            }
            _ => return None,
        };
        Some(ValueCounts { entries })
    }

    /// Present values.
    pub fn total(&self) -> usize {
        self.entries.iter().map(|e| e.1).sum()
    }

    /// The `k` most frequent values, most frequent first, ties by value.
    pub fn top(&self, k: usize) -> Vec<ValueCount> {
        let by_count = |a: &(&str, usize), b: &(&str, usize)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
        let mut entries = self.entries.clone();
        if entries.len() > k && k > 0 {
            entries.select_nth_unstable_by(k - 1, by_count);
            entries.truncate(k);
        }
        entries.sort_unstable_by(by_count);
        entries.truncate(k);
        entries.into_iter().map(|(value, count)| ValueCount { value: value.to_string(), count }).collect()
    }

    /// How often the most frequent value occurs.
    pub fn mode_count(&self) -> usize {
        self.entries.iter().map(|e| e.1).max().unwrap_or(0)
    }

    /// Length of the values in characters, over all present rows.
    pub fn lengths(&self) -> Option<LengthStats> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let (mut min, mut max, mut sum) = (usize::MAX, 0, 0.0);
        for (value, n) in &self.entries {
            let len = value.chars().count();
            min = min.min(len);
            max = max.max(len);
            sum += len as f64 * *n as f64;
        }
        Some(LengthStats { min, mean: sum / total as f64, max })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_top_values() {
        let data = ColumnData::Text(
            ["b", "a", "b", "ccc", "b", "a"].iter().map(|s| Some(s.to_string())).chain([None]).collect(),
        );
        let counts = ValueCounts::of(&data).unwrap();
        assert_eq!((counts.total(), counts.entries.len(), counts.mode_count()), (6, 3, 3));
        let top = counts.top(2);
        assert_eq!((top[0].value.as_str(), top[0].count, top[1].value.as_str()), ("b", 3, "a"));
        let lengths = counts.lengths().unwrap();
        assert_eq!((lengths.min, lengths.max), (1, 3));
        assert!((lengths.mean - 8.0 / 6.0).abs() < 1e-12);
        let booleans = ColumnData::Boolean(vec![Some(true), None, Some(true)]);
        assert_eq!(ValueCounts::of(&booleans).unwrap().top(5), vec![ValueCount { value: "true".into(), count: 2 }]);
    }
}
