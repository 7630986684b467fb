//! A fitted clustering (k-means, DBSCAN and agglomerative, whose files in `algorithms/` call
//! smartcore): what assigns new rows to clusters, in a form of our own:
//!
//! - k-means and agglomerative: the cluster centres; a new row joins the nearest (for
//!   agglomerative clustering this is an approximation: smartcore cannot assign new rows).
//! - DBSCAN: the clustered training rows and the radius; a new row takes the cluster of the
//!   nearest clustered row within the radius, or is noise (-1).

mod onnx;
mod sql;

use serde::{Deserialize, Serialize};

use super::{all_inputs, Fitted};
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::base::sql::ModelSql;
use crate::engine::learn::algorithms::{Algorithm, StoredModel};
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::onnx::OnnxInputs;
use crate::engine::learn::sql::SqlInputs;

/// The largest DBSCAN radius the trainer accepts (its `eps` parameter's maximum).
const MAX_EPS: f64 = 1e12;

/// The most clusters k-means and agglomerative clustering are asked for (their parameters' maximum).
const MAX_CLUSTERS: usize = 1000;

/// The label of a row in no cluster (DBSCAN's noise).
pub const NOISE: i32 = -1;

/// A fitted clustering.
#[derive(Debug, Serialize, Deserialize)]
pub struct Clusters {
    algorithm: Algorithm,
    #[serde(flatten)]
    form: Form,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "assign", rename_all = "snake_case")]
enum Form {
    /// New rows join the nearest centre.
    Nearest { centres: Vec<Vec<f64>> },
    /// New rows join the cluster of the nearest clustered row within `eps`.
    Density { eps: f64, points: Vec<Vec<f64>>, labels: Vec<i32> },
}

impl Clusters {
    /// The clusters `labels` (from 0; -1 for noise) that `algorithm` found in `x`, kept as
    /// their centres: a new row joins the nearest. Returns the model and the labels.
    pub fn around_centres(
        algorithm: Algorithm,
        x: &Features,
        labels: Vec<i32>,
    ) -> Result<(Clusters, Vec<i32>), LearnError> {
        let form = Form::Nearest { centres: centres(x, &labels) };
        Clusters { algorithm, form }.checked(x, labels)
    }

    /// The clusters `labels` (from 0; -1 for noise) that DBSCAN found in `x` with radius
    /// `eps`, kept as the clustered rows: a new row takes the cluster of the nearest one
    /// within the radius, or is noise. Returns the model and the labels.
    pub fn by_density(eps: f64, x: &Features, labels: Vec<i32>) -> Result<(Clusters, Vec<i32>), LearnError> {
        let kept: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] != NOISE).collect();
        let form = Form::Density {
            eps,
            points: kept.iter().map(|&i| x.row(i).to_vec()).collect(),
            labels: kept.iter().map(|&i| labels[i]).collect(),
        };
        Clusters { algorithm: Algorithm::Dbscan, form }.checked(x, labels)
    }

    /// The fitted clustering with the checks a loaded one passes (see `Estimator::check_fitted`).
    fn checked(self, x: &Features, labels: Vec<i32>) -> Result<(Clusters, Vec<i32>), LearnError> {
        self.check(x.cols()).map_err(|e| {
            LearnError::new(format!(
                "{} found clusters that could not be saved ({e}); rescale the features",
                self.algorithm.label()
            ))
        })?;
        Ok((self, labels))
    }

    /// The cluster of each row of `x` (-1 for noise).
    pub fn assign(&self, x: &Features) -> Vec<i32> {
        (0..x.rows())
            .map(|i| {
                let row = x.row(i);
                match &self.form {
                    Form::Nearest { centres } => nearest(centres, row).map_or(NOISE, |(c, _)| c as i32),
                    Form::Density { eps, points, labels } => match nearest(points, row) {
                        Some((p, d)) if d <= eps * eps => labels[p],
                        _ => NOISE,
                    },
                }
            })
            .collect()
    }

    /// Sizes agree, numbers are finite, the radius and the cluster count within the trainer's ranges.
    pub fn check(&self, n_features: usize) -> Result<(), String> {
        let rows_ok = |rows: &Vec<Vec<f64>>| rows.iter().all(|r| r.len() == n_features && all_inputs(r));
        let ok = match &self.form {
            Form::Nearest { centres } => !centres.is_empty() && centres.len() <= MAX_CLUSTERS && rows_ok(centres),
            Form::Density { eps, points, labels } => {
                eps.is_finite()
                    && *eps > 0.0
                    && *eps <= MAX_EPS
                    && points.len() == labels.len()
                    && rows_ok(points)
                    && labels.iter().all(|&l| l >= 0)
            }
        };
        if ok {
            Ok(())
        } else {
            Err("the clustering's centres or rows do not agree with its sizes, or its radius or cluster count is outside what Sift trains".into())
        }
    }
}

/// A fitted clustering in a model file: k-means, DBSCAN and agglomerative clustering share
/// the kind `"clusters"`, which names its algorithm.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClustersModel {
    Clusters(Clusters),
}

impl StoredModel for ClustersModel {
    const KINDS: &'static [&'static str] = &["clusters"];

    fn fitted(&self) -> Fitted<'_> {
        match self {
            ClustersModel::Clusters(m) => Fitted::Clusters(m),
        }
    }

    fn check(&self, n_features: usize, _: usize) -> Result<(), String> {
        match self {
            ClustersModel::Clusters(m) => m.check(n_features),
        }
    }

    fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match self {
            ClustersModel::Clusters(m) => m.sql(inputs),
        }
    }

    fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match self {
            ClustersModel::Clusters(m) => m.onnx(inputs),
        }
    }
}

/// `k` clusters, when `x` has at least as many rows.
pub fn at_most_rows(k: usize, x: &Features, what: &str) -> Result<usize, LearnError> {
    if k > x.rows() {
        return Err(LearnError::new(format!(
            "cannot make {k} {what} from {} rows; choose at most {}",
            x.rows(),
            x.rows()
        )));
    }
    Ok(k)
}

/// The mean row of each cluster `0..=max label`.
fn centres(x: &Features, labels: &[i32]) -> Vec<Vec<f64>> {
    let k = labels.iter().copied().max().map_or(0, |m| (m + 1).max(0) as usize);
    let mut sums = vec![vec![0.0; x.cols()]; k];
    let mut counts = vec![0usize; k];
    for (i, &l) in labels.iter().enumerate() {
        if let (Some(sum), Some(count)) = (sums.get_mut(l as usize), counts.get_mut(l as usize)) {
            sum.iter_mut().zip(x.row(i)).for_each(|(s, v)| *s += v);
            *count += 1;
        }
    }
    sums.into_iter().zip(counts).map(|(sum, n)| sum.into_iter().map(|s| s / n.max(1) as f64).collect()).collect()
}

/// The index of the row of `rows` nearest to `row`, with its squared distance.
fn nearest(rows: &[Vec<f64>], row: &[f64]) -> Option<(usize, f64)> {
    rows.iter()
        .map(|r| r.iter().zip(row).map(|(a, b)| (a - b) * (a - b)).sum::<f64>())
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1))
}
