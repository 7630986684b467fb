//! The Spearman matrix between number columns as pandas `df.corr("spearman")` computes it:
//! each pair over the rows where both are finite (the rule of `engine::base::stats`, whose Pearson
//! this ranks into).

use std::borrow::Cow;

use super::sort::{f64_key, sort_by_key};
use crate::engine::base::stats::{pearson_shifted, symmetric, takes_part};
use crate::engine::base::table::ColumnData;

/// A column's values as numbers with `NaN` for missing, borrowed when it is already so.
pub(super) fn numbers(data: &ColumnData) -> Option<Cow<'_, [f64]>> {
    match data {
        ColumnData::Number(v) => Some(v.floats()),
        ColumnData::Integer(v) => Some(Cow::Owned(v.iter().map(|x| x.map_or(f64::NAN, |x| x as f64)).collect())),
        _ => None,
    }
}

/// Spearman rank correlation matrix: Pearson on average ranks, re-ranked over the shared
/// rows when two columns are missing in different rows (as pandas does). Each column is
/// sorted once; re-ranking walks that order, so a pair costs linear time.
pub(super) fn spearman_matrix(columns: &[Cow<[f64]>]) -> Vec<Vec<Option<f64>>> {
    let sorted: Vec<SortedRows> = columns.iter().map(|c| SortedRows::of(c)).collect();
    let present: Vec<Vec<bool>> = columns.iter().map(|c| c.iter().map(|x| takes_part(*x)).collect()).collect();
    // Each column's ranks over all its rows, shared by the pairs missing in the same rows; made
    // only for a column that has such a partner (columns with gaps in their own rows have none).
    let n = columns.len();
    let ranks: Vec<Option<Vec<f64>>> =
        (0..n).map(|i| (0..n).any(|j| j != i && present[j] == present[i]).then(|| sorted[i].ranks(None))).collect();
    let all_rows = |i: usize| ranks[i].as_deref().map_or_else(|| Cow::Owned(sorted[i].ranks(None)), Cow::Borrowed);
    symmetric(n, |i, j| {
        let (x, y) = if i == j {
            let x = all_rows(i);
            (x.clone(), x)
        } else if present[i] == present[j] {
            (all_rows(i), all_rows(j))
        } else {
            (Cow::Owned(sorted[i].ranks(Some(&present[j]))), Cow::Owned(sorted[j].ranks(Some(&present[i]))))
        };
        let shared = x.iter().filter(|r| !r.is_nan()).count();
        let mid = (shared as f64 + 1.0) / 2.0;
        pearson_shifted(&x, &y, mid, mid)
    })
}

/// The rows of a column's finite values in ascending order, with where each run of equal
/// values starts.
struct SortedRows {
    rows: usize,
    order: Vec<u32>,
    tie_start: Vec<bool>,
}

impl SortedRows {
    fn of(values: &[f64]) -> SortedRows {
        let mut pairs: Vec<(f64, u32)> =
            values.iter().enumerate().filter(|(_, x)| takes_part(**x)).map(|(i, &x)| (x + 0.0, i as u32)).collect();
        sort_by_key(&mut pairs, |p| f64_key(p.0));
        let tie_start = (0..pairs.len()).map(|k| k == 0 || pairs[k].0 != pairs[k - 1].0).collect();
        SortedRows { rows: values.len(), order: pairs.into_iter().map(|p| p.1).collect(), tie_start }
    }

    /// Average ranks (1-based, ties share their mean rank) among the rows `keep` allows (all
    /// finite rows when `None`); `NaN` elsewhere.
    fn ranks(&self, keep: Option<&[bool]>) -> Vec<f64> {
        let mut out = vec![f64::NAN; self.rows];
        let kept = |row: u32| keep.is_none_or(|k| k[row as usize]);
        let mut below = 0usize;
        let mut start = 0;
        while start < self.order.len() {
            let mut end = start + 1;
            while end < self.order.len() && !self.tie_start[end] {
                end += 1;
            }
            let group = || self.order[start..end].iter().copied().filter(|&r| kept(r));
            let size = group().count();
            let rank = below as f64 + (size as f64 + 1.0) / 2.0;
            group().for_each(|r| out[r as usize] = rank);
            below += size;
            start = end;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::stats::{pearson_matrix, Source};
    use crate::engine::base::table::Numbers;

    #[test]
    fn matches_pandas_on_a_small_frame() {
        // pandas.DataFrame({"a": [1, 2, 3, 4, None], "b": [2, 1, 4, 3, 5], "c": [1, 1, 1, 1, 2]})
        // .corr(): a-b 0.6, a-c NaN (constant on the shared rows), b-c 0.7071067811865475;
        // .corr("spearman"): a-b 0.6, b-c 0.7071067811865475.
        let nan = f64::NAN;
        let cols: Vec<Cow<[f64]>> = vec![
            Cow::Owned(vec![1.0, 2.0, 3.0, 4.0, nan]),
            Cow::Owned(vec![2.0, 1.0, 4.0, 3.0, 5.0]),
            Cow::Owned(vec![1.0, 1.0, 1.0, 1.0, 2.0]),
        ];
        fn matrix(cols: &[Cow<[f64]>]) -> Vec<Vec<Option<f64>>> {
            let numbers: Vec<Numbers> = cols.iter().map(|c| Numbers::from(c.to_vec())).collect();
            pearson_matrix(&numbers.iter().map(Source::Numbers).collect::<Vec<_>>())
        }
        let p = matrix(&cols);
        assert!((p[0][1].unwrap() - 0.6).abs() < 1e-12);
        assert_eq!(p[0][2], None);
        assert!((p[1][2].unwrap() - 0.7071067811865475).abs() < 1e-12);
        assert_eq!(p[0][0], Some(1.0));
        let s = spearman_matrix(&cols);
        assert!((s[0][1].unwrap() - 0.6).abs() < 1e-12);
        assert!((s[1][2].unwrap() - 0.7071067811865475).abs() < 1e-12);
        // Infinities are left out, as pandas does: a = [1, 2, inf, 4, 5], b = [1, 3, 2, 5, 4]
        // .corr() 0.8552359741197579, .corr("spearman") 0.8.
        let cols: Vec<Cow<[f64]>> =
            vec![Cow::Owned(vec![1.0, 2.0, f64::INFINITY, 4.0, 5.0]), Cow::Owned(vec![1.0, 3.0, 2.0, 5.0, 4.0])];
        assert!((matrix(&cols)[0][1].unwrap() - 0.8552359741197579).abs() < 1e-12);
        assert!((spearman_matrix(&cols)[0][1].unwrap() - 0.8).abs() < 1e-12);
        let r = SortedRows::of(&[3.0, nan, 1.0, 3.0]).ranks(None);
        assert_eq!((r[0], r[2], r[3]), (2.5, 1.0, 2.5));
        assert!(r[1].is_nan());
    }
}
