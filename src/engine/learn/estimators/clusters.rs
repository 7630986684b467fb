//! Clustering: k-means, DBSCAN and agglomerative (single linkage) from smartcore. The model
//! keeps what assigns new rows to clusters, in a form of our own:
//!
//! - k-means and agglomerative: the cluster centres; a new row joins the nearest (for
//!   agglomerative clustering this is an approximation: smartcore cannot assign new rows).
//! - DBSCAN: the clustered training rows and the radius; a new row takes the cluster of the
//!   nearest clustered row within the radius, or is noise (-1).

use serde::{Deserialize, Serialize};
use smartcore::cluster::agglomerative::{AgglomerativeClustering, AgglomerativeClusteringParameters};
use smartcore::cluster::dbscan::{DBSCANParameters, DBSCAN};
use smartcore::cluster::kmeans::{KMeans, KMeansParameters};
use smartcore::metrics::distance::euclidian::Euclidian;

use super::{all_inputs, failed, predict_failed, Matrix};
use crate::engine::learn::algorithms::Algorithm;
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;

/// Agglomerative clustering compares every pair of rows; beyond this many it would take too
/// much memory and time in a browser tab.
pub const MAX_AGGLOMERATIVE_ROWS: usize = 3000;

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
    /// Finds clusters in `x`; returns the model and each row's cluster (-1 for noise).
    pub fn fit(algorithm: Algorithm, params: &Params, seed: u64, x: &Features) -> Result<(Clusters, Vec<i32>), LearnError> {
        let fail = failed(algorithm);
        let dense = x.to_dense()?;
        let labels: Vec<i32> = match algorithm {
            Algorithm::Kmeans => {
                let k = at_most_rows(params.count("k"), x, "clusters")?;
                let settings = KMeansParameters { k, max_iter: params.count("max_iter"), seed: Some(seed) };
                let model: KMeans<f64, u32, Matrix, Vec<u32>> = KMeans::fit(&dense, settings).map_err(&fail)?;
                model.predict(&dense).map_err(predict_failed)?.into_iter().map(|l| l as i32).collect()
            }
            Algorithm::Agglomerative => {
                if x.rows() > MAX_AGGLOMERATIVE_ROWS {
                    return Err(LearnError::new(format!(
                        "agglomerative clustering compares every pair of rows, so it takes at most {MAX_AGGLOMERATIVE_ROWS} rows (these are {}); sample the rows or use k-means",
                        x.rows()
                    )));
                }
                let n_clusters = at_most_rows(params.count("n_clusters"), x, "clusters")?;
                let settings = AgglomerativeClusteringParameters::default().with_n_clusters(n_clusters);
                let model: AgglomerativeClustering<f64, u32, Matrix, Vec<u32>> =
                    AgglomerativeClustering::fit(&dense, settings).map_err(&fail)?;
                model.labels.iter().map(|&l| l as i32).collect()
            }
            _ => {
                let eps = params.number("eps");
                let settings = DBSCANParameters::default().with_eps(eps).with_min_samples(params.count("min_samples"));
                let model: DBSCAN<f64, i32, Matrix, Vec<i32>, Euclidian<f64>> = DBSCAN::fit(&dense, settings).map_err(&fail)?;
                // smartcore numbers clusters from 1 and says 0 for noise.
                let labels: Vec<i32> = model.predict(&dense).map_err(predict_failed)?.into_iter().map(|l| l - 1).collect();
                let kept: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] != NOISE).collect();
                let form = Form::Density {
                    eps,
                    points: kept.iter().map(|&i| x.row(i).to_vec()).collect(),
                    labels: kept.iter().map(|&i| labels[i]).collect(),
                };
                return Clusters { algorithm, form }.checked(x, labels);
            }
        };
        let form = Form::Nearest { centres: centres(x, &labels) };
        Clusters { algorithm, form }.checked(x, labels)
    }

    /// The fitted clustering with the checks a loaded one passes (see `Estimator::check_fitted`).
    fn checked(self, x: &Features, labels: Vec<i32>) -> Result<(Clusters, Vec<i32>), LearnError> {
        self.check(x.cols()).map_err(|e| {
            LearnError::new(format!("{} found clusters that could not be saved ({e}); rescale the features", self.algorithm.label()))
        })?;
        Ok((self, labels))
    }

    /// The algorithm that found the clusters.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
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
                eps.is_finite() && *eps > 0.0 && *eps <= MAX_EPS && points.len() == labels.len() && rows_ok(points) && labels.iter().all(|&l| l >= 0)
            }
        };
        if ok {
            Ok(())
        } else {
            Err("the clustering's centres or rows do not agree with its sizes, or its radius or cluster count is outside what Sift trains".into())
        }
    }
}

fn at_most_rows(k: usize, x: &Features, what: &str) -> Result<usize, LearnError> {
    if k > x.rows() {
        return Err(LearnError::new(format!("cannot make {k} {what} from {} rows; choose at most {}", x.rows(), x.rows())));
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
    sums.into_iter()
        .zip(counts)
        .map(|(sum, n)| sum.into_iter().map(|s| s / n.max(1) as f64).collect())
        .collect()
}

/// The index of the row of `rows` nearest to `row`, with its squared distance.
fn nearest(rows: &[Vec<f64>], row: &[f64]) -> Option<(usize, f64)> {
    rows.iter()
        .map(|r| r.iter().zip(row).map(|(a, b)| (a - b) * (a - b)).sum::<f64>())
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1))
}
