//! Statistics steps learn, computed the way NumPy and scikit-learn compute them, so that the
//! learned values agree with theirs to the last bits that matter.

/// Mean of the present values (`NaN` skipped), or `None` when there are none. When the
/// plain sum of finite values overflows (values near 1e308), the values are summed divided
/// by the largest magnitude first.
pub fn mean(values: &[f64]) -> Option<f64> {
    let (sum, n) = values.iter().filter(|x| !x.is_nan()).fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 {
        return None;
    }
    let plain = sum / n as f64;
    if plain.is_finite() || values.iter().any(|x| x.is_infinite()) {
        return Some(plain);
    }
    let largest = largest_magnitude(values);
    let scaled = values.iter().filter(|x| !x.is_nan()).map(|x| x / largest).sum::<f64>() / n as f64;
    Some(scaled * largest)
}

/// The largest `|x|` of the present values (0 when there are none).
pub fn largest_magnitude(values: &[f64]) -> f64 {
    values.iter().filter(|x| !x.is_nan()).fold(0.0f64, |m, x| m.max(x.abs()))
}

/// Population standard deviation (ddof = 0) of the present values around `mean`, computed
/// stably: the squares of deviations overflow past about 1.3e154 and underflow below about
/// 1e-154, so outside that range the deviations are first divided by the largest magnitude.
/// Inside it, the result is NumPy's to the last bit.
pub fn std_dev(values: &[f64], mean: f64) -> f64 {
    let plain = variance(values, mean).sqrt();
    if (plain.is_finite() && plain > 1e-140 && largest_magnitude(values) < 1e150) || !mean.is_finite() {
        return plain;
    }
    let largest = largest_magnitude(values).max(mean.abs());
    if largest == 0.0 || !largest.is_finite() {
        return plain;
    }
    let (sum, n) = values
        .iter()
        .filter(|x| !x.is_nan())
        .map(|x| x / largest - mean / largest)
        .fold((0.0, 0usize), |(s, n), d| (s + d * d, n + 1));
    if n == 0 {
        0.0
    } else {
        (sum / n as f64).sqrt() * largest
    }
}

/// A power of two near `largest` to divide values by, when they are so large (past 1e100)
/// or so small (below 1e-100) that sums of products overflow or underflow; 1 otherwise.
/// Dividing by a power of two is exact, so results that are linear in the values, or
/// do not depend on their scale (directions, correlations), are unchanged.
pub fn power_of_two_unit(largest: f64) -> f64 {
    if !largest.is_finite() || largest == 0.0 || (1e-100..=1e100).contains(&largest) {
        return 1.0;
    }
    2f64.powi((largest.log2().floor() as i32).clamp(-1022, 1023))
}

/// Whether `spread` is no more than rounding noise at the values' magnitude (`largest`): a
/// constant column. Relative, as scikit-learn's `_is_constant_feature`, so that values near
/// 1e-300 keep their real spread; for values near 1 it is the `10 × eps` rule of its
/// `_handle_zeros_in_scale`.
pub fn is_negligible_spread(spread: f64, largest: f64) -> bool {
    spread == 0.0 || spread < 10.0 * f64::EPSILON * largest
}

/// Population variance (ddof = 0) of the present values around `mean`.
pub fn variance(values: &[f64], mean: f64) -> f64 {
    let (sum, n) =
        values.iter().filter(|x| !x.is_nan()).fold((0.0, 0usize), |(s, n), x| (s + (x - mean) * (x - mean), n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

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

/// `num` evenly spaced numbers from `start` to `stop`, as `np.linspace` computes them.
pub fn linspace(start: f64, stop: f64, num: usize) -> Vec<f64> {
    if num == 1 {
        return vec![start];
    }
    let step = (stop - start) / (num - 1) as f64;
    let mut out: Vec<f64> = if step.is_finite() || !start.is_finite() || !stop.is_finite() {
        (0..num).map(|i| i as f64 * step + start).collect()
    } else {
        // The span overflows (from −1e308 to 1e308): weigh the two ends instead.
        (0..num).map(|i| i as f64 / (num - 1) as f64).map(|t| start * (1.0 - t) + stop * t).collect()
    };
    if let Some(end) = out.last_mut() {
        *end = stop;
    }
    out
}

/// Pearson correlation over the rows where both are present; `None` when either is constant.
/// Values near ±1e308 (or 1e-300) are taken in a unit of a power of two first, since the
/// correlation does not depend on the scale and their squares overflow (or underflow).
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let (ux, uy) = (power_of_two_unit(largest_magnitude(x)), power_of_two_unit(largest_magnitude(y)));
    if ux != 1.0 || uy != 1.0 {
        let (xs, ys): (Vec<f64>, Vec<f64>) = (x.iter().map(|v| v / ux).collect(), y.iter().map(|v| v / uy).collect());
        return pearson(&xs, &ys);
    }
    let pairs = || x.iter().zip(y).filter(|(a, b)| !a.is_nan() && !b.is_nan());
    let n = pairs().count() as f64;
    if n < 2.0 {
        return None;
    }
    let (mx, my) = (pairs().map(|p| p.0).sum::<f64>() / n, pairs().map(|p| p.1).sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in pairs() {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
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
        let got: Vec<f64> = [0.0, 25.0, 50.0, 75.0, 100.0]
            .iter()
            .map(|p| percentile_averaged_inverted_cdf(&v, *p).unwrap())
            .collect();
        assert_eq!(got, [1.0, 1.5, 2.5, 3.5, 4.0]);
        assert_eq!(percentile_linear(&[], 50.0), None);
        let mut shuffled = [4.0, 1.0, 3.0, 2.0];
        assert_eq!(percentile_of_unsorted(&mut shuffled, 25.0), Some(1.75));
        assert_eq!(percentile_of_unsorted(&mut [2.0], 100.0), Some(2.0));
    }
}
