//! Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations: what PCA
//! needs from a covariance matrix.
//!
//! PCA used SmartCore's eigen-decomposition, which panics on some inputs (an index out of
//! bounds in its QL iteration on a covariance whose entries span 1e-212 to 1e177; "no
//! convergence in 30 iterations" near 1e308). A panic aborts the page, so PCA now uses
//! this: every rotation is bounded, nothing indexes out of a `p × p` matrix, and a matrix
//! that is not finite is an error. Jacobi is accurate to a few units in the last place; it
//! costs about `10 × 2p³` operations (0.2 s for 200 columns), more than QL, which is fine for
//! the tens of columns PCA is given.

/// Eigenvalues (descending) and their unit eigenvectors (`vectors[j]` goes with `values[j]`)
/// of the symmetric `p × p` matrix `a` (row-major). `None` when `a` has a value that is not
/// finite.
pub fn symmetric_eigen(mut a: Vec<f64>, p: usize) -> Option<(Vec<f64>, Vec<Vec<f64>>)> {
    if a.len() != p * p || a.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let mut v = vec![0.0; p * p];
    for i in 0..p {
        v[i * p + i] = 1.0;
    }
    for _sweep in 0..100 {
        let total: f64 = a.iter().map(|x| x * x).sum();
        let off: f64 = (0..p)
            .flat_map(|i| (0..p).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * p + j].powi(2))
            .sum();
        if off == 0.0 || off <= f64::EPSILON * f64::EPSILON * total {
            break;
        }
        for r in 0..p {
            for q in r + 1..p {
                let arq = a[r * p + q];
                if arq == 0.0 {
                    continue;
                }
                let theta = (a[q * p + q] - a[r * p + r]) / (2.0 * arq);
                let t = if theta.abs() > 1e150 {
                    0.5 / theta
                } else {
                    theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt())
                };
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..p {
                    let (akr, akq) = (a[k * p + r], a[k * p + q]);
                    a[k * p + r] = c * akr - s * akq;
                    a[k * p + q] = s * akr + c * akq;
                }
                for k in 0..p {
                    let (ark, aqk) = (a[r * p + k], a[q * p + k]);
                    a[r * p + k] = c * ark - s * aqk;
                    a[q * p + k] = s * ark + c * aqk;
                }
                for k in 0..p {
                    let (vkr, vkq) = (v[k * p + r], v[k * p + q]);
                    v[k * p + r] = c * vkr - s * vkq;
                    v[k * p + q] = s * vkr + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..p).collect();
    order.sort_by(|&i, &j| a[j * p + j].total_cmp(&a[i * p + i]));
    let values = order.iter().map(|&j| a[j * p + j]).collect();
    let vectors = order.iter().map(|&j| (0..p).map(|k| v[k * p + j]).collect()).collect();
    Some((values, vectors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposes_a_symmetric_matrix() {
        // [[2, 1], [1, 2]]: eigenvalues 3 and 1, vectors (1, 1)/√2 and (1, −1)/√2.
        let (values, vectors) = symmetric_eigen(vec![2.0, 1.0, 1.0, 2.0], 2).unwrap();
        assert!((values[0] - 3.0).abs() < 1e-15 && (values[1] - 1.0).abs() < 1e-15, "{values:?}");
        let h = std::f64::consts::FRAC_1_SQRT_2;
        assert!((vectors[0][0].abs() - h).abs() < 1e-15 && (vectors[0][0] - vectors[0][1]).abs() < 1e-15);
        assert!((vectors[1][0] + vectors[1][1]).abs() < 1e-15);
        // The covariance that made SmartCore index out of bounds.
        let (values, vectors) = symmetric_eigen(vec![0.0, 3e-212, 3e-212, 1e177], 2).unwrap();
        assert_eq!(values[0], 1e177);
        assert!((vectors[0][1].abs() - 1.0).abs() < 1e-15);
        assert!(symmetric_eigen(vec![f64::INFINITY, 0.0, 0.0, 1.0], 2).is_none());
    }
}
