//! The linear regressions: least squares, and what ridge, lasso and elastic net share (the
//! centring and scaling around their solvers, which are in their files in `algorithms/`).
//! Logistic regression is in `logistic.rs`.

use serde::{Deserialize, Serialize};
use smartcore::linalg::basic::arrays::Array;
use smartcore::linear::linear_regression::{LinearRegression, LinearRegressionParameters, LinearRegressionSolverName};

mod onnx;
mod sql;

use super::{all_finite, diverged, failed, predict_failed, Fitted, Matrix, Regress};
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::base::sql::ModelSql;
use crate::engine::learn::algorithms::{Algorithm, StoredModel};
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;

/// Least squares, stored as smartcore stores it (as in version 1 model files).
#[derive(Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Linear(LinearRegression<f64, f64, Matrix, Vec<f64>>);

impl Linear {
    pub fn fit(x: &Features, y: &[f64]) -> Result<Linear, LearnError> {
        check_svd_range(x, Algorithm::LinearRegression, false)?;
        let settings = LinearRegressionParameters::default().with_solver(LinearRegressionSolverName::SVD);
        let model = LinearRegression::fit(&x.to_dense()?, &y.to_vec(), settings)
            .map_err(failed(Algorithm::LinearRegression))?;
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
    pub fn fit(
        algorithm: Algorithm,
        solver: Solver,
        params: &Params,
        x: &Features,
        y: &[f64],
    ) -> Result<Penalized, LearnError> {
        let varying: Vec<usize> =
            (0..x.cols()).filter(|&j| (1..x.rows()).any(|i| x.row(i)[j] != x.row(0)[j])).collect();
        let y_mean = y.iter().sum::<f64>() / y.len().max(1) as f64;
        let mut coefficients = vec![0.0; x.cols()];
        let mut intercept = y_mean;
        if !varying.is_empty() {
            let columns = Features::new(
                x.rows(),
                varying.len(),
                (0..x.rows()).flat_map(|i| varying.iter().map(move |&j| x.row(i)[j])).collect(),
            )?;
            let (w, b) = Penalized::fit_varying(algorithm, solver, params, &columns, y, y_mean)?;
            varying.iter().zip(w).for_each(|(&j, w)| coefficients[j] = w);
            intercept = b;
        }
        Ok(Penalized { coefficients, intercept })
    }

    /// The solvers see the centred rows and targets divided by their largest magnitudes (`cx`,
    /// `cy`) with the penalties converted so that the weights are the same: smartcore's
    /// interior-point solver (lasso, elastic net) otherwise fails to converge on features
    /// beyond ~1e10 and takes minutes near 1e70, and centring values near ±1e100 would
    /// leave the learners' range. The weights found are scaled back by `cy / cx`.
    fn fit_varying(
        algorithm: Algorithm,
        solver: Solver,
        params: &Params,
        x: &Features,
        y: &[f64],
        y_mean: f64,
    ) -> Result<(Vec<f64>, f64), LearnError> {
        let (means, centred, cx) = centre(x)?;
        let cy = largest_magnitude(y.iter().map(|v| v - y_mean));
        let y_centred: Vec<f64> = y.iter().map(|v| (v - y_mean) / cy).collect();
        // A penalty that overflows on rescaled rows (features near 1e-160 and smaller) outweighs
        // any fit: every weight is 0 (the solvers would meet an infinity and panic).
        let alpha = params.number("alpha");
        if !(alpha / cx / cx).is_finite() || !(alpha / cx / cy).is_finite() {
            return Ok((vec![0.0; x.cols()], y_mean));
        }
        let (w, b) = solver(params, &Scaled { x, centred: &centred, y: &y_centred, cx, cy })?;
        let w: Vec<f64> = w.into_iter().map(|w| w * (cy / cx)).collect();
        let intercept = y_mean + b * cy - means.iter().zip(&w).map(|(m, w)| m * w).sum::<f64>();
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

/// A penalized least-squares problem on rows and targets centred and divided by their
/// largest magnitudes `cx` and `cy` (see `Penalized::fit_varying`), for the solver of ridge,
/// lasso or elastic net, which converts its penalties so that the weights come out the same.
pub struct Scaled<'a> {
    /// The columns that vary, as given (before centring).
    pub x: &'a Features,
    /// Those columns centred and divided by `cx`.
    pub centred: &'a Matrix,
    /// The targets centred and divided by `cy`.
    pub y: &'a Vec<f64>,
    pub cx: f64,
    pub cy: f64,
}

/// How ridge, lasso or elastic net finds the weights and intercept of a [`Scaled`] problem.
pub type Solver = fn(&Params, &Scaled) -> Result<(Vec<f64>, f64), LearnError>;

/// A fitted ridge, lasso or elastic net in a model file: the three share the kind
/// `"penalized"`, which names its algorithm.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PenalizedModel {
    Penalized { algorithm: Algorithm, model: Penalized },
}

impl PenalizedModel {
    /// Fits `algorithm` (ridge, lasso or elastic net) with its `solver`.
    pub fn fit(
        algorithm: Algorithm,
        solver: Solver,
        params: &Params,
        x: &Features,
        y: &[f64],
    ) -> Result<PenalizedModel, LearnError> {
        Ok(PenalizedModel::Penalized { algorithm, model: Penalized::fit(algorithm, solver, params, x, y)? })
    }
}

impl StoredModel for PenalizedModel {
    const KINDS: &'static [&'static str] = &["penalized"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            PenalizedModel::Penalized { model, .. } => Fitted::Values(model),
        }
    }

    fn check(&self, n_features: usize, _: usize) -> Result<(), String> {
        match self {
            PenalizedModel::Penalized { model, .. } => model.check(n_features),
        }
    }

    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match self {
            PenalizedModel::Penalized { model, .. } => model.sql(inputs),
        }
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            PenalizedModel::Penalized { model, .. } => model.onnx(inputs),
        }
    }
}

