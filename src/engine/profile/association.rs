//! Cramér's V between category columns, as scipy's
//! `contingency.association(pd.crosstab(a, b), method="cramer")` (no bias correction).

use super::correlation::symmetric;
use crate::engine::table::ColumnData;

/// Code stored for a missing value in [`dense_codes`].
const MISSING: u8 = u8::MAX;

/// A category or boolean column as small dense codes (`MISSING` for missing) and the number
/// of levels that occur; `None` for other types or more than `max_levels` levels.
pub(super) fn dense_codes(data: &ColumnData, max_levels: usize) -> Option<(Vec<u8>, usize)> {
    let max_levels = max_levels.min(MISSING as usize);
    match data {
        ColumnData::Boolean(v) => Some((v.iter().map(|b| b.map_or(MISSING, u8::from)).collect(), 2)),
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
            let occurring = by_text.len();
            Some((dense, occurring))
        }
        _ => None,
    }
}

/// The matrix of Cramér's V between columns given as dense codes.
pub(super) fn cramers_v_matrix(columns: &[(Vec<u8>, usize)]) -> Vec<Vec<Option<f64>>> {
    symmetric(columns.len(), |i, j| cramers_v(&columns[i].0, columns[i].1, &columns[j].0, columns[j].1))
}

/// Cramér's V of two coded columns over the rows where both are present; `None` when either
/// has fewer than two levels there.
fn cramers_v(a: &[u8], a_levels: usize, b: &[u8], b_levels: usize) -> Option<f64> {
    let mut table = vec![0u64; a_levels * b_levels];
    for (&x, &y) in a.iter().zip(b) {
        if x != MISSING && y != MISSING {
            if let Some(cell) = table.get_mut(x as usize * b_levels + y as usize) {
                *cell += 1;
            }
        }
    }
    let row_sums: Vec<u64> = (0..a_levels).map(|r| table[r * b_levels..(r + 1) * b_levels].iter().sum()).collect();
    let col_sums: Vec<u64> = (0..b_levels).map(|c| (0..a_levels).map(|r| table[r * b_levels + c]).sum()).collect();
    let n: u64 = row_sums.iter().sum();
    let rows: Vec<usize> = (0..a_levels).filter(|&r| row_sums[r] > 0).collect();
    let cols: Vec<usize> = (0..b_levels).filter(|&c| col_sums[c] > 0).collect();
    if rows.len() < 2 || cols.len() < 2 {
        return None;
    }
    let n = n as f64;
    let mut chi2 = 0.0;
    for &r in &rows {
        for &c in &cols {
            let expected = row_sums[r] as f64 * col_sums[c] as f64 / n;
            let diff = table[r * b_levels + c] as f64 - expected;
            chi2 += diff * diff / expected;
        }
    }
    let k = (rows.len().min(cols.len()) - 1) as f64;
    Some((chi2 / n / k).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_scipy() {
        // scipy.stats.contingency.association([[3, 1], [1, 3]]) == 0.5;
        // association([[2, 0, 1], [0, 2, 1]]) == 0.816496580927726
        let a = [0, 0, 0, 0, 1, 1, 1, 1];
        let b = [0, 0, 0, 1, 0, 1, 1, 1];
        assert!((cramers_v(&a, 2, &b, 2).unwrap() - 0.5).abs() < 1e-12);
        let a = [0, 0, 0, 1, 1, 1, MISSING];
        let b = [0, 0, 2, 1, 1, 2, 0];
        assert!((cramers_v(&a, 2, &b, 3).unwrap() - 0.816496580927726).abs() < 1e-12);
        assert_eq!(cramers_v(&[0, 0], 1, &[0, 1], 2), None);
    }

    #[test]
    fn codes_categories_densely_and_caps_levels() {
        let data = ColumnData::Category { codes: vec![Some(2), None, Some(0), Some(2)].into(), levels: vec!["a".into(), "b".into(), "c".into()] };
        assert_eq!(dense_codes(&data, 10), Some((vec![0, MISSING, 1, 0], 2)));
        assert_eq!(dense_codes(&data, 1), None);
    }
}
