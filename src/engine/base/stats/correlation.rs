//! Pearson's correlation of two columns over the rows where both values are finite (the rule
//! of this module's parent), in the shapes its users need: [`pearson`] for two whole columns
//! (the drop-correlated step), [`pearson_shifted`] when the shifts are known (the profile's
//! sampled pairs, in [`correlation_unit`]s, and its Spearman ranks), and
//! [`correlation_of_sums`] for kernels that gather the sums themselves (`pearson_matrix`). All
//! take extreme columns in the same unit and end in [`correlation_of_sums`], so they agree on
//! when a column does not vary.

use super::moments::power_of_two_unit;

/// Whether a value takes part in a pairwise statistic: it is finite. A row counts when both of
/// its values do; a missing value (`NaN`) or an infinity leaves the row out, as pandas' `corr`.
#[inline(always)]
pub fn takes_part(value: f64) -> bool {
    value.is_finite()
}

/// The mean of the values that take part (0 when there are none): the shift that keeps a
/// correlation's sums from cancelling.
pub fn finite_mean(values: &[f64]) -> f64 {
    let (n, sum) = values.iter().filter(|x| takes_part(**x)).fold((0usize, 0.0), |(n, s), x| (n + 1, s + x));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Pearson correlation over the rows where both are finite; `None` below two such rows or when
/// either side does not vary on them. Values near ±1e308 (or 1e-300) are taken in a unit of a
/// power of two first: the correlation does not depend on the scale, and their squares would
/// overflow (or underflow).
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if correlation_unit(x) != 1.0 || correlation_unit(y) != 1.0 {
        let (mut xs, mut ys) = (x.to_vec(), y.to_vec());
        in_correlation_unit(&mut xs);
        in_correlation_unit(&mut ys);
        return pearson_shifted(&xs, &ys, finite_mean(&xs), finite_mean(&ys));
    }
    pearson_shifted(x, y, finite_mean(x), finite_mean(y))
}

/// The unit a column's values are taken in for a correlation: a power of two near the largest
/// finite magnitude when that is past 1e100 or below 1e-100 (so squares neither overflow nor
/// underflow), else 1. Dividing by it is exact and leaves every correlation as it is.
pub fn correlation_unit(values: &[f64]) -> f64 {
    power_of_two_unit(values.iter().filter(|a| takes_part(**a)).fold(0.0f64, |m, a| m.max(a.abs())))
}

/// Divides `values` by their [`correlation_unit`] (nothing to do for most columns).
pub fn in_correlation_unit(values: &mut [f64]) {
    let unit = correlation_unit(values);
    if unit != 1.0 {
        values.iter_mut().for_each(|v| *v /= unit);
    }
}

/// Pearson correlation over the rows where both are finite, in one pass over values shifted by
/// `sx`, `sy` (near the means, so the sums do not cancel). Not inlined: see the note on
/// optimizing in `profile/mod.rs`.
#[inline(never)]
pub fn pearson_shifted(x: &[f64], y: &[f64], sx: f64, sy: f64) -> Option<f64> {
    let (mut n, mut ax, mut ay, mut axx, mut ayy, mut axy) = (0usize, 0.0, 0.0, 0.0, 0.0, 0.0);
    for (&a, &b) in x.iter().zip(y) {
        if !(takes_part(a) && takes_part(b)) {
            continue;
        }
        let (dx, dy) = (a - sx, b - sy);
        n += 1;
        ax += dx;
        ay += dy;
        axx += dx * dx;
        ayy += dy * dy;
        axy += dx * dy;
    }
    correlation_of_sums(n as f64, [ax, ay, axx, ayy, axy])
}

/// Pearson's r from the count and the sums `[Σx, Σy, Σx², Σy², Σxy]` of shifted values over the
/// shared rows; `None` below two rows or when either side does not vary.
pub fn correlation_of_sums(n: f64, [ax, ay, axx, ayy, axy]: [f64; 5]) -> Option<f64> {
    if n < 2.0 {
        return None;
    }
    let vx = axx - ax * ax / n;
    let vy = ayy - ay * ay / n;
    // A column constant on the shared rows leaves only rounding noise.
    if !(vx > 1e-12 * axx && vy > 1e-12 * ayy && (vx * vy).is_finite()) {
        return None;
    }
    Some(((axy - ax * ay / n) / (vx * vy).sqrt()).clamp(-1.0, 1.0))
}

/// A symmetric matrix from a function of `(i, j)` with `i <= j` (each pair computed once).
pub fn symmetric(n: usize, f: impl Fn(usize, usize) -> Option<f64>) -> Vec<Vec<Option<f64>>> {
    let upper: Vec<Vec<Option<f64>>> =
        (0..n).map(|i| (0..n).map(|j| if j >= i { f(i, j) } else { None }).collect()).collect();
    (0..n).map(|i| (0..n).map(|j| if j >= i { upper[i][j] } else { upper[j][i] }).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_out_rows_with_a_missing_or_infinite_value() {
        // pandas.DataFrame({"a": [1, 2, inf, 4, 5, nan], "b": [1, 3, 2, 5, 4, 9]}).corr():
        // 0.8552359741197579 (the rows with inf and NaN are left out).
        let a = [1.0, 2.0, f64::INFINITY, 4.0, 5.0, f64::NAN];
        let b = [1.0, 3.0, 2.0, 5.0, 4.0, 9.0];
        assert!((pearson(&a, &b).unwrap() - 0.8552359741197579).abs() < 1e-12);
        assert_eq!(pearson(&a, &b), pearson_shifted(&a, &b, finite_mean(&a), finite_mean(&b)));
        // The same at 1e300, where the squares overflow unless rescaled.
        let (big_a, big_b): (Vec<f64>, Vec<f64>) =
            (a.iter().map(|v| v * 1e300).collect(), b.iter().map(|v| v * 1e300).collect());
        assert!((pearson(&big_a, &big_b).unwrap() - 0.8552359741197579).abs() < 1e-12);
        // Constant on the shared rows, or fewer than two of them: no correlation.
        assert_eq!(pearson(&[0.1, 0.1, 0.1, 7.0], &[1.0, 2.0, 3.0, f64::NAN]), None);
        assert_eq!(pearson(&[1.0, f64::NAN], &[1.0, 2.0]), None);
        assert_eq!(finite_mean(&[f64::NEG_INFINITY, 1.0, 3.0, f64::NAN]), 2.0);
    }
}
