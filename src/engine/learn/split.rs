//! Seeded train/test splits of row indices: plain and stratified by class.

use super::error::LearnError;
use super::rng::SplitMix64;

/// Splits rows `0..n` into (train, test) index lists, both sorted ascending.
///
/// The test side gets `round(n * test_share)` rows, clamped so both sides keep at least one
/// row. The same `(n, test_share, seed)` always gives the same split.
pub fn train_test_split(n: usize, test_share: f64, seed: u64) -> Result<(Vec<usize>, Vec<usize>), LearnError> {
    let test_n = test_size(n, test_share)?;
    let mut order: Vec<usize> = (0..n).collect();
    SplitMix64::new(seed).shuffle(&mut order);
    let mut test = order[..test_n].to_vec();
    let mut train = order[test_n..].to_vec();
    train.sort_unstable();
    test.sort_unstable();
    Ok((train, test))
}

/// Splits rows by class label so each class keeps about the same share on both sides.
///
/// Every class with two or more rows puts at least one row in training and at least one in
/// the test set (even if that makes the test set somewhat larger than asked); a class with a
/// single row stays in training, unless every class has a single row. Both lists are sorted.
pub fn stratified_split(labels: &[u32], test_share: f64, seed: u64) -> Result<(Vec<usize>, Vec<usize>), LearnError> {
    let n = labels.len();
    let target_total = test_size(n, test_share)?;
    let classes = rows_by_class(labels);
    let quotas = class_quotas(&classes, n, target_total);

    let mut rng = SplitMix64::new(seed);
    let mut train = Vec::with_capacity(n);
    let mut test = Vec::with_capacity(target_total);
    for (mut rows, quota) in classes.into_iter().zip(quotas) {
        rng.shuffle(&mut rows);
        test.extend_from_slice(&rows[..quota]);
        train.extend_from_slice(&rows[quota..]);
    }
    if test.is_empty() {
        // Only single-row classes: give one of them (chosen by the seed) to the test side.
        let pick = rng.below(train.len() as u64) as usize;
        test.push(train.swap_remove(pick));
    }
    train.sort_unstable();
    test.sort_unstable();
    Ok((train, test))
}

/// The test size for `n` rows, or an error for too few rows or a share outside (0, 1).
pub(super) fn test_size(n: usize, test_share: f64) -> Result<usize, LearnError> {
    if !(test_share > 0.0 && test_share < 1.0) {
        return Err(LearnError::new(format!(
            "the test share must be a number between 0 and 1, such as 0.25 (it is {test_share})"
        )));
    }
    if n < 2 {
        return Err(LearnError::new(format!(
            "there {} only {n} row{} to learn from; splitting into training and test rows needs at least 2",
            if n == 1 { "is" } else { "are" },
            if n == 1 { "" } else { "s" }
        )));
    }
    let wanted = (n as f64 * test_share).round() as usize;
    Ok(wanted.clamp(1, n - 1))
}

/// Row indices of each label that occurs, in label order.
fn rows_by_class(labels: &[u32]) -> Vec<Vec<usize>> {
    let mut by_label: std::collections::BTreeMap<u32, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, &label) in labels.iter().enumerate() {
        by_label.entry(label).or_default().push(i);
    }
    by_label.into_values().collect()
}

