//! Agglomerative clustering, single linkage (smartcore); new rows join the nearest centre
//! (`estimators::clusters`).

use smartcore::cluster::agglomerative::{AgglomerativeClustering, AgglomerativeClusteringParameters};

use super::kind::{About, AlgorithmKind};
use super::{Algorithm, Task};
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::clusters::{at_most_rows, Clusters, ClustersModel};
use crate::engine::learn::estimators::{failed, Matrix};
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::learn::python::{arg, PythonModel};

/// Agglomerative clustering compares every pair of rows; beyond this many it would take too
/// much memory and time in a browser tab.
pub const MAX_AGGLOMERATIVE_ROWS: usize = 3000;

/// Agglomerative clustering.
pub struct Agglomerative;

impl AlgorithmKind for Agglomerative {
    const ABOUT: About = About {
        name: "agglomerative",
        label: "Agglomerative clustering",
        help: "Merges the closest rows and groups step by step until n clusters remain.",
        tasks: &[Task::Clustering],
    };
    type Model = ClustersModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        vec![ParamSpec::integer("n_clusters", "Clusters", "How many groups to stop at.", 2, 2, 1000)]
    }

    fn find_clusters(params: &Params, _: u64, x: &Features) -> Result<(ClustersModel, Vec<i32>), LearnError> {
        if x.rows() > MAX_AGGLOMERATIVE_ROWS {
            return Err(LearnError::new(format!(
                "agglomerative clustering compares every pair of rows, so it takes at most {MAX_AGGLOMERATIVE_ROWS} rows (these are {}); sample the rows or use k-means",
                x.rows()
            )));
        }
        let n_clusters = at_most_rows(params.count("n_clusters"), x, "clusters")?;
        let settings = AgglomerativeClusteringParameters::default().with_n_clusters(n_clusters);
        let model: AgglomerativeClustering<f64, u32, Matrix, Vec<u32>> =
            AgglomerativeClustering::fit(&x.to_dense()?, settings).map_err(failed(Algorithm::Agglomerative))?;
        let labels = model.labels.iter().map(|&l| l as i32).collect();
        let (clusters, labels) = Clusters::around_centres(Algorithm::Agglomerative, x, labels)?;
        Ok((ClustersModel::Clusters(clusters), labels))
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = (task, seed);
        Ok(PythonModel::new(
            "sklearn.cluster",
            "AgglomerativeClustering",
            &[arg("n_clusters", params, "n_clusters"), "linkage=\"single\"".into()],
        ))
    }
}
