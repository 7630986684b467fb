//! k-means (smartcore); new rows join the nearest centre (`estimators::clusters`).

use smartcore::cluster::kmeans::{KMeans, KMeansParameters};

use super::kind::{About, AlgorithmKind};
use super::{Algorithm, Task};
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::clusters::{at_most_rows, Clusters, ClustersModel};
use crate::engine::learn::estimators::{failed, predict_failed, Matrix};
use crate::engine::learn::hyper::catalogue::max_iter;
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::learn::python::{arg, seed_arg, PythonModel};

/// k-means.
pub struct Kmeans;

impl AlgorithmKind for Kmeans {
    const ABOUT: About = About {
        name: "kmeans",
        label: "k-means",
        help: "Splits rows into k groups around their centres.",
        tasks: &[Task::Clustering],
    };
    type Model = ClustersModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        vec![
            ParamSpec::integer("k", "Clusters (k)", "How many groups to find.", 3, 2, 1000),
            max_iter(100),
        ]
    }

    fn find_clusters(params: &Params, seed: u64, x: &Features) -> Result<(ClustersModel, Vec<i32>), LearnError> {
        let k = at_most_rows(params.count("k"), x, "clusters")?;
        let settings = KMeansParameters { k, max_iter: params.count("max_iter"), seed: Some(seed) };
        let dense = x.to_dense()?;
        let model: KMeans<f64, u32, Matrix, Vec<u32>> = KMeans::fit(&dense, settings).map_err(failed(Algorithm::Kmeans))?;
        let labels = model.predict(&dense).map_err(predict_failed)?.into_iter().map(|l| l as i32).collect();
        let (clusters, labels) = Clusters::around_centres(Algorithm::Kmeans, x, labels)?;
        Ok((ClustersModel::Clusters(clusters), labels))
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = task;
        Ok(PythonModel::new(
            "sklearn.cluster",
            "KMeans",
            &[arg("n_clusters", params, "k"), arg("max_iter", params, "max_iter"), "n_init=10".into(), seed_arg(seed)],
        )
        .noting("the same k-means, best of 10 starts drawn by NumPy; Sift draws its own"))
    }
}
