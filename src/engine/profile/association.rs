//! Cramér's V between category columns: for the heatmap as scipy's
//! `contingency.association(pd.crosstab(a, b), method="cramer")` (no bias correction), and
//! for the alerts with Bergsma's bias correction, plus whether one column determines the
//! other (each of its values goes with a single value of the other).

use crate::engine::base::stats::symmetric;
use crate::engine::base::table::ColumnData;

/// Code stored for a missing value in [`dense_codes`].
pub(super) const MISSING: u8 = u8::MAX;

/// A column as small dense codes.
#[derive(Debug, PartialEq)]
pub(super) struct Coded {
    /// Each row's code, `MISSING` where missing.
    pub codes: Vec<u8>,
    /// The text of each code, in order of first appearance.
    pub levels: Vec<String>,
}

/// A category or boolean column as small dense codes (`MISSING` for missing) with the levels
/// that occur; `None` for other types or more than `max_levels` levels.
pub(super) fn dense_codes(data: &ColumnData, max_levels: usize) -> Option<Coded> {
    let max_levels = max_levels.min(MISSING as usize);
    match data {
        ColumnData::Boolean(v) => Some(Coded {
            codes: v.iter().map(|b| b.map_or(MISSING, u8::from)).collect(),
            levels: vec!["false".into(), "true".into()],
        }),
        ColumnData::Category { codes, levels } => {
            // Map each level text that occurs to 0, 1, 2, … in order of first appearance.
            let mut by_text: std::collections::HashMap<&str, u8> = std::collections::HashMap::new();
            let mut dense_of_code: Vec<Option<u8>> = vec![None; levels.len()];
            let mut dense = Vec::with_capacity(codes.len());
            for code in codes {
                let Some(c) = code.map(|c| c as usize).filter(|&c| c < levels.len()) else {
                    dense.push(MISSING);
                    continue;
                };
                let d = match dense_of_code[c] {
                    Some(d) => d,
                    None => {
                        let next = by_text.len();
                        let d = *by_text.entry(levels[c].as_str()).or_insert(next.min(MISSING as usize - 1) as u8);
                        if by_text.len() > max_levels {
                            return None;
                        }
                        dense_of_code[c] = Some(d);
                        d
                    }
                };
                dense.push(d);
            }
            let mut names = vec![String::new(); by_text.len()];
            for (text, d) in by_text {
                names[d as usize] = text.to_string();
            }
            Some(Coded { codes: dense, levels: names })
        }
        _ => None,
    }
}

/// The matrix of Cramér's V between columns given as dense codes.
pub(super) fn cramers_v_matrix(columns: &[&Coded]) -> Vec<Vec<Option<f64>>> {
    symmetric(columns.len(), |i, j| Contingency::of(columns[i], columns[j]).cramers_v())
}

/// The counts of each pair of levels of two coded columns over the rows where both are present.
pub(super) struct Contingency {
    table: Vec<u64>,
    b_levels: usize,
    row_sums: Vec<u64>,
    col_sums: Vec<u64>,
    /// Rows where both are present.
    pub n: u64,
}

impl Contingency {
    /// Counts the pairs of levels of `a` and `b`. Not inlined: see the note on optimizing in
    /// `profile/mod.rs`.
    #[inline(never)]
    pub fn of(a: &Coded, b: &Coded) -> Contingency {
        let (a_levels, b_levels) = (a.levels.len(), b.levels.len());
        let mut table = vec![0u64; a_levels * b_levels];
        for (&x, &y) in a.codes.iter().zip(&b.codes) {
            if x != MISSING && y != MISSING {
                if let Some(cell) = table.get_mut(x as usize * b_levels + y as usize) {
                    *cell += 1;
                }
            }
        }
        let row_sums: Vec<u64> = (0..a_levels).map(|r| table[r * b_levels..(r + 1) * b_levels].iter().sum()).collect();
        let col_sums: Vec<u64> = (0..b_levels).map(|c| (0..a_levels).map(|r| table[r * b_levels + c]).sum()).collect();
        let n = row_sums.iter().sum();
        Contingency { table, b_levels, row_sums, col_sums, n }
    }

    /// Levels of `a` and of `b` that occur in the shared rows.
    pub fn occurring(&self) -> (usize, usize) {
        (self.row_sums.iter().filter(|&&s| s > 0).count(), self.col_sums.iter().filter(|&&s| s > 0).count())
    }

    fn chi2(&self) -> f64 {
        let n = self.n as f64;
        let mut chi2 = 0.0;
        for (r, &rs) in self.row_sums.iter().enumerate().filter(|(_, &s)| s > 0) {
            for (c, &cs) in self.col_sums.iter().enumerate().filter(|(_, &s)| s > 0) {
                let expected = rs as f64 * cs as f64 / n;
                let diff = self.table[r * self.b_levels + c] as f64 - expected;
                chi2 += diff * diff / expected;
            }
        }
        chi2
    }