/// How much smaller than the largest value a varying column's values may be for smartcore's
/// SVD: beyond it the SVD meets underflowing numbers and panics ("no convergence in 30
/// iterations") rather than returning an error.
const SVD_RANGE: f64 = 1e-100;

/// Checks, before smartcore's SVD solver sees `x`, that every column that varies holds values
/// within [`SVD_RANGE`] of the largest value of the matrix, and (unless the solver will see
/// the matrix `rescaled` to a largest value of 1) that value within it of 1: an error naming
/// the column otherwise, never a panic.
pub fn check_svd_range(x: &Features, algorithm: Algorithm, rescaled: bool) -> Result<(), LearnError> {
    let largest = |j: usize| (0..x.rows()).fold(0.0f64, |m, i| m.max(x.row(i)[j].abs()));
    let top = (0..x.cols()).map(largest).fold(0.0f64, f64::max);
    let varies = |j: usize| (1..x.rows()).any(|i| x.row(i)[j] != x.row(0)[j]);
    let floor = if rescaled { top * SVD_RANGE } else { (top * SVD_RANGE).max(SVD_RANGE) };
    match (0..x.cols()).find(|&j| varies(j) && largest(j) < floor) {
        None => Ok(()),
        Some(j) => Err(LearnError::new(format!(
            "{} cannot weigh feature {} (its values are no larger than {:e}) beside values as large as {top:e}; \
             rescale that column (a standard scale step) or drop it",
            algorithm.label(),
            j + 1,
            largest(j)
        ))),
    }
}

/// The smallest penalty the interior-point solver is given on rescaled rows. Below it the
/// solver stops converging (its barrier starts at 1 / penalty), and on rows and targets
/// scaled to at most 1 a penalty of 1e-8 moves the weights far less than its tolerance.
pub const MIN_SCALED_PENALTY: f64 = 1e-8;

/// The column means, and the matrix with them subtracted divided by its largest magnitude
/// (returned last).
fn centre(x: &Features) -> Result<(Vec<f64>, Matrix, f64), LearnError> {
    let n = x.rows().max(1) as f64;
    let means: Vec<f64> = (0..x.cols()).map(|j| (0..x.rows()).map(|i| x.row(i)[j]).sum::<f64>() / n).collect();
    let centred: Vec<f64> =
        (0..x.rows()).flat_map(|i| x.row(i).iter().zip(&means).map(|(v, m)| v - m).collect::<Vec<_>>()).collect();
    let cx = largest_magnitude(centred.iter().copied());
    let values = centred.into_iter().map(|v| v / cx).collect();
    Ok((means, Features::new(x.rows(), x.cols(), values)?.to_dense()?, cx))
}

/// The largest |value|, or 1 when every value is 0.
fn largest_magnitude(values: impl Iterator<Item = f64>) -> f64 {
    let largest = values.fold(0.0f64, |m, v| m.max(v.abs()));
    if largest > 0.0 {
        largest
    } else {
        1.0
    }
}
