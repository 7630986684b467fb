//! The linear regressions: least squares, ridge, lasso, elastic net (logistic regression is
//! in `logistic.rs`).

use serde::{Deserialize, Serialize};
use smartcore::linalg::basic::arrays::Array;
use smartcore::linear::elastic_net::{ElasticNet, ElasticNetParameters};
use smartcore::linear::lasso::{Lasso, LassoParameters};
use smartcore::linear::linear_regression::{LinearRegression, LinearRegressionParameters, LinearRegressionSolverName};
use smartcore::linear::ridge_regression::{RidgeRegression, RidgeRegressionParameters, RidgeRegressionSolverName};

use super::{all_finite, diverged, failed, predict_failed, Matrix, Regress};
use crate::engine::learn::algorithms::Algorithm;
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;

/// Least squares, stored as smartcore stores it (as in version 1 model files).
#[derive(Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Linear(LinearRegression<f64, f64, Matrix, Vec<f64>>);

impl Linear {
    pub fn fit(x: &Features, y: &[f64]) -> Result<Linear, LearnError> {
        let settings = LinearRegressionParameters::default().with_solver(LinearRegressionSolverName::SVD);
        let model = LinearRegression::fit(&x.to_dense()?, &y.to_vec(), settings).map_err(failed(Algorithm::LinearRegression))?;
        if !all_finite(model.coefficients().iterator(0)) || !model.intercept().is_finite() {
            return Err(diverged(Algorithm::LinearRegression));
        }
        Ok(Linear(model))
    }
}

impl Regress for Linear {
    fn predict(&self, x: &Features) -> Result<Vec<f64>, LearnError> {
        self.0.predict(&x.to_dense()?).map_err(predict_failed)
    }
}

/// A penalized linear regression (ridge, lasso, elastic net): smartcore finds the weights
/// on centred rows, we keep weights and intercept (ȳ − x̄·w), as scikit-learn does (smartcore
/// alone would not fit the intercept of an unnormalized ridge).
#[derive(Debug, Serialize, Deserialize)]
pub struct Penalized {
    coefficients: Vec<f64>,
    intercept: f64,
}

impl Penalized {
    /// Fits on the columns that vary (a constant column gets weight 0, and smartcore's
    /// solvers fail on it).
    pub fn fit(algorithm: Algorithm, params: &Params, x: &Features, y: &[f64]) -> Result<Penalized, LearnError> {
        let varying: Vec<usize> = (0..x.cols()).filter(|&j| (1..x.rows()).any(|i| x.row(i)[j] != x.row(0)[j])).collect();
        let y_mean = y.iter().sum::<f64>() / y.len().max(1) as f64;
        let mut coefficients = vec![0.0; x.cols()];
        let mut intercept = y_mean;
        if !varying.is_empty() {
            let columns = Features::new(x.rows(), varying.len(), (0..x.rows()).flat_map(|i| varying.iter().map(move |&j| x.row(i)[j])).collect())?;
            let (w, b) = Penalized::fit_varying(algorithm, params, &columns, y, y_mean)?;
            varying.iter().zip(w).for_each(|(&j, w)| coefficients[j] = w);
            intercept = b;
        }
        Ok(Penalized { coefficients, intercept })
    }

    fn fit_varying(algorithm: Algorithm, params: &Params, x: &Features, y: &[f64], y_mean: f64) -> Result<(Vec<f64>, f64), LearnError> {
        let (means, centred) = centre(x)?;
        let y_centred: Vec<f64> = y.iter().map(|v| v - y_mean).collect();
        let fail = failed(algorithm);
        // smartcore's lasso minimises (1/n)·RSS + a·|w|₁, scikit-learn's (1/2n)·RSS + α·|w|₁:
        // the same solution with a = 2α.
        let (w, b) = match algorithm {
            Algorithm::Ridge => {
                if x.rows() <= x.cols() {
                    return Err(LearnError::new(format!(
                        "ridge regression in smartcore needs more rows ({}) than features ({}); use fewer features",
                        x.rows(),
                        x.cols()
                    )));
                }
                let settings = RidgeRegressionParameters::default()
                    .with_alpha(params.number("alpha"))
                    .with_normalize(false)
                    .with_solver(RidgeRegressionSolverName::SVD);
                let m = RidgeRegression::fit(&centred, &y_centred, settings).map_err(fail)?;
                (m.coefficients().iterator(0).copied().collect::<Vec<f64>>(), *m.intercept())
            }
            Algorithm::Lasso => {
                let settings = LassoParameters::default()
                    .with_alpha(2.0 * params.number("alpha"))
                    .with_normalize(false)
                    .with_max_iter(params.count("max_iter"))
                    .with_tol(params.number("tol"));
                let m = Lasso::fit(&centred, &y_centred, settings).map_err(fail)?;
                (m.coefficients().iterator(0).copied().collect(), *m.intercept())
            }
            _ => {
                // smartcore: RSS + n·a·r·|w|₁ + n·a·(1−r)·|w|²; scikit-learn (times 2n):
                // RSS + 2n·α·ρ·|w|₁ + n·α·(1−ρ)·|w|², so a = α(1+ρ) and r = 2ρ/(1+ρ).
                let (alpha, rho) = (params.number("alpha"), params.number("l1_ratio"));
                let settings = ElasticNetParameters::default()
                    .with_alpha(alpha * (1.0 + rho))
                    .with_l1_ratio(2.0 * rho / (1.0 + rho))
                    .with_normalize(false)
                    .with_max_iter(params.count("max_iter"))
                    .with_tol(params.number("tol"));
                let m = ElasticNet::fit(&centred, &y_centred, settings).map_err(fail)?;
                (m.coefficients().iterator(0).copied().collect(), *m.intercept())
            }
        };
        let intercept = y_mean + b - means.iter().zip(&w).map(|(m, w)| m * w).sum::<f64>();
        if !all_finite(&w) || !intercept.is_finite() || w.len() != x.cols() {
            return Err(diverged(algorithm));
        }
        Ok((w, intercept))
    }

    /// One weight per feature, all finite.
    pub fn check(&self, n_features: usize) -> Result<(), String> {
        if self.coefficients.len() != n_features || !all_finite(&self.coefficients) || !self.intercept.is_finite() {
            return Err("the linear model's weights do not agree with the model's sizes".into());
        }
        Ok(())
    }
}

impl Regress for Penalized {
    fn predict(&self, x: &Features) -> Result<Vec<f64>, LearnError> {
        Ok((0..x.rows())
            .map(|i| self.intercept + x.row(i).iter().zip(&self.coefficients).map(|(v, w)| v * w).sum::<f64>())
            .collect())
    }
}

/// The column means and the matrix with them subtracted.
fn centre(x: &Features) -> Result<(Vec<f64>, Matrix), LearnError> {
    let n = x.rows().max(1) as f64;
    let means: Vec<f64> = (0..x.cols()).map(|j| (0..x.rows()).map(|i| x.row(i)[j]).sum::<f64>() / n).collect();
    let values = (0..x.rows()).flat_map(|i| x.row(i).iter().zip(&means).map(|(v, m)| v - m).collect::<Vec<_>>()).collect();
    Ok((means, Features::new(x.rows(), x.cols(), values)?.to_dense()?))
}
