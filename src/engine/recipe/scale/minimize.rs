//! Bounded minimisation of a function of one variable: Brent's method as SciPy's
//! `fminbound` runs it (golden sections and parabolic steps), so that fitted parameters
//! agree with SciPy's.

/// The `x` in `[low, high]` where `f` is smallest, to within `x_tolerance` (at most 500
/// evaluations).
pub fn fminbound(f: impl Fn(f64) -> f64, low: f64, high: f64, x_tolerance: f64) -> f64 {
    let sqrt_eps = 2.2e-16f64.sqrt();
    let golden_mean = 0.5 * (3.0 - 5.0f64.sqrt());
    let (mut a, mut b) = (low, high);
    let mut fulc = a + golden_mean * (b - a);
    let (mut nfc, mut xf) = (fulc, fulc);
    let (mut rat, mut e) = (0.0f64, 0.0f64);
    let mut fx = f(xf);
    let mut evaluations = 1;
    let (mut ffulc, mut fnfc) = (fx, fx);
    let mut xm = 0.5 * (a + b);
    let mut tol1 = sqrt_eps * xf.abs() + x_tolerance / 3.0;
    let mut tol2 = 2.0 * tol1;
    while (xf - xm).abs() > tol2 - 0.5 * (b - a) {
        let mut golden = true;
        if e.abs() > tol1 {
            golden = false;
            let mut r = (xf - nfc) * (fx - ffulc);
            let mut q = (xf - fulc) * (fx - fnfc);
            let mut p = (xf - fulc) * q - (xf - nfc) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            r = e;
            e = rat;
            if p.abs() < (0.5 * q * r).abs() && p > q * (a - xf) && p < q * (b - xf) {
                rat = p / q;
                let x = xf + rat;
                if (x - a) < tol2 || (b - x) < tol2 {
                    rat = tol1 * sign_or_one(xm - xf);
                }
            } else {
                golden = true;
            }
        }
        if golden {
            e = if xf >= xm { a - xf } else { b - xf };
            rat = golden_mean * e;
        }
        let x = xf + sign_or_one(rat) * rat.abs().max(tol1);
        let fu = f(x);
        evaluations += 1;
        if fu <= fx {
            if x >= xf {
                a = xf;
            } else {
                b = xf;
            }
            (fulc, ffulc) = (nfc, fnfc);
            (nfc, fnfc) = (xf, fx);
            (xf, fx) = (x, fu);
        } else {
            if x < xf {
                a = x;
            } else {
                b = x;
            }
            if fu <= fnfc || nfc == xf {
                (fulc, ffulc) = (nfc, fnfc);
                (nfc, fnfc) = (x, fu);
            } else if fu <= ffulc || fulc == xf || fulc == nfc {
                (fulc, ffulc) = (x, fu);
            }
        }
        xm = 0.5 * (a + b);
        tol1 = sqrt_eps * xf.abs() + x_tolerance / 3.0;
        tol2 = 2.0 * tol1;
        if evaluations >= 500 {
            break;
        }
    }
    xf
}

/// `np.sign(x) + (x == 0)`: the sign, with 1 for zero.
fn sign_or_one(x: f64) -> f64 {
    if x < 0.0 {
        -1.0
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_the_minimum_of_a_parabola() {
        let x = super::fminbound(|x| (x - 1.25) * (x - 1.25) + 3.0, -10.0, 10.0, 1.48e-8);
        assert!((x - 1.25).abs() < 1e-7, "{x}");
    }
}
