//! One column's profile, and the findings its alerts are made from.

use serde::{Deserialize, Serialize};

use super::categories::ValueCounts;
use super::dates::DateSummary;
use super::histogram::{histogram, HISTOGRAM_BINS};
use super::numeric::{beyond_fences, NumericSummary, SortedNumbers, FAR_OUT};
use super::placeholders::{number_placeholders, text_placeholders, zero_placeholder, ZeroPlaceholder};
use super::report::{ColumnProfile, ValueCount};
use super::text::{mixed_types, spelling_variants, whitespace, MixedTypes, Whitespace};
use crate::engine::base::table::{format_number, ColumnData, ColumnType};

/// Top values listed per category, text or boolean column.
const TOP_VALUES: usize = 5;

/// What a column's alerts need beyond its profile.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Findings {
    /// How often the most frequent value occurs, and the value as text.
    pub mode_count: usize,
    pub mode_value: Option<String>,
    pub placeholders: Vec<ValueCount>,
    /// Values beyond 3·IQR of the quartiles (Tukey's "far out"), for number columns.
    #[serde(default)]
    pub far_outliers: usize,
    /// Zeros that look like a stand-in for "not recorded".
    #[serde(default)]
    pub zero_placeholder: Option<ZeroPlaceholder>,
    pub whitespace: Option<Whitespace>,
    pub mixed_types: Option<MixedTypes>,
    /// Spelling variants of one category, one list per group.
    pub spellings: Vec<Vec<ValueCount>>,
}

/// A column's profile and findings.
pub(super) fn analyse(name: &str, data: &ColumnData) -> (ColumnProfile, Findings) {
    let missing = data.missing_count();
    let mut profile = ColumnProfile {
        name: name.to_string(),
        column_type: data.column_type(),
        count: data.len() - missing,
        missing,
        distinct: 0,
        unique_share: None,
        mean: None,
        std: None,
        min: None,
        max: None,
        median: None,
        q1: None,
        q3: None,
        zeros: None,
        negatives: None,
        infinities: None,
        skewness: None,
        outliers: None,
        text_length: None,
        date_min: None,
        date_max: None,
        top_values: Vec::new(),
        histogram: Vec::new(),
    };
    let mut findings = Findings::default();
    if let Some(sorted) = SortedNumbers::of(data) {
        let s = NumericSummary::of(&sorted.values);
        findings.placeholders = number_placeholders(&sorted, &s);
        findings.zero_placeholder = zero_placeholder(&sorted, &s);
        findings.far_outliers = beyond_fences(&sorted.values, s.q1, s.q3, FAR_OUT).unwrap_or(0);
        findings.mode_count = sorted.mode.map_or(0, |m| m.1);
        findings.mode_value = sorted.mode.map(|m| format_number(m.0));
        profile.distinct = sorted.distinct;
        profile.histogram = histogram(sorted.finite(), HISTOGRAM_BINS);
        profile.zeros = Some(s.zeros);
        profile.negatives = Some(s.negatives);
        profile.infinities = Some(s.infinities);
        (profile.mean, profile.std, profile.min, profile.max, profile.median) = (s.mean, s.std, s.min, s.max, s.median);
        (profile.q1, profile.q3, profile.skewness, profile.outliers) = (s.q1, s.q3, s.skewness, s.outliers);
    } else if let Some(counts) = ValueCounts::of(data) {
        profile.distinct = counts.entries.len();
        profile.top_values = counts.top(TOP_VALUES);
        findings.mode_count = counts.mode_count();
        findings.mode_value = profile.top_values.first().map(|v| v.value.clone());
        if matches!(profile.column_type, ColumnType::Category | ColumnType::Text) {
            profile.text_length = counts.lengths();
            findings.placeholders = text_placeholders(&counts);
            findings.whitespace = whitespace(&counts);
            findings.mixed_types = mixed_types(&counts);
            findings.spellings = spelling_variants(&counts);
        }
    } else if let ColumnData::Date(days) = data {
        let s = DateSummary::of(days);
        profile.distinct = s.distinct;
        (findings.mode_count, findings.mode_value) = (s.mode_count, s.mode_value);
        (profile.date_min, profile.date_max, profile.histogram) = (s.min, s.max, s.histogram);
    } else if let ColumnData::DateTime(moments) = data {
        let s = DateSummary::of_datetimes(moments);
        profile.distinct = s.distinct;
        (findings.mode_count, findings.mode_value) = (s.mode_count, s.mode_value);
        (profile.date_min, profile.date_max, profile.histogram) = (s.min, s.max, s.histogram);
    }
    profile.unique_share = (profile.count > 0).then(|| profile.distinct as f64 / profile.count as f64);
    (profile, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_statistics_match_pandas() {
        // pandas.Series([1, 2, 4, None]).describe(): count 3, mean 7/3, std 1.527525231651947.
        let (c, _) = analyse("x", &ColumnData::Number(vec![1.0, 2.0, 4.0, f64::NAN].into()));
        assert_eq!((c.count, c.missing, c.distinct), (3, 1, 3));
        assert!((c.mean.unwrap() - 7.0 / 3.0).abs() < 1e-12);
        assert!((c.std.unwrap() - 1.527525231651947).abs() < 1e-12);
        assert_eq!((c.min, c.max, c.median), (Some(1.0), Some(4.0), Some(2.0)));
        assert_eq!(c.histogram.iter().map(|b| b.count).sum::<usize>(), 3);
        assert_eq!(c.unique_share, Some(1.0));
    }

    #[test]
    fn text_and_dates_get_their_own_statistics() {
        let (c, f) = analyse("t", &ColumnData::Text(vec![Some("ab".into()), Some("ab ".into()), None]));
        assert_eq!(c.text_length.map(|l| (l.min, l.max)), Some((2, 3)));
        assert_eq!(f.whitespace.map(|w| w.rows), Some(1));
        assert_eq!(c.mean, None);
        let (c, _) = analyse("d", &ColumnData::Date(vec![Some(0), Some(31)].into()));
        assert_eq!((c.date_min.as_deref(), c.date_max.as_deref()), (Some("1970-01-01"), Some("1970-02-01")));
        assert_eq!((c.min, c.distinct), (None, 2));
    }
}