    /// Cramér's V; `None` when either column has fewer than two levels in the shared rows.
    pub fn cramers_v(&self) -> Option<f64> {
        let (r, c) = self.occurring();
        if r < 2 || c < 2 {
            return None;
        }
        Some((self.chi2() / self.n as f64 / (r.min(c) - 1) as f64).sqrt())
    }

    /// Cramér's V with Bergsma's (2013) bias correction, which keeps a sparse table of
    /// independent columns near 0; `None` as [`Contingency::cramers_v`] or below 3 rows.
    pub fn corrected_cramers_v(&self) -> Option<f64> {
        let (r, c) = self.occurring();
        if r < 2 || c < 2 || self.n < 3 {
            return None;
        }
        let (n, r, c) = (self.n as f64, r as f64, c as f64);
        let phi2 = (self.chi2() / n - (r - 1.0) * (c - 1.0) / (n - 1.0)).max(0.0);
        let r_corr = r - (r - 1.0).powi(2) / (n - 1.0);
        let c_corr = c - (c - 1.0).powi(2) / (n - 1.0);
        let k = (r_corr - 1.0).min(c_corr - 1.0);
        (k > 0.0).then(|| (phi2 / k).sqrt().min(1.0))
    }

    /// Whether each level of `a` goes with a single level of `b` (`a` determines `b`).
    pub fn a_determines_b(&self) -> bool {
        self.table.chunks(self.b_levels.max(1)).all(|row| row.iter().filter(|&&n| n > 0).count() <= 1)
    }

    /// Whether each level of `b` goes with a single level of `a`.
    pub fn b_determines_a(&self) -> bool {
        (0..self.b_levels).all(|c| self.table.iter().skip(c).step_by(self.b_levels).filter(|&&n| n > 0).count() <= 1)
    }

    /// Whether each occurring level of `a` goes with the level of `b` of the same text (the
    /// columns are equal wherever both are present).
    pub fn equal_texts(&self, a: &Coded, b: &Coded) -> bool {
        self.table
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .all(|(k, _)| a.levels[k / self.b_levels] == b.levels[k % self.b_levels])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coded(codes: &[u8], levels: usize) -> Coded {
        Coded { codes: codes.to_vec(), levels: (0..levels).map(|l| format!("l{l}")).collect() }
    }

    fn v(a: &[u8], al: usize, b: &[u8], bl: usize) -> Contingency {
        Contingency::of(&coded(a, al), &coded(b, bl))
    }

    #[test]
    fn matches_scipy() {
        // scipy.stats.contingency.association([[3, 1], [1, 3]]) == 0.5;
        // association([[2, 0, 1], [0, 2, 1]]) == 0.816496580927726
        let a = [0, 0, 0, 0, 1, 1, 1, 1];
        let b = [0, 0, 0, 1, 0, 1, 1, 1];
        assert!((v(&a, 2, &b, 2).cramers_v().unwrap() - 0.5).abs() < 1e-12);
        let a = [0, 0, 0, 1, 1, 1, MISSING];
        let b = [0, 0, 2, 1, 1, 2, 0];
        assert!((v(&a, 2, &b, 3).cramers_v().unwrap() - 0.816496580927726).abs() < 1e-12);
        assert_eq!(v(&[0, 0], 1, &[0, 1], 2).cramers_v(), None);
    }

    #[test]
    fn bias_correction_and_determination() {
        // Bergsma's correction for [[3, 1], [1, 3]] (n = 8): phi² = 0.25 − 1/7, k = 2 − 1/7 − 1,
        // V = sqrt((0.25 − 1/7) / (6/7)) = 0.3535533905932738.
        let a = [0, 0, 0, 0, 1, 1, 1, 1];
        let b = [0, 0, 0, 1, 0, 1, 1, 1];
        assert!((v(&a, 2, &b, 2).corrected_cramers_v().unwrap() - 0.3535533905932738).abs() < 1e-12);
        // Four levels of `a` map onto two of `b`: `a` determines `b`, not the reverse.
        let a: Vec<u8> = (0..40).map(|i| (i % 4) as u8).collect();
        let b: Vec<u8> = a.iter().map(|x| x / 2).collect();
        let t = v(&a, 4, &b, 2);
        assert!(t.a_determines_b() && !t.b_determines_a());
        let same = Contingency::of(&coded(&a, 4), &coded(&a, 4));
        assert!(same.a_determines_b() && same.b_determines_a() && same.equal_texts(&coded(&a, 4), &coded(&a, 4)));
    }

    #[test]
    fn codes_categories_densely_and_caps_levels() {
        let data = ColumnData::Category {
            codes: vec![Some(2), None, Some(0), Some(2)].into(),
            levels: vec!["a".into(), "b".into(), "c".into()],
        };
        assert_eq!(
            dense_codes(&data, 10),
            Some(Coded { codes: vec![0, MISSING, 1, 0], levels: vec!["c".into(), "a".into()] })
        );
        assert_eq!(dense_codes(&data, 1), None);
    }
}
