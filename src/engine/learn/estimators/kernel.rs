//! SVM kernels with their parameters, evaluated by our own code so that a loaded model can
//! predict (smartcore's SVMs borrow their kernel and cannot predict after loading).

mod onnx;
mod sql;

use serde::{Deserialize, Serialize};
use smartcore::svm::Kernels;

use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;

/// A kernel: how alike two rows are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Kernel {
    /// ⟨x, y⟩.
    Linear,
    /// exp(−γ‖x − y‖²).
    Rbf { gamma: f64 },
    /// (γ⟨x, y⟩ + coef0)^degree.
    Polynomial { gamma: f64, degree: f64, coef0: f64 },
}

impl Kernel {
    /// The kernel the parameters choose; an empty gamma is scikit-learn's "scale",
    /// 1 / (features × variance of all values of `x`). An error when that gamma is not a
    /// finite number (values that vary by less than about 1e-154 overflow it).
    pub fn from_params(params: &Params, x: &Features) -> Result<Kernel, LearnError> {
        let gamma = match params.opt_number("gamma") {
            Some(gamma) => gamma,
            None => scale_gamma(x)?,
        };
        let kernel = match params.text("kernel") {
            "linear" => Kernel::Linear,
            "polynomial" => {
                Kernel::Polynomial { gamma, degree: params.number("degree"), coef0: params.number("coef0") }
            }
            _ => Kernel::Rbf { gamma },
        };
        kernel.check().map_err(LearnError::new)?;
        Ok(kernel)
    }

    /// The same kernel for smartcore's trainer.
    pub fn to_smartcore(&self) -> Kernels {
        match *self {
            Kernel::Linear => Kernels::linear(),
            Kernel::Rbf { gamma } => Kernels::rbf().with_gamma(gamma),
            Kernel::Polynomial { gamma, degree, coef0 } => {
                Kernels::polynomial().with_gamma(gamma).with_degree(degree).with_coef0(coef0)
            }
        }
    }

    /// K(a, b), as smartcore computes it.
    pub fn apply(&self, a: &[f64], b: &[f64]) -> f64 {
        let dot = || a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
        match *self {
            Kernel::Linear => dot(),
            Kernel::Rbf { gamma } => (-gamma * a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f64>()).exp(),
            Kernel::Polynomial { gamma, degree, coef0 } => (gamma * dot() + coef0).powf(degree),
        }
    }

    /// The parameters are within what the trainer accepts (see the catalogue in `hyper`):
    /// gamma a positive finite number (the automatic one has no upper bound), the degree a
    /// whole number from 1 to [`MAX_DEGREE`], coef0 within ±[`MAX_COEF0`]. A tampered
    /// `degree: 1000000` would otherwise overflow every kernel value and predict one class.
    pub fn check(&self) -> Result<(), String> {
        let gamma_ok = |gamma: f64| gamma.is_finite() && gamma > 0.0;
        let ok = match *self {
            Kernel::Linear => true,
            Kernel::Rbf { gamma } => gamma_ok(gamma),
            Kernel::Polynomial { gamma, degree, coef0 } => {
                gamma_ok(gamma)
                    && degree.fract() == 0.0
                    && (1.0..=MAX_DEGREE).contains(&degree)
                    && coef0.abs() <= MAX_COEF0
            }
        };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "the support vector machine's kernel {self:?} is outside what Sift trains \
                 (gamma a positive number, degree a whole number from 1 to {MAX_DEGREE}, coef0 within ±{MAX_COEF0:e})"
            ))
        }
    }
}

/// The highest polynomial degree the trainer accepts (its `degree` parameter's maximum).
pub const MAX_DEGREE: f64 = 10.0;

/// The largest |coef0| the trainer accepts.
pub const MAX_COEF0: f64 = 1e6;

/// scikit-learn's `gamma="scale"`: 1 / (features × variance of every value). When the plain
/// variance overflows (values beyond ~1e154) or underflows to 0 (values that differ by less
/// than ~1e-162), it is computed again on the values divided by their largest magnitude, so
/// that truly constant values (gamma 1) are told from a gamma that is not a number.
fn scale_gamma(x: &Features) -> Result<f64, LearnError> {
    let values = x.values();
    let n = values.len().max(1) as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    let gamma = if variance > 0.0 && variance.is_finite() {
        1.0 / (x.cols() as f64 * variance)
    } else {
        let largest = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        let mean = values.iter().map(|v| v / largest).sum::<f64>() / n;
        let variance = values.iter().map(|v| (v / largest - mean).powi(2)).sum::<f64>() / n;
        if largest == 0.0 || variance <= 0.0 {
            return Ok(1.0);
        }
        1.0 / (x.cols() as f64 * variance) / largest / largest
    };
    if gamma.is_finite() && gamma > 0.0 {
        Ok(gamma)
    } else {
        let largest = values.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        Err(LearnError::new(format!(
            "the features' values differ too little for the support vector machine's automatic gamma \
             (the largest magnitude is {largest:e}); rescale them (a standard scale step) or set gamma"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use smartcore::svm::Kernel as _;

    #[test]
    fn the_automatic_gamma_is_a_finite_number_or_an_error() {
        let gamma = |values: Vec<f64>| scale_gamma(&Features::new(values.len(), 1, values).unwrap());
        assert_eq!(gamma(vec![-1.0, 1.0]).unwrap(), 1.0);
        assert_eq!(gamma(vec![3.0, 3.0]).unwrap(), 1.0);
        // A variance of 1e-320 (subnormal): 1 / variance overflowed to infinity.
        let e = gamma(vec![-1e-160, 1e-160]).unwrap_err();
        assert!(e.contains("gamma") && e.contains("1e-160"), "{e}");
        // Squares that underflow to 0 are not "constant values" (gamma 1 would make every
        // row alike to the kernel).
        assert!(gamma(vec![-1e-200, 1e-200]).is_err());
        assert_eq!(gamma(vec![0.0, 0.0]).unwrap(), 1.0);
        assert!(gamma(vec![-1e100, 1e100]).unwrap() > 0.0);
    }

    #[test]
    fn kernels_outside_the_trainer_s_ranges_are_refused() {
        assert!(Kernel::Polynomial { gamma: 0.5, degree: 3.0, coef0: 1.0 }.check().is_ok());
        for bad in [
            Kernel::Polynomial { gamma: 0.5, degree: 1e6, coef0: 1.0 },
            Kernel::Polynomial { gamma: 0.5, degree: 2.5, coef0: 1.0 },
            Kernel::Polynomial { gamma: 0.5, degree: 3.0, coef0: 1e300 },
            Kernel::Rbf { gamma: -1.0 },
            Kernel::Rbf { gamma: f64::INFINITY },
        ] {
            assert!(bad.check().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn our_kernels_equal_smartcore_s() {
        let (a, b) = (vec![1.0, -2.0, 0.5], vec![0.3, 4.0, -1.0]);
        for k in
            [Kernel::Linear, Kernel::Rbf { gamma: 0.2 }, Kernel::Polynomial { gamma: 0.5, degree: 3.0, coef0: 1.0 }]
        {
            assert_eq!(k.apply(&a, &b), k.to_smartcore().apply(&a, &b).unwrap(), "{k:?}");
        }
    }
}
