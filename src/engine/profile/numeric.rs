//! Statistics of a number or integer column, computed from its sorted present values with
//! the same definitions as pandas (`mean`, `std`, `quantile`, `median`, `skew`); the
//! quantiles and the median are `engine::base::stats`', shared with the recipe.

use super::sort::{f64_key, sort_by_key, sort_integers, Whole};
use crate::engine::base::stats::{median_of_sorted, percentile_linear};
use crate::engine::base::table::ColumnData;

/// The present values of a number or integer column in ascending order, with the counts a
/// sort gives for free.
pub(super) struct SortedNumbers {
    /// Present values, ascending (integers converted to `f64`).
    pub values: Vec<f64>,
    /// Distinct values (`-0.0` equals `0.0`, as in pandas).
    pub distinct: usize,
    /// The most frequent value and its count (the smallest such value on a tie).
    pub mode: Option<(f64, usize)>,
}

impl SortedNumbers {
    /// The sorted values of a `Number` or `Integer` column; `None` for other types.
    pub fn of(data: &ColumnData) -> Option<SortedNumbers> {
        match data {
            ColumnData::Number(v) => match v.decimals() {
                // Decimals sort as the whole numbers they are stored as: a narrow radix sort.
                Some((units, divisor)) => {
                    Some(Self::of_integers(units.present().collect(), |u: i32| f64::from(u) / divisor))
                }
                None => {
                    let mut values: Vec<f64> = v.iter().filter(|x| !x.is_nan()).collect();
                    sort_by_key(&mut values, |&x| f64_key(x));
                    let (distinct, mode) = runs(&values);
                    Some(SortedNumbers { mode: mode.map(|(i, n)| (values[i], n)), distinct, values })
                }
            },
            ColumnData::Integer(v) => Some(match v.narrow() {
                Some(narrow) => Self::of_integers(narrow.present().collect(), f64::from),
                None => Self::of_integers(v.present().collect(), |x: i64| x as f64),
            }),
            _ => None,
        }
    }

    /// Sorts whole numbers, counts them, and gives them as numbers through `value` (`i64`s in
    /// the same buffer: an `i64` and an `f64` take the same room).
    fn of_integers<T: Whole>(mut ints: Vec<T>, value: impl Fn(T) -> f64) -> SortedNumbers {
        sort_integers(&mut ints);
        let (distinct, mode) = runs(&ints);
        let values: Vec<f64> = ints.into_iter().map(value).collect();
        SortedNumbers { mode: mode.map(|(i, n)| (values[i], n)), distinct, values }
    }

    /// How many values equal `x`.
    pub fn count_of(&self, x: f64) -> usize {
        self.values.partition_point(|&v| v <= x) - self.values.partition_point(|&v| v < x)
    }

    /// The finite values (the sorted slice without its infinite ends).
    pub fn finite(&self) -> &[f64] {
        let start = self.values.partition_point(|&v| v == f64::NEG_INFINITY);
        let end = self.values.partition_point(|&v| v < f64::INFINITY);
        &self.values[start..end]
    }
}

/// Distinct count and (start index, length) of the longest run in a sorted slice.
#[inline(never)]
pub(super) fn runs<T: PartialEq>(sorted: &[T]) -> (usize, Option<(usize, usize)>) {
    let mut distinct = 0;
    let mut best: Option<(usize, usize)> = None;
    let mut start = 0;
    for i in 1..=sorted.len() {
        if i == sorted.len() || sorted[i] != sorted[start] {
            distinct += 1;
            if best.is_none_or(|(_, n)| i - start > n) {
                best = Some((start, i - start));
            }
            start = i;
        }
    }
    (distinct, best)
}

/// Summary statistics of sorted present values.
#[derive(Debug, Default, PartialEq)]
pub(super) struct NumericSummary {
    pub mean: Option<f64>,
    pub std: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub median: Option<f64>,
    pub q1: Option<f64>,
    pub q3: Option<f64>,
    pub zeros: usize,
    pub negatives: usize,
    pub infinities: usize,
    pub skewness: Option<f64>,
    /// Values outside the 1.5·IQR fences; `None` without finite quartiles.
    pub outliers: Option<usize>,
}

