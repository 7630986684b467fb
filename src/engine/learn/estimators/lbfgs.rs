//! A compact L-BFGS minimizer (Nocedal & Wright, algorithm 7.4) for smooth convex objectives,
//! stopping as scipy's L-BFGS-B does for scikit-learn: when the largest gradient component is
//! at most `tol`, when an iteration lowers the objective by a relative 64 machine epsilons or
//! less, or after `max_iter` iterations. The objective returns its value and fills its
//! gradient in one call, so a model can compute both in a single pass over its rows.

/// How long to search.
pub struct Settings {
    /// Stop when every gradient component is within ±`tol` (scikit-learn's `tol`, 1e-4).
    pub tol: f64,
    /// Most iterations (scikit-learn's `max_iter`).
    pub max_iter: usize,
    /// Correction pairs kept (scipy's `maxcor`, 10).
    pub memory: usize,
}

/// Most objective evaluations in one line search (scipy's `maxls`).
const MAX_TRIALS: usize = 50;
/// Armijo's sufficient-decrease constant.
const ARMIJO: f64 = 1e-4;
/// scikit-learn's `ftol`: 64 machine epsilons.
const FTOL: f64 = 64.0 * f64::EPSILON;

/// The minimum found, starting from `x`; `objective(x, gradient)` returns f(x) and writes
/// ∇f(x) into `gradient`. Returns the point and the iterations taken. A non-finite value
/// at the start ends the search at once (the caller sees the weights it started from).
pub fn minimize(
    mut x: Vec<f64>,
    settings: &Settings,
    mut objective: impl FnMut(&[f64], &mut [f64]) -> f64,
) -> (Vec<f64>, usize) {
    let n = x.len();
    let mut g = vec![0.0; n];
    let mut f = objective(&x, &mut g);
    let (mut s_list, mut y_list, mut rho): (Vec<Vec<f64>>, Vec<Vec<f64>>, Vec<f64>) =
        (Vec::new(), Vec::new(), Vec::new());
    let (mut x_new, mut g_new, mut d) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let mut alpha = vec![0.0; settings.memory];
    for iteration in 0..settings.max_iter {
        if !f.is_finite() || max_abs(&g) <= settings.tol {
            return (x, iteration);
        }
        direction(&g, &s_list, &y_list, &rho, &mut alpha, &mut d);
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            // Not a descent direction (rounding): restart from steepest descent.
            (s_list, y_list, rho) = (Vec::new(), Vec::new(), Vec::new());
            d.iter_mut().zip(&g).for_each(|(d, g)| *d = -g);
            slope = -dot(&g, &g);
        }
        // The first step is scaled to length 1, as in L-BFGS-B; later ones start at 1.
        let mut step = if s_list.is_empty() { 1.0 / dot(&d, &d).sqrt().max(1.0) } else { 1.0 };
        let mut accepted = None;
        for _ in 0..MAX_TRIALS {
            x_new.iter_mut().zip(x.iter().zip(&d)).for_each(|(xn, (x, d))| *xn = x + step * d);
            let f_new = objective(&x_new, &mut g_new);
            if f_new.is_finite() && f_new <= f + ARMIJO * step * slope {
                accepted = Some(f_new);
                break;
            }
            step *= if f_new.is_finite() { backtrack(f, slope, step, f_new) } else { 0.1 };
        }
        let Some(f_new) = accepted else { return (x, iteration + 1) };
        let s: Vec<f64> = x_new.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-10 * dot(&y, &y) {
            if s_list.len() == settings.memory {
                s_list.remove(0);
                y_list.remove(0);
                rho.remove(0);
            }
            s_list.push(s);
            y_list.push(y);
            rho.push(1.0 / sy);
        }
        let f_old = f;
        std::mem::swap(&mut x, &mut x_new);
        std::mem::swap(&mut g, &mut g_new);
        f = f_new;
        if (f_old - f) <= FTOL * f_old.abs().max(f.abs()).max(1.0) {
            return (x, iteration + 1);
        }
    }
    (x, settings.max_iter)
}

/// The step factor of a quadratic fitted to f(0), f'(0) and f(step), kept within [0.1, 0.5].
fn backtrack(f: f64, slope: f64, step: f64, f_new: f64) -> f64 {
    let curvature = f_new - f - slope * step;
    let factor = if curvature > 0.0 { -slope * step / (2.0 * curvature) } else { 0.5 };
    factor.clamp(0.1, 0.5)
}

/// The two-loop recursion: `d` = −H·g with H the inverse Hessian estimate from the pairs.
fn direction(g: &[f64], s_list: &[Vec<f64>], y_list: &[Vec<f64>], rho: &[f64], alpha: &mut [f64], d: &mut [f64]) {
    d.iter_mut().zip(g).for_each(|(d, g)| *d = -g);
    for i in (0..s_list.len()).rev() {
        alpha[i] = rho[i] * dot(&s_list[i], d);
        d.iter_mut().zip(&y_list[i]).for_each(|(d, y)| *d -= alpha[i] * y);
    }
    if let (Some(s), Some(y)) = (s_list.last(), y_list.last()) {
        let gamma = dot(s, y) / dot(y, y);
        d.iter_mut().for_each(|d| *d *= gamma);
    }
    for i in 0..s_list.len() {
        let beta = rho[i] * dot(&y_list[i], d);
        d.iter_mut().zip(&s_list[i]).for_each(|(d, s)| *d += (alpha[i] - beta) * s);
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(a, b)| a * b).sum()
}

fn max_abs(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: Settings = Settings { tol: 1e-8, max_iter: 500, memory: 10 };

    #[test]
    fn finds_the_minimum_of_a_badly_scaled_quadratic() {
        let scale = [1.0, 100.0, 0.01];
        let (x, iterations) = minimize(vec![5.0, -3.0, 2.0], &SETTINGS, |x, g| {
            let mut f = 0.0;
            for i in 0..3 {
                let r = x[i] - (i as f64 + 1.0);
                f += 0.5 * scale[i] * r * r;
                g[i] = scale[i] * r;
            }
            f
        });
        for (i, v) in x.iter().enumerate() {
            assert!((v - (i as f64 + 1.0)).abs() < 1e-6, "{x:?}");
        }
        assert!(iterations < 100, "{iterations}");
    }

    #[test]
    fn minimizes_rosenbrock() {
        let (x, _) = minimize(vec![-1.2, 1.0], &SETTINGS, |x, g| {
            let (a, b) = (1.0 - x[0], x[1] - x[0] * x[0]);
            g[0] = -2.0 * a - 400.0 * x[0] * b;
            g[1] = 200.0 * b;
            a * a + 100.0 * b * b
        });
        assert!((x[0] - 1.0).abs() < 1e-4 && (x[1] - 1.0).abs() < 1e-4, "{x:?}");
    }

    #[test]
    fn stops_on_a_non_finite_objective() {
        let (x, iterations) = minimize(vec![1.0], &SETTINGS, |_, g| {
            g[0] = 1.0;
            f64::NAN
        });
        assert_eq!((x, iterations), (vec![1.0], 0));
    }
}
