//! Logistic regression as scikit-learn's `LogisticRegression(solver="lbfgs")` fits it: the
//! mean log loss plus ‖W‖² / (2·C·n) (intercepts unpenalized), one weight vector for two
//! classes, one per class (multinomial) for more, minimized by L-BFGS from zero to a largest
//! gradient component of 1e-4. Each evaluation is one pass over the contiguous row-major
//! rows that computes the loss and its gradient together.
//!
//! The model is saved in the form smartcore's `LogisticRegression` used (version 2 model
//! files), so files written before read the same: `coefficients` and `intercept` matrices,
//! the `classes` seen, `num_attributes` and `num_classes`.

mod onnx;
mod sql;

use serde::{Deserialize, Serialize};

use super::lbfgs::{minimize, Settings};
use super::{all_finite, diverged, spread, Classify, Matrix};
use crate::engine::base::vector::dot;
use crate::engine::learn::algorithms::Algorithm;
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;
use crate::engine::learn::scores::{ScoreKind, Scores};
use smartcore::linalg::basic::arrays::Array;

/// scikit-learn's defaults: `tol` 1e-4; `max_iter` as Sift's tests and benchmark set it.
const SETTINGS: Settings = Settings { tol: 1e-4, max_iter: 1000, memory: 10 };

/// A fitted logistic regression: row `c` of `coefficients` (with `intercept[c]`) scores class
/// `classes[c]`; for two classes a single row scores `classes[1]` against `classes[0]`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Logistic {
    coefficients: Matrix,
    intercept: Matrix,
    classes: Vec<u32>,
    num_attributes: usize,
    num_classes: usize,
    /// Written as `null`, as smartcore's model did.
    #[serde(default, rename = "_phantom_tx")]
    phantom_tx: (),
    #[serde(default, rename = "_phantom_y")]
    phantom_y: (),
}

impl Logistic {
    pub fn fit(params: &Params, x: &Features, y: &[u32]) -> Result<Logistic, LearnError> {
        let mut classes: Vec<u32> = y.to_vec();
        classes.sort_unstable();
        classes.dedup();
        let k = classes.len();
        if k < 2 || y.len() != x.rows() || x.cols() == 0 {
            return Err(LearnError::new(
                "logistic regression needs at least one feature and rows of at least two classes",
            ));
        }
        let index: Vec<usize> = y.iter().map(|label| classes.partition_point(|c| c < label)).collect();
        let (n, p) = (x.rows(), x.cols());
        let penalty = 1.0 / (params.number("c") * n as f64);
        let rows = if k == 2 { 1 } else { k };
        let start = vec![0.0; rows * (p + 1)];
        let (w, _) = if k == 2 {
            let positive: Vec<bool> = index.iter().map(|&c| c == 1).collect();
            minimize(start, &SETTINGS, |w, g| binary_loss(x, &positive, penalty, w, g))
        } else {
            minimize(start, &SETTINGS, |w, g| multinomial_loss(x, &index, k, penalty, w, g))
        };
        if !all_finite(&w) {
            return Err(diverged(Algorithm::LogisticRegression));
        }
        let weights: Vec<f64> = w.chunks_exact(p + 1).flat_map(|r| r[..p].to_vec()).collect();
        let intercepts: Vec<f64> = w.chunks_exact(p + 1).map(|r| r[p]).collect();
        let matrix = |r: usize, c: usize, values: Vec<f64>| {
            Matrix::new(r, c, values, false)
                .map_err(|e| LearnError::new(format!("the logistic regression's weights could not be stored: {e}")))
        };
        Ok(Logistic {
            coefficients: matrix(rows, p, weights)?,
            intercept: matrix(rows, 1, intercepts)?,
            classes,
            num_attributes: p,
            num_classes: k,
            phantom_tx: (),
            phantom_y: (),
        })
    }

    /// The weights as rows of `p` numbers followed by the intercept; an error when the
    /// stored sizes do not fit rows of `p` features.
    fn weights(&self, p: usize) -> Result<Vec<f64>, LearnError> {
        let rows = if self.num_classes == 2 { 1 } else { self.num_classes };
        let fits = self.coefficients.shape() == (rows, p)
            && self.intercept.shape() == (rows, 1)
            && self.classes.len() == self.num_classes;
        if !fits || self.num_classes < 2 {
            return Err(LearnError::new("the logistic regression's weights do not fit these rows"));
        }
        Ok((0..rows)
            .flat_map(|c| (0..p).map(move |j| *self.coefficients.get((c, j))).chain([*self.intercept.get((c, 0))]))
            .collect())
    }
}