impl NumericSummary {
    /// Statistics of `sorted` (ascending, no NaN). Infinite values make the mean infinite
    /// (or undefined) and the spread statistics undefined, as in pandas.
    pub fn of(sorted: &[f64]) -> NumericSummary {
        let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
            return NumericSummary::default();
        };
        let n = sorted.len();
        let negatives = sorted.partition_point(|&x| x < 0.0);
        let zeros = sorted.partition_point(|&x| x <= 0.0) - negatives;
        let infinities =
            sorted.partition_point(|&x| x == f64::NEG_INFINITY) + n - sorted.partition_point(|&x| x < f64::INFINITY);
        let mean = sum(sorted) / n as f64;
        let (std, skewness) = if infinities == 0 { spread(sorted, mean) } else { (None, None) };
        let q1 = percentile_linear(sorted, 25.0).filter(|q| !q.is_nan());
        let q3 = percentile_linear(sorted, 75.0).filter(|q| !q.is_nan());
        NumericSummary {
            mean: Some(mean).filter(|m| !m.is_nan()),
            std,
            min: Some(min),
            max: Some(max),
            median: Some(median_of_sorted(sorted)).filter(|m| !m.is_nan()),
            q1,
            q3,
            zeros,
            negatives,
            infinities,
            skewness,
            outliers: beyond_fences(sorted, q1, q3, 1.5),
        }
    }
}

/// Sum in blocks, close to numpy's pairwise summation and as accurate.
#[inline(never)]
fn sum(values: &[f64]) -> f64 {
    values.chunks(128).map(|c| c.iter().sum::<f64>()).sum()
}

/// Sample standard deviation (ddof = 1) and pandas' bias-adjusted skewness, two-pass, of
/// sorted values.
#[inline(never)]
fn spread(values: &[f64], mean: f64) -> (Option<f64>, Option<f64>) {
    let n = values.len() as f64;
    let (mut m2, mut m3) = (0.0, 0.0);
    for &x in values {
        let d = x - mean;
        let d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
    }
    let std = (values.len() > 1).then(|| (m2 / (n - 1.0)).sqrt());
    // pandas (3.x) gives NaN for fewer than three values and for a constant column.
    let constant = values.first() == values.last();
    let skew = (values.len() >= 3 && m2 != 0.0 && !constant)
        .then(|| n * (n - 1.0).sqrt() / (n - 2.0) * (m3 / m2.powf(1.5)))
        .filter(|s| s.is_finite());
    (std, skew)
}

/// Tukey's factor for "far out" values: 3·IQR beyond the quartiles.
pub(super) const FAR_OUT: f64 = 3.0;

/// Count outside `[q1 − factor·IQR, q3 + factor·IQR]`, when both quartiles are finite.
pub(super) fn beyond_fences(sorted: &[f64], q1: Option<f64>, q3: Option<f64>, factor: f64) -> Option<usize> {
    let (q1, q3) = (q1?, q3?);
    if !(q1.is_finite() && q3.is_finite()) {
        return None;
    }
    let iqr = q3 - q1;
    let (low, high) = (q1 - factor * iqr, q3 + factor * iqr);
    Some(sorted.partition_point(|&x| x < low) + sorted.len() - sorted.partition_point(|&x| x <= high))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_and_skew_match_pandas() {
        // pandas.Series([1, 2, 4, 8, 30]): quantile(.25) 2.0, quantile(.75) 8.0, median 4,
        // skew() 1.9759096930717444, std() 12.041594578792296
        let s = NumericSummary::of(&[1.0, 2.0, 4.0, 8.0, 30.0]);
        assert_eq!((s.q1, s.median, s.q3), (Some(2.0), Some(4.0), Some(8.0)));
        assert!((s.skewness.unwrap() - 1.9759096930717444).abs() < 1e-12);
        assert!((s.std.unwrap() - 12.041594578792296).abs() < 1e-12);
        assert_eq!(s.outliers, Some(1));
        // pandas.Series([1, 2, 3, 4]).quantile([.25, .75]): 1.75, 3.25
        let s = NumericSummary::of(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!((s.q1, s.median, s.q3), (Some(1.75), Some(2.5), Some(3.25)));
    }

    #[test]
    fn infinities_are_counted_and_spread_is_undefined() {
        let s = NumericSummary::of(&[f64::NEG_INFINITY, -1.0, 0.0, -0.0, 2.0, f64::INFINITY]);
        assert_eq!((s.infinities, s.negatives, s.zeros), (2, 2, 2));
        assert_eq!((s.mean, s.std, s.skewness), (None, None, None));
        assert_eq!((s.min, s.max), (Some(f64::NEG_INFINITY), Some(f64::INFINITY)));
        let s = NumericSummary::of(&[1.0, 2.0, f64::INFINITY]);
        assert_eq!(s.mean, Some(f64::INFINITY));
    }

    #[test]
    fn runs_count_distinct_and_mode() {
        assert_eq!(runs(&[1, 1, 2, 3, 3, 3]), (3, Some((3, 3))));
        assert_eq!(runs::<i32>(&[]), (0, None));
        assert_eq!(runs(&[-0.0, 0.0, 1.0]), (2, Some((0, 2))));
    }
}
