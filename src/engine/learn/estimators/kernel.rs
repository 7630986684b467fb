//! SVM kernels with their parameters, evaluated by our own code so that a loaded model can
//! predict (smartcore's SVMs borrow their kernel and cannot predict after loading).

use serde::{Deserialize, Serialize};
use smartcore::svm::Kernels;

use crate::engine::learn::data::Features;
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
    /// 1 / (features × variance of all values of `x`).
    pub fn from_params(params: &Params, x: &Features) -> Kernel {
        let gamma = params.opt_number("gamma").unwrap_or_else(|| scale_gamma(x));
        match params.text("kernel") {
            "linear" => Kernel::Linear,
            "polynomial" => Kernel::Polynomial { gamma, degree: params.number("degree"), coef0: params.number("coef0") },
            _ => Kernel::Rbf { gamma },
        }
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

    /// Whether the parameters are finite numbers.
    pub fn is_valid(&self) -> bool {
        match *self {
            Kernel::Linear => true,
            Kernel::Rbf { gamma } => gamma.is_finite(),
            Kernel::Polynomial { gamma, degree, coef0 } => gamma.is_finite() && degree.is_finite() && coef0.is_finite(),
        }
    }
}

fn scale_gamma(x: &Features) -> f64 {
    let values = x.values();
    let n = values.len().max(1) as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    if variance > 0.0 {
        1.0 / (x.cols() as f64 * variance)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use smartcore::svm::Kernel as _;

    #[test]
    fn our_kernels_equal_smartcore_s() {
        let (a, b) = (vec![1.0, -2.0, 0.5], vec![0.3, 4.0, -1.0]);
        for k in [
            Kernel::Linear,
            Kernel::Rbf { gamma: 0.2 },
            Kernel::Polynomial { gamma: 0.5, degree: 3.0, coef0: 1.0 },
        ] {
            assert_eq!(k.apply(&a, &b), k.to_smartcore().apply(&a, &b).unwrap(), "{k:?}");
        }
    }
}
