//! Support vector machines, trained by smartcore and stored as support vectors, their
//! coefficients, the intercept and the kernel, so that they predict after loading.
//!
//! Classes: one machine per pair of classes (one-vs-one, like scikit-learn's SVC); the class
//! scores are scikit-learn's `_ovr_decision_function` of the pairwise votes and margins.

mod onnx;
mod sql;

use serde::{Deserialize, Serialize};
use smartcore::svm::svc::{SVCParameters, SVC};
use smartcore::svm::svr::{SVRParameters, SVR};

use super::kernel::Kernel;
use super::{all_finite, all_inputs, failed, Classify, Matrix, Regress};
use crate::engine::base::progress::Progress;
use crate::engine::learn::algorithms::Algorithm;
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;
use crate::engine::learn::scores::{ScoreKind, Scores};

/// One trained machine: f(x) = intercept + Σ coefficient_i · K(x, support_vector_i).
#[derive(Debug, Serialize, Deserialize)]
pub struct Machine {
    support_vectors: Vec<Vec<f64>>,
    coefficients: Vec<f64>,
    intercept: f64,
}

/// The parts of a fitted smartcore SVC or SVR we keep (read through its serde form).
#[derive(Deserialize)]
struct SmartcoreParts {
    classes: Option<(u32, u32)>,
    instances: Option<Vec<Vec<f64>>>,
    w: Option<Vec<f64>>,
    b: Option<f64>,
}

impl Machine {
    fn from_smartcore(model: &impl Serialize) -> Result<(Machine, Option<(u32, u32)>), LearnError> {
        let broken = || LearnError::new("the support vector machine could not be read back from smartcore");
        let value = serde_json::to_value(model).map_err(|_| broken())?;
        let parts: SmartcoreParts = serde_json::from_value(value).map_err(|_| broken())?;
        let machine = Machine {
            support_vectors: parts.instances.unwrap_or_default(),
            coefficients: parts.w.unwrap_or_default(),
            intercept: parts.b.ok_or_else(broken)?,
        };
        if !machine.is_finite() {
            return Err(LearnError::new(
                "the support vector machine did not converge (its weights became infinite); scale the features or lower C",
            ));
        }
        Ok((machine, parts.classes))
    }

    fn decision(&self, kernel: &Kernel, row: &[f64]) -> f64 {
        self.intercept
            + self.support_vectors.iter().zip(&self.coefficients).map(|(sv, w)| w * kernel.apply(row, sv)).sum::<f64>()
    }

    fn is_finite(&self) -> bool {
        self.intercept.is_finite() && all_finite(&self.coefficients) && self.support_vectors.iter().all(all_inputs)
    }

    fn check(&self, n_features: usize) -> Result<(), String> {
        if self.support_vectors.len() != self.coefficients.len()
            || self.support_vectors.iter().any(|v| v.len() != n_features)
            || !self.is_finite()
        {
            return Err(
                "a support vector machine's vectors and coefficients do not agree with the model's sizes".into()
            );
        }
        Ok(())
    }
}

fn check_kernel(kernel: &Kernel) -> Result<(), String> {
    kernel.check()
}

/// A machine telling `negative` (decision ≤ 0) from `positive` (decision > 0).
#[derive(Debug, Serialize, Deserialize)]
pub struct Pair {
    negative: u32,
    positive: u32,
    #[serde(flatten)]
    machine: Machine,
}

/// A support vector classifier: one machine per pair of classes.
#[derive(Debug, Serialize, Deserialize)]
pub struct SvmClassifier {
    kernel: Kernel,
    pairs: Vec<Pair>,
}

