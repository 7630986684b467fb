//! Mean, variance and standard deviation of one column, computed the way NumPy and
//! scikit-learn compute them (so that what recipe steps learn agrees with theirs to the last
//! bits that matter), and the scale helpers that keep them finite at extreme magnitudes.
//! Missing values (`NaN`) are skipped; an infinity is a value (see the module rule in `stats`).

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
