//! Percentiles of ascending values as NumPy computes them (`np.percentile` with its "linear"
//! and "averaged_inverted_cdf" methods, and `np.median`), for the profile's quartiles and the
//! recipe's medians, fences and quantile bins alike. The values are the present ones (no
//! `NaN`); an infinity is a value, and an interpolation next to one is what NumPy gives
//! (`NaN` where it weighs an infinity by zero).

/// Percentile `p` (0–100) of ascending `sorted` values, NumPy's default "linear" method
/// (`np.percentile`, as `np.median` and scikit-learn's RobustScaler use).
pub fn percentile_linear(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    let q = p / 100.0;
    interpolate(sorted, (n as f64 - 1.0) * q, |gamma| gamma)
}

/// Percentile `p` (0–100) with NumPy's "averaged_inverted_cdf" method, which
/// scikit-learn's KBinsDiscretizer uses for quantile bins since version 1.9.
pub fn percentile_averaged_inverted_cdf(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    let q = p / 100.0;
    interpolate(sorted, n as f64 * q - 1.0, |gamma| if gamma == 0.0 { 0.5 } else { 1.0 })
}

/// [`percentile_linear`] of unsorted values in linear time; `values` are reordered.
pub fn percentile_of_unsorted(values: &mut [f64], p: f64) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    // Put the two order statistics the interpolation reads at their sorted places.
    let i = (((n as f64 - 1.0) * (p / 100.0)).max(0.0).floor() as usize).min(n - 1);
    values.select_nth_unstable_by(i, f64::total_cmp);
    let rest = &mut values[i + 1..];
    if let Some(j) = (0..rest.len()).min_by(|a, b| rest[*a].total_cmp(&rest[*b])) {
        rest.swap(0, j);
    }
    percentile_linear(values, p)
}

/// NumPy's `_quantile`: the neighbours of `virtual_index`, weighted by `fix_gamma` of its
/// fractional part, with NumPy's clamping at both ends.
fn interpolate(sorted: &[f64], virtual_index: f64, fix_gamma: impl Fn(f64) -> f64) -> Option<f64> {
    let n = sorted.len();
    let last = *sorted.last()?;
    if virtual_index.is_nan() {
        return None;
    }
    if virtual_index >= n as f64 - 1.0 {
        return Some(last);
    }
    if virtual_index < 0.0 {
        return sorted.first().copied();
    }
    let below = virtual_index.floor();
    let i = below as usize;
    let (a, b) = (*sorted.get(i)?, *sorted.get(i + 1)?);
    Some(lerp(a, b, fix_gamma(virtual_index - below)))
}

/// NumPy's `_lerp`: exact at both ends; values whose difference overflows are weighted
/// separately instead.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let diff = b - a;
    if diff.is_infinite() && a.is_finite() && b.is_finite() {
        return a * (1.0 - t) + b * t;
    }
    if t >= 0.5 {
        b - diff * (1.0 - t)
    } else {
        a + diff * t
    }
}

/// NumPy's `median` of a non-empty ascending slice: the middle value, or the mean of the two
/// middle values (which may differ in the last bit from the 50th [`percentile_linear`]).
pub fn median_of_sorted(sorted: &[f64]) -> f64 {
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_follow_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0];
        // np.percentile(v, [0, 25, 50, 90, 100]) → 1, 1.75, 2.5, 3.7, 4
        assert_eq!(percentile_linear(&v, 25.0), Some(1.75));
        assert_eq!(percentile_linear(&v, 50.0), Some(2.5));
        assert!((percentile_linear(&v, 90.0).unwrap() - 3.7).abs() < 1e-12);
        assert_eq!(percentile_linear(&v, 100.0), Some(4.0));
        // method="averaged_inverted_cdf": [0, 25, 50, 75, 100] → 1, 1.5, 2.5, 3.5, 4
        let got: Vec<f64> =
            [0.0, 25.0, 50.0, 75.0, 100.0].iter().map(|p| percentile_averaged_inverted_cdf(&v, *p).unwrap()).collect();
        assert_eq!(got, [1.0, 1.5, 2.5, 3.5, 4.0]);
        assert_eq!(percentile_linear(&[], 50.0), None);
        let mut shuffled = [4.0, 1.0, 3.0, 2.0];
        assert_eq!(percentile_of_unsorted(&mut shuffled, 25.0), Some(1.75));
        assert_eq!(percentile_of_unsorted(&mut [2.0], 100.0), Some(2.0));
    }

    #[test]
    fn infinities_interpolate_as_numpy_does() {
        // numpy 2.3: np.percentile([-inf, -inf, -inf, 1, 2], 25), np.percentile([1, inf], 0) and
        // np.percentile([1, 2, inf], 50) are nan (as pandas' quantile); np.median([1, 3]) is 2 and
        // np.median([1, 3, inf]) 3.
        let inf = f64::INFINITY;
        assert!(percentile_linear(&[-inf, -inf, -inf, 1.0, 2.0], 25.0).unwrap().is_nan());
        assert!(percentile_linear(&[1.0, inf], 0.0).unwrap().is_nan());
        assert!(percentile_linear(&[1.0, 2.0, inf], 50.0).unwrap().is_nan());
        assert_eq!(median_of_sorted(&[1.0, 3.0]), 2.0);
        assert_eq!(median_of_sorted(&[1.0, 3.0, inf]), 3.0);
    }
}