/// How many rows of each class go to the test side: proportional to the class size
/// (largest remainder), within `[1, size - 1]` for classes of two or more rows, 0 for single rows.
fn class_quotas(classes: &[Vec<usize>], n: usize, target_total: usize) -> Vec<usize> {
    let ideal: Vec<f64> = classes.iter().map(|rows| rows.len() as f64 * target_total as f64 / n as f64).collect();
    let bounds: Vec<(usize, usize)> =
        classes.iter().map(|rows| if rows.len() >= 2 { (1, rows.len() - 1) } else { (0, 0) }).collect();
    let mut quota: Vec<usize> =
        ideal.iter().zip(&bounds).map(|(&x, &(lo, hi))| (x.floor() as usize).clamp(lo, hi)).collect();

    // Classes ordered by how much they are owed (ideal minus quota), most owed first; ties by label.
    let mut total: usize = quota.iter().sum();
    let owed = |quota: &[usize]| {
        let mut order: Vec<usize> = (0..classes.len()).collect();
        order.sort_by(|&a, &b| (ideal[b] - quota[b] as f64).total_cmp(&(ideal[a] - quota[a] as f64)).then(a.cmp(&b)));
        order
    };
    while total < target_total {
        let Some(c) = owed(&quota).into_iter().find(|&c| quota[c] < bounds[c].1) else {
            break;
        };
        quota[c] += 1;
        total += 1;
    }
    while total > target_total {
        let Some(c) = owed(&quota).into_iter().rev().find(|&c| quota[c] > bounds[c].0) else {
            break;
        };
        quota[c] -= 1;
        total -= 1;
    }
    quota
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_partition(train: &[usize], test: &[usize], n: usize) {
        assert!(train.windows(2).all(|w| w[0] < w[1]), "train sorted and unique");
        assert!(test.windows(2).all(|w| w[0] < w[1]), "test sorted and unique");
        let mut all: Vec<usize> = train.iter().chain(test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..n).collect::<Vec<_>>());
    }

    #[test]
    fn plain_split_is_deterministic_and_sized() {
        let (train, test) = train_test_split(100, 0.25, 42).unwrap();
        assert_eq!((train.len(), test.len()), (75, 25));
        assert_partition(&train, &test, 100);
        assert_eq!(train_test_split(100, 0.25, 42).unwrap(), (train.clone(), test.clone()));
        assert_ne!(train_test_split(100, 0.25, 43).unwrap().1, test);
    }

    #[test]
    fn plain_split_keeps_one_row_on_each_side() {
        assert_eq!(train_test_split(2, 0.01, 1).unwrap().1.len(), 1);
        assert_eq!(train_test_split(2, 0.99, 1).unwrap().0.len(), 1);
        assert_eq!(train_test_split(10, 0.95, 1).unwrap().0.len(), 1);
        assert_eq!(train_test_split(7, 0.5, 1).unwrap().1.len(), 4); // round(3.5) = 4
    }

    #[test]
    fn bad_split_requests_are_errors() {
        assert!(train_test_split(0, 0.2, 1).is_err());
        assert!(train_test_split(1, 0.2, 1).is_err());
        for share in [0.0, 1.0, -0.5, 1.5, f64::NAN, f64::INFINITY] {
            assert!(train_test_split(10, share, 1).is_err(), "{share}");
            assert!(stratified_split(&[0, 1, 0, 1], share, 1).is_err(), "{share}");
        }
        assert!(stratified_split(&[], 0.2, 1).is_err());
        assert!(stratified_split(&[3], 0.2, 1).is_err());
    }

    #[test]
    fn stratified_split_keeps_proportions() {
        // 60 / 30 / 10 rows of classes 0, 1, 2.
        let labels: Vec<u32> = (0..100)
            .map(|i| {
                if i < 60 {
                    0
                } else if i < 90 {
                    1
                } else {
                    2
                }
            })
            .collect();
        let (train, test) = stratified_split(&labels, 0.2, 9).unwrap();
        assert_partition(&train, &test, 100);
        let count = |rows: &[usize], c: u32| rows.iter().filter(|&&i| labels[i] == c).count();
        assert_eq!([count(&test, 0), count(&test, 1), count(&test, 2)], [12, 6, 2]);
        assert_eq!(stratified_split(&labels, 0.2, 9).unwrap(), (train, test.clone()));
        assert_ne!(stratified_split(&labels, 0.2, 10).unwrap().1, test);
    }

    #[test]
    fn stratified_split_hits_the_total_with_uneven_classes() {
        // 5 / 5 / 5 rows, 30 %: total round(4.5) = 5, ideal 5/3 each, so quotas 2, 2, 1.
        let labels: Vec<u32> = (0..15).map(|i| i % 3).collect();
        let (train, test) = stratified_split(&labels, 0.3, 3).unwrap();
        assert_eq!((train.len(), test.len()), (10, 5));
        // 10 rows of 0 and 3 of 1 at 50 %: 7 test rows, class 1 keeps one training row.
        let labels = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
        let (train, test) = stratified_split(&labels, 0.5, 3).unwrap();
        assert_eq!(test.len(), 7);
        assert!(train.iter().any(|&i| labels[i] == 1) && test.iter().any(|&i| labels[i] == 1));
    }

    #[test]
    fn every_class_of_two_or_more_is_on_both_sides() {
        // One large class and several tiny ones, small share.
        let mut labels = vec![0u32; 40];
        labels.extend([1, 1, 2, 2, 2, 3, 4]);
        let (train, test) = stratified_split(&labels, 0.1, 5).unwrap();
        assert_partition(&train, &test, labels.len());
        for c in [0, 1, 2] {
            assert!(train.iter().any(|&i| labels[i] == c), "class {c} in train");
            assert!(test.iter().any(|&i| labels[i] == c), "class {c} in test");
        }
        for c in [3, 4] {
            assert!(train.iter().any(|&i| labels[i] == c), "single-row class {c} stays in train");
        }
    }

    #[test]
    fn all_single_row_classes_still_give_a_test_row() {
        let (train, test) = stratified_split(&[0, 1, 2, 3], 0.25, 1).unwrap();
        assert_eq!((train.len(), test.len()), (3, 1));
        assert_partition(&train, &test, 4);
    }
}
