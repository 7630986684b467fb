//! Clusterings as ONNX: k-means and agglomerative clustering give a row the first nearest
//! centre (the squared distance added over the inputs; `ArgMin` keeps the first on ties, as
//! `Iterator::min_by` does). DBSCAN refuses: a row it calls noise is cluster -1 in
//! `sift predict`, which the graph's output already uses for a row `sift predict` refuses.

use super::{Clusters, Form};
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;

impl Clusters {
    /// The cluster number of a row.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        match &self.form {
            Form::Nearest { centres } => {
                let distances = inputs.squared_distances(centres)?;
                Ok(ModelOnnx::Cluster(inputs.first_smallest(&distances)))
            }
            Form::Density { .. } => Err(
                "a row DBSCAN calls noise is cluster -1, which the graph also gives a row sift predict refuses, so the two could not be told apart"
                    .into(),
            ),
        }
    }
}
