//! Seeded K-fold assignment of rows, for cross-fitting.

/// The fold (`0..k`) of each of `n` rows: rows in a seeded random order, dealt out in turn,
/// so folds differ in size by at most one.
pub fn assign_folds(n: usize, k: usize, seed: u64) -> Vec<usize> {
    let k = k.max(1);
    let mut order: Vec<(u64, usize)> = (0..n).map(|i| (scramble(seed ^ scramble(i as u64)), i)).collect();
    order.sort_unstable();
    let mut folds = vec![0; n];
    for (rank, (_, row)) in order.into_iter().enumerate() {
        folds[row] = rank % k;
    }
    folds
}

/// A bijective 64-bit scramble (the MurmurHash3 finaliser).
fn scramble(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    #[test]
    fn folds_are_balanced_and_follow_the_seed() {
        let folds = super::assign_folds(103, 5, 9);
        let sizes: Vec<usize> = (0..5).map(|f| folds.iter().filter(|&&x| x == f).count()).collect();
        assert!(sizes.iter().all(|&s| s == 20 || s == 21), "{sizes:?}");
        assert_eq!(folds, super::assign_folds(103, 5, 9));
        assert_ne!(folds, super::assign_folds(103, 5, 10));
    }
}
