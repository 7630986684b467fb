//! Checks on the values of category and text columns: stray whitespace, numbers mixed with
//! words, and one category spelled several ways.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::categories::ValueCounts;
use super::report::ValueCount;

/// Values of a column with leading or trailing whitespace.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Whitespace {
    pub rows: usize,
    /// A few of the values, most frequent first.
    pub examples: Vec<String>,
}

/// Values with leading or trailing whitespace, when there are any.
pub(super) fn whitespace(counts: &ValueCounts) -> Option<Whitespace> {
    let mut padded: Vec<(&str, usize)> = counts.entries.iter().copied().filter(|(v, _)| v.trim() != *v).collect();
    if padded.is_empty() {
        return None;
    }
    padded.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    Some(Whitespace {
        rows: padded.iter().map(|e| e.1).sum(),
        examples: padded.iter().take(3).map(|e| e.0.to_string()).collect(),
    })
}

/// A column whose values are mostly numbers, with some that are not.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct MixedTypes {
    /// Rows whose value is not a number.
    pub non_numeric_rows: usize,
    /// Share of present rows that are numbers.
    pub numeric_share: f64,
    /// The most frequent values that are not numbers (at most three).
    pub offenders: Vec<String>,
}

/// Finds a text or category column where most present values read as numbers but some don't.
pub(super) fn mixed_types(counts: &ValueCounts) -> Option<MixedTypes> {
    let total = counts.total();
    let mut offenders: Vec<(&str, usize)> = counts.entries.iter().copied().filter(|(v, _)| !looks_numeric(v)).collect();
    let non_numeric_rows: usize = offenders.iter().map(|e| e.1).sum();
    let numeric_share = (total - non_numeric_rows) as f64 / total.max(1) as f64;
    if non_numeric_rows == 0 || numeric_share <= 0.5 {
        return None;
    }
    offenders.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    Some(MixedTypes {
        non_numeric_rows,
        numeric_share,
        offenders: offenders.iter().take(3).map(|e| e.0.to_string()).collect(),
    })
}

/// Whether a value reads as a number: digits with an optional sign, a decimal point or
/// comma, thousands separators, an exponent or a trailing percent sign.
pub(super) fn looks_numeric(value: &str) -> bool {
    let t = value.trim();
    let t = t.strip_suffix('%').map_or(t, str::trim_end);
    let allowed = |b: u8| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b',' | b'e' | b'E');
    if t.is_empty() || !t.bytes().all(allowed) || !t.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    t.parse::<f64>().is_ok() || t.replace(',', ".").parse::<f64>().is_ok() || t.replace(',', "").parse::<f64>().is_ok()
}

/// Most distinct values worth checking for spelling variants.
const MAX_SPELLING_VALUES: usize = 10_000;

/// Groups of values that are equal once lowercased with whitespace trimmed and collapsed
/// ("Paris", "paris", " PARIS"), each group's variants most frequent first; the groups
/// with the most rows first. A group of capitalised names that differ only in the case of a
/// letter inside a word ("LaFayette", "Lafayette"), each form common, is two names, not one
/// misspelt: see [`distinct_proper_names`].
pub(super) fn spelling_variants(counts: &ValueCounts) -> Vec<Vec<ValueCount>> {
    if counts.entries.len() > MAX_SPELLING_VALUES {
        return Vec::new();
    }
    let mut groups: HashMap<String, Vec<(&str, usize)>> = HashMap::new();
    for &(value, n) in &counts.entries {
        let key = value.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        groups.entry(key).or_default().push((value, n));
    }
    let mut groups: Vec<(usize, Vec<(&str, usize)>)> = groups
        .into_values()
        .filter(|g| g.len() > 1 && !distinct_proper_names(g))
        .map(|mut g| {
            g.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            (g.iter().map(|e| e.1).sum(), g)
        })
        .collect();
    groups.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1[0].0.cmp(b.1[0].0)));
    groups
        .into_iter()
        .map(|(_, g)| g.into_iter().map(|(value, count)| ValueCount { value: value.to_string(), count }).collect())
        .collect()
}

/// Whether variants are distinct proper names: each is capitalised, not all capitals, with
/// tidy spacing; they differ only inside words (a capital in the middle: "LaFayette",
/// "DeKalb", "McDonald"), and the rarest is at least 3 rows and a tenth of the most common.
fn distinct_proper_names(group: &[(&str, usize)]) -> bool {
    let proper = |v: &str| {
        let tidy = v.split_whitespace().collect::<Vec<_>>().join(" ") == v;
        tidy && v.chars().next().is_some_and(char::is_uppercase) && v.chars().any(char::is_lowercase)
    };
    let word_starts = |v: &str| -> Vec<bool> {
        let mut previous = ' ';
        v.chars().map(|c| !std::mem::replace(&mut previous, c).is_alphanumeric()).collect()
    };
    let inside_words_only = |a: &str, b: &str| {
        let starts = word_starts(a);
        a.chars().zip(b.chars()).zip(starts).all(|((x, y), start)| x == y || !start)
    };
    let (most, least) = group.iter().fold((0, usize::MAX), |(m, l), e| (m.max(e.1), l.min(e.1)));
    group.iter().all(|e| proper(e.0))
        && group
            .iter()
            .all(|a| group.iter().all(|b| a.0.chars().count() == b.0.chars().count() && inside_words_only(a.0, b.0)))
        && least >= 3
        && least * 10 >= most
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(values: &[(&'static str, usize)]) -> ValueCounts<'static> {
        ValueCounts { entries: values.to_vec() }
    }

    #[test]
    fn finds_padding_mixed_numbers_and_spellings() {
        let c = counts(&[("Paris", 5), ("paris ", 2), (" PARIS", 1), ("Lyon", 3)]);
        assert_eq!(whitespace(&c), Some(Whitespace { rows: 3, examples: vec!["paris ".into(), " PARIS".into()] }));
        let values: Vec<Vec<(String, usize)>> =
            spelling_variants(&c).into_iter().map(|g| g.into_iter().map(|v| (v.value, v.count)).collect()).collect();
        assert_eq!(values, vec![vec![("Paris".to_string(), 5), ("paris ".into(), 2), (" PARIS".into(), 1)]]);
        // Two towns, both common: not a misspelling. A lone variant, or a capital at a word's
        // start, still is.
        assert!(spelling_variants(&counts(&[("LaFayette", 40), ("Lafayette", 60)])).is_empty());
        assert_eq!(spelling_variants(&counts(&[("LaFayette", 1), ("Lafayette", 60)])).len(), 1);
        assert_eq!(spelling_variants(&counts(&[("New York", 30), ("New york", 20)])).len(), 1);
        assert_eq!(spelling_variants(&counts(&[("Telephone", 30), ("telephone", 20)])).len(), 1);
        let c = counts(&[("12", 4), ("13", 3), ("n/a?", 2), ("1,5", 1), ("7%", 1)]);
        let mixed = mixed_types(&c).unwrap();
        assert_eq!((mixed.non_numeric_rows, mixed.offenders.clone()), (2, vec!["n/a?".to_string()]));
        assert!(mixed_types(&counts(&[("a", 3), ("1", 1)])).is_none());
        assert!(!looks_numeric("-") && !looks_numeric("e") && looks_numeric("-1.2e3") && looks_numeric("1,234.5"));
    }
}
