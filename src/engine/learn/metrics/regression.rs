//! Regression scores: R², MAE, RMSE and MAPE.

use serde::{Deserialize, Serialize};

use super::check_lengths;
use crate::engine::learn::error::LearnError;

/// Scores of a regressor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegressionMetrics {
    /// Coefficient of determination, 1 − SS_res / SS_tot (1 for a perfect fit).
    pub r2: f64,
    /// Mean absolute error.
    pub mae: f64,
    /// Root mean squared error.
    pub rmse: f64,
    /// Mean absolute percentage error, as a share (0.1 = 10 %); `None` when a true value is
    /// 0, where it is not defined (scikit-learn then divides by 2.2e-16).
    pub mape: Option<f64>,
}

/// Scores numeric predictions. R² of a constant truth is 1 for a perfect fit, else 0
/// (scikit-learn's `force_finite=True`).
pub fn regression_metrics(actual: &[f64], predicted: &[f64]) -> Result<RegressionMetrics, LearnError> {
    check_lengths(actual.len(), predicted.len())?;
    if actual.iter().chain(predicted).any(|v| !v.is_finite()) {
        return Err(LearnError::new("the values to score must all be finite numbers"));
    }
    let n = actual.len() as f64;
    let mean = actual.iter().sum::<f64>() / n;
    let ss_tot: f64 = actual.iter().map(|a| (a - mean).powi(2)).sum();
    let pairs = || actual.iter().zip(predicted);
    let ss_res: f64 = pairs().map(|(a, p)| (a - p).powi(2)).sum();
    let mae = pairs().map(|(a, p)| (a - p).abs()).sum::<f64>() / n;
    let r2 = if ss_tot != 0.0 {
        1.0 - ss_res / ss_tot
    } else if ss_res == 0.0 {
        1.0
    } else {
        0.0
    };
    let mape = actual.iter().all(|&a| a != 0.0).then(|| pairs().map(|(a, p)| (a - p).abs() / a.abs()).sum::<f64>() / n);
    Ok(RegressionMetrics { r2, mae, rmse: (ss_res / n).sqrt(), mape })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_cases() {
        assert_eq!(regression_metrics(&[2.0, 2.0], &[2.0, 2.0]).unwrap().r2, 1.0);
        assert_eq!(regression_metrics(&[2.0, 2.0], &[2.0, 2.5]).unwrap().r2, 0.0);
        assert_eq!(regression_metrics(&[0.0, 2.0], &[1.0, 2.0]).unwrap().mape, None);
        assert!(regression_metrics(&[], &[]).is_err());
        assert!(regression_metrics(&[1.0], &[1.0, 2.0]).is_err());
        assert!(regression_metrics(&[1.0, f64::NAN], &[1.0, 2.0]).is_err());
        assert!(regression_metrics(&[1.0, 2.0], &[1.0, f64::INFINITY]).is_err());
    }
}