impl Classify for Logistic {
    /// The logistic function of the linear score for two classes, the softmax for more.
    fn scores(&self, x: &Features, n_classes: usize) -> Result<Scores, LearnError> {
        let p = x.cols();
        let w = self.weights(p)?;
        let mut z = vec![0.0; w.len() / (p + 1)];
        let rows: Vec<Vec<f64>> = (0..x.rows())
            .map(|i| {
                linear_scores(x.row(i), &w, &mut z);
                if z.len() == 1 {
                    let p1 = sigmoid(z[0]);
                    vec![1.0 - p1, p1]
                } else {
                    let lse = log_sum_exp(&z);
                    z.iter().map(|v| (v - lse).exp()).collect()
                }
            })
            .collect();
        Ok(Scores::new(ScoreKind::Probability, n_classes, spread(&self.classes, &rows, n_classes)))
    }
}

/// `z[c]` = row · weights of class `c` + its intercept (`w` holds rows of p + 1 numbers).
fn linear_scores(row: &[f64], w: &[f64], z: &mut [f64]) {
    let p = row.len();
    for (zc, wc) in z.iter_mut().zip(w.chunks_exact(p + 1)) {
        *zc = wc[p] + dot(row, &wc[..p]);
    }
}

/// The mean binary log loss plus the penalty at `w` (p weights, then the intercept), and its
/// gradient into `g`, in one pass over the rows.
fn binary_loss(x: &Features, positive: &[bool], penalty: f64, w: &[f64], g: &mut [f64]) -> f64 {
    let p = x.cols();
    let n = x.rows() as f64;
    g.iter_mut().for_each(|g| *g = 0.0);
    let (weights, intercept) = w.split_at(p);
    let (gw, gb) = g.split_at_mut(p);
    // ln(1 + eᶻ) = max(z, 0) + ln(1 + e^−|z|); the second terms are multiplied in blocks of
    // 64 rows (each factor is within [1, 2]) and take one logarithm per block.
    let mut loss = 0.0;
    for (rows, yes) in x.values().chunks(64 * p).zip(positive.chunks(64)) {
        let mut product = 1.0;
        for (row, &yes) in rows.chunks_exact(p).zip(yes) {
            let z = intercept[0] + dot(row, weights);
            // One exponential for both the loss and the logistic function.
            let e = (-z.abs()).exp();
            product *= 1.0 + e;
            loss += z.max(0.0) - if yes { z } else { 0.0 };
            let sigmoid = if z >= 0.0 { 1.0 / (1.0 + e) } else { e / (1.0 + e) };
            let r = sigmoid - if yes { 1.0 } else { 0.0 };
            gw.iter_mut().zip(row).for_each(|(g, x)| *g += r * x);
            gb[0] += r;
        }
        loss += product.ln();
    }
    finish(loss, n, penalty, p, w, g)
}

/// The mean multinomial log loss plus the penalty at `w` (k rows of p weights and an
/// intercept), and its gradient into `g`, in one pass over the rows.
fn multinomial_loss(x: &Features, class: &[usize], k: usize, penalty: f64, w: &[f64], g: &mut [f64]) -> f64 {
    let p = x.cols();
    let n = x.rows() as f64;
    g.iter_mut().for_each(|g| *g = 0.0);
    let mut z = vec![0.0; k];
    let mut loss = 0.0;
    for (row, &y) in x.values().chunks_exact(p).zip(class) {
        linear_scores(row, w, &mut z);
        let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let z_y = z[y];
        z.iter_mut().for_each(|v| *v = (*v - max).exp());
        let sum: f64 = z.iter().sum();
        loss += max + sum.ln() - z_y;
        for (c, gc) in g.chunks_exact_mut(p + 1).enumerate() {
            let r = z[c] / sum - if c == y { 1.0 } else { 0.0 };
            gc[..p].iter_mut().zip(row).for_each(|(g, x)| *g += r * x);
            gc[p] += r;
        }
    }
    finish(loss, n, penalty, p, w, g)
}

