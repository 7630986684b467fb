//! A 2-D view of many features: the first two principal components (smartcore's PCA), for
//! the scatter plot of clusters.

use smartcore::decomposition::pca::{PCAParameters, PCA};
use smartcore::linalg::basic::arrays::Array;
use smartcore::linalg::basic::matrix::DenseMatrix;

use super::data::Features;

/// Each row of `x` as (first, second) principal component. With one feature the second is 0;
/// if the decomposition fails (e.g. no variance) the first two features stand in.
pub fn pca_2d(x: &Features) -> Vec<(f64, f64)> {
    let plain = || {
        (0..x.rows())
            .map(|i| (x.row(i).first().copied().unwrap_or(0.0), x.row(i).get(1).copied().unwrap_or(0.0)))
            .collect()
    };
    if x.cols() < 2 || x.rows() < 3 {
        return plain();
    }
    let projected = x.to_dense().ok().and_then(|m| {
        let pca: PCA<f64, DenseMatrix<f64>> = PCA::fit(&m, PCAParameters::default().with_n_components(2)).ok()?;
        pca.transform(&m).ok()
    });
    match projected {
        Some(p) if p.shape() == (x.rows(), 2) && p.iterator(0).all(|v| v.is_finite()) => {
            (0..x.rows()).map(|i| (*p.get((i, 0)), *p.get((i, 1)))).collect()
        }
        _ => plain(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_component_follows_the_spread() {
        // Points along the diagonal: the first component carries (almost) all the spread.
        let values: Vec<f64> = (0..10).flat_map(|i| [i as f64, i as f64 + 0.01 * (i % 2) as f64]).collect();
        let x = Features::new(10, 2, values).unwrap();
        let p = pca_2d(&x);
        let spread = |f: fn(&(f64, f64)) -> f64| {
            p.iter().map(f).fold(f64::MIN, f64::max) - p.iter().map(f).fold(f64::MAX, f64::min)
        };
        assert!(spread(|q| q.0) > 10.0 * spread(|q| q.1), "{p:?}");
        let one = Features::new(3, 1, vec![1.0, 2.0, 3.0]).unwrap();
        assert_eq!(pca_2d(&one), vec![(1.0, 0.0), (2.0, 0.0), (3.0, 0.0)]);
    }
}
