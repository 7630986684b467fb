//! The silhouette score of a clustering.

use crate::engine::learn::data::Features;

/// Mean over rows of (b − a) / max(a, b), where a is the mean distance to the other rows of
/// the row's cluster (0 for a cluster of one, whose silhouette is 0) and b the smallest mean
/// distance to another cluster's rows: scikit-learn's `silhouette_score` with Euclidean
/// distances. `None` unless there are at least 2 clusters and fewer clusters than rows.
/// Takes time proportional to the square of the rows: sample large data first.
pub fn silhouette(x: &Features, labels: &[i32]) -> Option<f64> {
    let n = x.rows();
    let mut names: Vec<i32> = labels.to_vec();
    names.sort_unstable();
    names.dedup();
    if labels.len() != n || names.len() < 2 || names.len() >= n {
        return None;
    }
    let cluster: Vec<usize> = labels.iter().map(|l| names.binary_search(l).unwrap_or(0)).collect();
    let mut sizes = vec![0usize; names.len()];
    cluster.iter().for_each(|&c| sizes[c] += 1);
    let distance =
        |i: usize, j: usize| x.row(i).iter().zip(x.row(j)).map(|(a, b)| (a - b) * (a - b)).sum::<f64>().sqrt();
    let mut total = 0.0;
    let mut sums = vec![0.0; names.len()];
    for i in 0..n {
        sums.iter_mut().for_each(|s| *s = 0.0);
        for j in 0..n {
            sums[cluster[j]] += distance(i, j);
        }
        let own = cluster[i];
        if sizes[own] > 1 {
            let a = sums[own] / (sizes[own] - 1) as f64;
            let b =
                (0..names.len()).filter(|&c| c != own).map(|c| sums[c] / sizes[c] as f64).fold(f64::INFINITY, f64::min);
            let m = a.max(b);
            if m > 0.0 {
                total += (b - a) / m;
            }
        }
    }
    Some(total / n as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undefined_for_one_cluster_or_all_singletons() {
        let x = Features::new(3, 1, vec![0.0, 1.0, 5.0]).unwrap();
        assert_eq!(silhouette(&x, &[0, 0, 0]), None);
        assert_eq!(silhouette(&x, &[0, 1, 2]), None);
        assert!(silhouette(&x, &[0, 0, 1]).unwrap() > 0.5);
    }
}
