//! DBSCAN (smartcore); a new row takes the cluster of the nearest clustered row within the
//! radius, or is noise (`estimators::clusters`).

use smartcore::cluster::dbscan::{DBSCANParameters, DBSCAN};
use smartcore::metrics::distance::euclidian::Euclidian;

use super::kind::{About, AlgorithmKind};
use super::{Algorithm, Task};
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::estimators::clusters::{Clusters, ClustersModel};
use crate::engine::learn::estimators::{failed, predict_failed, Matrix};
use crate::engine::learn::hyper::{ParamSpec, Params};
use crate::engine::learn::python::{arg, PythonModel};

/// DBSCAN.
pub struct Dbscan;

impl AlgorithmKind for Dbscan {
    const ABOUT: About = About {
        name: "dbscan",
        label: "DBSCAN",
        help: "Finds dense groups of any shape and marks isolated rows as noise.",
        tasks: &[Task::Clustering],
    };
    type Model = ClustersModel;

    fn specs(_: Task) -> Vec<ParamSpec> {
        vec![
            ParamSpec::number("eps", "Radius (eps)", "How close two rows must be to count as neighbours; scale the features first.", 0.5, (0.0, 1e12), true),
            ParamSpec::integer("min_samples", "Minimum neighbours", "How many rows within the radius (itself included) make a dense core.", 5, 1, 100_000),
        ]
    }

    fn find_clusters(params: &Params, _: u64, x: &Features) -> Result<(ClustersModel, Vec<i32>), LearnError> {
        let eps = params.number("eps");
        let settings = DBSCANParameters::default().with_eps(eps).with_min_samples(params.count("min_samples"));
        let dense = x.to_dense()?;
        let model: DBSCAN<f64, i32, Matrix, Vec<i32>, Euclidian<f64>> = DBSCAN::fit(&dense, settings).map_err(failed(Algorithm::Dbscan))?;
        // smartcore numbers clusters from 1 and says 0 for noise.
        let labels = model.predict(&dense).map_err(predict_failed)?.into_iter().map(|l| l - 1).collect();
        let (clusters, labels) = Clusters::by_density(eps, x, labels)?;
        Ok((ClustersModel::Clusters(clusters), labels))
    }

    fn python(params: &Params, task: Task, seed: u64) -> Result<PythonModel, String> {
        let _ = (task, seed);
        Ok(PythonModel::new("sklearn.cluster", "DBSCAN", &[arg("eps", params, "eps"), arg("min_samples", params, "min_samples")]))
    }
}
