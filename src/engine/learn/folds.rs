//! Seeded k-fold splits of row indices for cross-validation, stratified by class when labels
//! are given.

use super::error::LearnError;
use super::rng::SplitMix64;

/// Row indices for training and for testing.
pub type Split = (Vec<usize>, Vec<usize>);

/// `k` (train, test) splits of rows `0..n`: every row is in exactly one test fold, folds
/// differ in size by at most one row, and both lists are sorted. With `labels` (one per row)
/// each class is spread evenly over the folds (stratified). The same inputs give the same folds.
pub fn k_folds(n: usize, k: usize, labels: Option<&[u32]>, seed: u64) -> Result<Vec<Split>, LearnError> {
    if k < 2 {
        return Err(LearnError::new(format!("cross-validation needs at least 2 folds (asked for {k})")));
    }
    if k > n {
        return Err(LearnError::new(format!("cannot make {k} folds from {n} rows; choose at most {n} folds")));
    }
    let mut rng = SplitMix64::new(seed);
    // Rows in dealing order: shuffled within each class, classes one after another.
    let order: Vec<usize> = match labels {
        Some(labels) if labels.len() == n => {
            let mut by_class: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
            for (i, &l) in labels.iter().enumerate() {
                by_class.entry(l).or_default().push(i);
            }
            by_class
                .into_values()
                .flat_map(|mut rows| {
                    rng.shuffle(&mut rows);
                    rows
                })
                .collect()
        }
        Some(labels) => {
            return Err(LearnError::new(format!("there are {} labels for {n} rows", labels.len())));
        }
        None => {
            let mut rows: Vec<usize> = (0..n).collect();
            rng.shuffle(&mut rows);
            rows
        }
    };
    let mut fold_of = vec![0usize; n];
    for (position, &row) in order.iter().enumerate() {
        fold_of[row] = position % k;
    }
    Ok((0..k)
        .map(|f| {
            let (test, train): (Vec<usize>, Vec<usize>) = (0..n).partition(|&i| fold_of[i] == f);
            (train, test)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_partition_the_rows() {
        let folds = k_folds(10, 3, None, 1).unwrap();
        assert_eq!(folds.len(), 3);
        let mut tested: Vec<usize> = folds.iter().flat_map(|(_, test)| test.clone()).collect();
        tested.sort_unstable();
        assert_eq!(tested, (0..10).collect::<Vec<_>>());
        for (train, test) in &folds {
            assert_eq!(train.len() + test.len(), 10);
            assert!(test.len() == 3 || test.len() == 4);
            assert!(train.iter().all(|i| !test.contains(i)));
        }
        assert_eq!(k_folds(10, 3, None, 1).unwrap(), folds);
        assert_ne!(k_folds(10, 3, None, 2).unwrap(), folds);
    }

    #[test]
    fn stratified_folds_keep_class_shares() {
        let labels: Vec<u32> = (0..30).map(|i| if i < 20 { 0 } else { 1 }).collect();
        for (_, test) in k_folds(30, 5, Some(&labels), 7).unwrap() {
            let ones = test.iter().filter(|&&i| labels[i] == 1).count();
            assert_eq!((test.len(), ones), (6, 2));
        }
    }

    #[test]
    fn bad_requests_are_errors() {
        assert!(k_folds(10, 1, None, 1).is_err());
        assert!(k_folds(3, 4, None, 1).is_err());
        assert!(k_folds(3, 2, Some(&[0, 1]), 1).is_err());
    }
}