impl SvmClassifier {
    pub fn fit(
        params: &Params,
        seed: u64,
        x: &Features,
        y: &[u32],
        progress: &mut Progress,
    ) -> Result<SvmClassifier, LearnError> {
        let kernel = Kernel::from_params(params, x)?;
        let settings: SVCParameters<f64, u32, Matrix, Vec<u32>> = SVCParameters::default()
            .with_c(params.number("c"))
            .with_tol(params.number("tol"))
            .with_epoch(params.count("epochs"))
            .with_kernel(kernel.to_smartcore())
            .with_seed(Some(seed));
        let mut classes = y.to_vec();
        classes.sort_unstable();
        classes.dedup();
        let total = classes.len() * classes.len().saturating_sub(1) / 2;
        let mut pairs = Vec::with_capacity(total);
        for (i, &a) in classes.iter().enumerate() {
            for &b in &classes[i + 1..] {
                let rows: Vec<usize> = (0..y.len()).filter(|&r| y[r] == a || y[r] == b).collect();
                let labels: Vec<u32> = rows.iter().map(|&r| y[r]).collect();
                let dense = x.take(&rows).to_dense()?;
                let svc = SVC::fit(&dense, &labels, &settings).map_err(failed(Algorithm::Svm))?;
                let (machine, sides) = Machine::from_smartcore(&svc)?;
                let (negative, positive) = sides.unwrap_or((a, b));
                pairs.push(Pair { negative, positive, machine });
                progress.report(pairs.len() as f64 / total as f64, "training support vector machines")?;
            }
        }
        Ok(SvmClassifier { kernel, pairs })
    }

    pub fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        check_kernel(&self.kernel)?;
        if self.pairs.is_empty() {
            return Err("the support vector classifier has no machines".into());
        }
        for pair in &self.pairs {
            pair.machine.check(n_features)?;
            if pair.negative as usize >= n_classes
                || pair.positive as usize >= n_classes
                || pair.negative == pair.positive
            {
                return Err("a support vector machine compares classes that are not listed".into());
            }
        }
        Ok(())
    }
}

impl Classify for SvmClassifier {
    /// Two classes: the margin f and −f. More: votes plus scaled summed margins, as
    /// scikit-learn's one-vs-one SVC reports them.
    fn scores(&self, x: &Features, n_classes: usize) -> Result<Scores, LearnError> {
        let mut values = vec![0.0; x.rows() * n_classes];
        for i in 0..x.rows() {
            let row = x.row(i);
            let out = &mut values[i * n_classes..(i + 1) * n_classes];
            if let ([pair], 2) = (self.pairs.as_slice(), n_classes) {
                let f = pair.machine.decision(&self.kernel, row);
                out[pair.positive as usize] = f;
                out[pair.negative as usize] = -f;
                continue;
            }
            let mut confidence = vec![0.0; n_classes];
            for pair in &self.pairs {
                let f = pair.machine.decision(&self.kernel, row);
                let (neg, pos) = (pair.negative as usize, pair.positive as usize);
                confidence[neg] -= f;
                confidence[pos] += f;
                out[if f > 0.0 { pos } else { neg }] += 1.0;
            }
            for (o, c) in out.iter_mut().zip(confidence) {
                *o += c / (3.0 * (c.abs() + 1.0));
            }
        }
        Ok(Scores::new(ScoreKind::Decision, n_classes, values))
    }
}

/// Epsilon-support vector regression.
#[derive(Debug, Serialize, Deserialize)]
pub struct SvmRegressor {
    kernel: Kernel,
    #[serde(flatten)]
    machine: Machine,
}

impl SvmRegressor {
    pub fn fit(params: &Params, x: &Features, y: &[f64]) -> Result<SvmRegressor, LearnError> {
        let kernel = Kernel::from_params(params, x)?;
        let settings = SVRParameters::default()
            .with_eps(params.number("epsilon"))
            .with_c(params.number("c"))
            .with_tol(params.number("tol"))
            .with_kernel(kernel.to_smartcore());
        let (dense, y) = (x.to_dense()?, y.to_vec());
        let svr: SVR<f64, Matrix, Vec<f64>> = SVR::fit(&dense, &y, &settings).map_err(failed(Algorithm::Svm))?;
        let (machine, _) = Machine::from_smartcore(&svr)?;
        Ok(SvmRegressor { kernel, machine })
    }

    pub fn check(&self, n_features: usize) -> Result<(), String> {
        check_kernel(&self.kernel)?;
        self.machine.check(n_features)
    }
}

impl Regress for SvmRegressor {
    fn predict(&self, x: &Features) -> Result<Vec<f64>, LearnError> {
        Ok((0..x.rows()).map(|i| self.machine.decision(&self.kernel, x.row(i))).collect())
    }
}