/// Divides the summed loss and gradient by `n` and adds the L2 penalty on the weights (not
/// on the intercepts, the last of each block of p + 1).
fn finish(loss: f64, n: f64, penalty: f64, p: usize, w: &[f64], g: &mut [f64]) -> f64 {
    let mut squares = 0.0;
    for (gc, wc) in g.chunks_exact_mut(p + 1).zip(w.chunks_exact(p + 1)) {
        gc.iter_mut().for_each(|g| *g /= n);
        for (g, w) in gc[..p].iter_mut().zip(&wc[..p]) {
            *g += penalty * w;
            squares += w * w;
        }
    }
    loss / n + 0.5 * penalty * squares
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

fn log_sum_exp(z: &[f64]) -> f64 {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    max + z.iter().map(|v| (v - max).exp()).sum::<f64>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::learn::hyper::ParamValue;
    use smartcore::linear::logistic_regression::{LogisticRegression, LogisticRegressionParameters};

    /// 60 rows of 3 features and a noisy linear score; the same rows as the scikit-learn
    /// reference below.
    fn rows() -> (Features, Vec<f64>) {
        let (n, p) = (60, 3);
        let values: Vec<f64> =
            (0..n).flat_map(|i| (0..p).map(move |j| ((i * 7 + j * 13 + i * j) % 17) as f64 / 8.0 - 1.0)).collect();
        let x = Features::new(n, p, values).unwrap();
        let score =
            (0..n).map(|i| x.row(i)[0] + 0.5 * x.row(i)[1] - x.row(i)[2] + ((i * 31) % 7) as f64 / 5.0 - 0.6).collect();
        (x, score)
    }

    fn fit(c: f64, labels: &[u32]) -> Logistic {
        let params = Params::new().with("c", ParamValue::Number(c));
        Logistic::fit(&params, &rows().0, labels).unwrap()
    }

    fn assert_near(model: &Logistic, coefficients: &[f64], intercepts: &[f64]) {
        let w = model.weights(3).unwrap();
        let expected: Vec<f64> =
            coefficients.chunks(3).zip(intercepts).flat_map(|(c, b)| c.iter().chain([b]).copied()).collect();
        assert!(w.iter().zip(&expected).all(|(a, b)| (a - b).abs() < 2e-3), "{w:?} against {expected:?}");
    }

    /// scikit-learn 1.9.1, `LogisticRegression(C=c, tol=1e-10)`: the exact optimum.
    #[test]
    fn agrees_with_scikit_learn_for_two_and_three_classes() {
        let score = rows().1;
        let binary: Vec<u32> = score.iter().map(|&s| u32::from(s > 0.0)).collect();
        let three: Vec<u32> = score
            .iter()
            .map(|&s| {
                if s < -0.4 {
                    0
                } else if s < 0.4 {
                    1
                } else {
                    2
                }
            })
            .collect();
        assert_near(&fit(1.0, &binary), &[2.061586, 0.783302, -1.816336], &[-0.111526]);
        assert_near(&fit(0.1, &binary), &[0.630751, 0.063228, -0.468721], &[-0.06723]);
        let multi = [-1.636705, -0.631903, 1.464076, 0.182421, 0.010417, -0.030148, 1.454284, 0.621486, -1.433928];
        assert_near(&fit(1.0, &three), &multi, &[-0.218864, 0.368033, -0.149169]);
        let multi = [-0.535684, -0.062389, 0.389215, 0.09889, -0.000976, 0.002558, 0.436793, 0.063366, -0.391773];
        assert_near(&fit(0.1, &three), &multi, &[-0.076674, 0.133832, -0.057158]);
    }

    #[test]
    fn probabilities_sum_to_one_and_unseen_classes_score_zero() {
        let labels: Vec<u32> = rows().1.iter().map(|&s| if s > 0.0 { 3 } else { 1 }).collect();
        let model = fit(1.0, &labels);
        let scores = model.scores(&rows().0, 4).unwrap();
        for i in 0..60 {
            let row = scores.row(i);
            assert!(row[0] == 0.0 && row[2] == 0.0 && (row[1] + row[3] - 1.0).abs() < 1e-12, "{row:?}");
        }
        assert!(model.scores(&Features::new(1, 2, vec![0.0, 0.0]).unwrap(), 4).is_err());
    }

    #[test]
    fn reads_smartcore_models_and_writes_their_form() {
        let (x, score) = rows();
        let labels: Vec<u32> = score
            .iter()
            .map(|&s| {
                if s < -0.4 {
                    0
                } else if s < 0.4 {
                    1
                } else {
                    2
                }
            })
            .collect();
        let settings = LogisticRegressionParameters::default().with_alpha(1.0);
        let old =
            LogisticRegression::<f64, u32, Matrix, Vec<u32>>::fit(&x.to_dense().unwrap(), &labels, settings).unwrap();
        let json = serde_json::to_value(&old).unwrap();
        let read: Logistic = serde_json::from_value(json.clone()).unwrap();
        let (probabilities, predicted) = (read.scores(&x, 3).unwrap(), old.predict(&x.to_dense().unwrap()).unwrap());
        for (i, label) in predicted.iter().enumerate() {
            let row = probabilities.row(i);
            let best = (0..3).max_by(|&a, &b| row[a].total_cmp(&row[b])).unwrap();
            assert_eq!(best as u32, *label, "row {i}");
        }
        let mine = serde_json::to_value(fit(1.0, &labels)).unwrap();
        let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&mine), keys(&json));
    }
}
