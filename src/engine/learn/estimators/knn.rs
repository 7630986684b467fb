//! k-nearest neighbours. The model is its training rows: stored as plain lists (checked when
//! read), with smartcore's search structure rebuilt from them on first use.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::metrics::distance::euclidian::Euclidian;
use smartcore::neighbors::knn_classifier::{KNNClassifier, KNNClassifierParameters};
use smartcore::neighbors::knn_regressor::{KNNRegressor, KNNRegressorParameters};
use smartcore::neighbors::KNNWeightFunction;

use super::{all_inputs, failed, predict_failed, spread, Classify, Matrix, Regress};
use crate::engine::learn::algorithms::Algorithm;
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;
use crate::engine::learn::scores::{ScoreKind, Scores};

/// The largest k the trainer accepts (its `k` parameter's maximum).
const MAX_K: usize = 100_000;

/// The training rows and how many of them vote.
#[derive(Debug, Serialize, Deserialize)]
pub struct Neighbours<T> {
    k: usize,
    /// "uniform" or "distance".
    weights: String,
    points: Vec<Vec<f64>>,
    targets: Vec<T>,
}

impl<T: Copy> Neighbours<T> {
    fn new(params: &Params, x: &Features, targets: &[T]) -> Result<Neighbours<T>, LearnError> {
        let k = params.count("k");
        if k > x.rows() {
            return Err(LearnError::new(format!(
                "k-nearest neighbours with k = {k} needs at least {k} training rows but has {}; choose a smaller k",
                x.rows()
            )));
        }
        Ok(Neighbours {
            k,
            weights: params.text("weights").to_string(),
            points: (0..x.rows()).map(|i| x.row(i).to_vec()).collect(),
            targets: targets.to_vec(),
        })
    }

    fn weight(&self) -> KNNWeightFunction {
        if self.weights == "distance" {
            KNNWeightFunction::Distance
        } else {
            KNNWeightFunction::Uniform
        }
    }

    fn matrix(&self) -> Result<Matrix, LearnError> {
        DenseMatrix::from_2d_vec(&self.points)
            .map_err(|e| LearnError::new(format!("the neighbours could not be read: {e}")))
    }

    /// Sizes agree, numbers are finite, k is within the rows and the trainer's range, the
    /// weighting one the trainer offers.
    fn check(&self, n_features: usize) -> Result<(), String> {
        let ok = self.k >= 1
            && self.k <= self.points.len().min(MAX_K)
            && matches!(self.weights.as_str(), "uniform" | "distance")
            && self.points.len() == self.targets.len()
            && self.points.iter().all(|p| p.len() == n_features && all_inputs(p));
        if ok {
            Ok(())
        } else {
            Err("the k-nearest neighbours model's rows do not agree with its sizes, or its k or weighting is outside what Sift trains".into())
        }
    }
}

/// A smartcore search model that can be rebuilt from the stored rows.
pub trait Live<T>: Sized {
    fn build(data: &Neighbours<T>) -> Result<Self, LearnError>;
}

/// The stored rows and, once built, smartcore's model over them.
#[derive(Debug, Serialize, Deserialize)]
pub struct Knn<T, M> {
    #[serde(flatten)]
    data: Neighbours<T>,
    #[serde(skip, default = "OnceLock::new")]
    live: OnceLock<M>,
}

impl<T: Copy, M: Live<T>> Knn<T, M> {
    pub fn fit(params: &Params, x: &Features, y: &[T]) -> Result<Knn<T, M>, LearnError> {
        let model = Knn { data: Neighbours::new(params, x, y)?, live: OnceLock::new() };
        model.live()?;
        Ok(model)
    }

    fn live(&self) -> Result<&M, LearnError> {
        if let Some(live) = self.live.get() {
            return Ok(live);
        }
        let built = M::build(&self.data)?;
        Ok(self.live.get_or_init(|| built))
    }
}

type SmartClassifier = KNNClassifier<f64, u32, Matrix, Vec<u32>, Euclidian<f64>>;
type SmartRegressor = KNNRegressor<f64, f64, Matrix, Vec<f64>, Euclidian<f64>>;

/// k-nearest neighbours voting for classes; scores are the (weighted) vote shares.
pub type KnnClassifier = Knn<u32, SmartClassifier>;

/// k-nearest neighbours averaging numbers.
pub type KnnRegressor = Knn<f64, SmartRegressor>;

impl Live<u32> for SmartClassifier {
    fn build(d: &Neighbours<u32>) -> Result<Self, LearnError> {
        let settings = KNNClassifierParameters::default().with_k(d.k).with_weight(d.weight());
        KNNClassifier::fit(&d.matrix()?, &d.targets, settings).map_err(failed(Algorithm::Knn))
    }
}

impl Live<f64> for SmartRegressor {
    fn build(d: &Neighbours<f64>) -> Result<Self, LearnError> {
        let settings = KNNRegressorParameters::default().with_k(d.k).with_weight(d.weight());
        KNNRegressor::fit(&d.matrix()?, &d.targets, settings).map_err(failed(Algorithm::Knn))
    }
}

impl KnnClassifier {
    pub fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        self.data.check(n_features)?;
        if self.data.targets.iter().any(|&l| l as usize >= n_classes) {
            return Err("the k-nearest neighbours model names a class that is not listed".into());
        }
        Ok(())
    }
}

impl Classify for KnnClassifier {
    fn scores(&self, x: &Features, n_classes: usize) -> Result<Scores, LearnError> {
        let rows = self.live()?.predict_proba(&x.to_dense()?).map_err(predict_failed)?;
        let mut seen = self.data.targets.clone();
        seen.sort_unstable();
        seen.dedup();
        Ok(Scores::new(ScoreKind::Probability, n_classes, spread(&seen, &rows, n_classes)))
    }
}

impl KnnRegressor {
    pub fn check(&self, n_features: usize) -> Result<(), String> {
        self.data.check(n_features)?;
        if !all_inputs(&self.data.targets) {
            return Err("the k-nearest neighbours model holds a target that is not a finite number".into());
        }
        Ok(())
    }
}

impl Regress for KnnRegressor {
    fn predict(&self, x: &Features) -> Result<Vec<f64>, LearnError> {
        self.live()?.predict(&x.to_dense()?).map_err(predict_failed)
    }
}
