//! Clusterings as SQL: a row's squared distance to each centre (or kept row) is added input
//! by input as `nearest` adds it, and the first nearest wins, as `Iterator::min_by` picks.
//! k-means and agglomerative clustering join the nearest centre; DBSCAN takes the cluster
//! of the nearest clustered training row within its radius, or -1 (noise). DBSCAN's SQL
//! carries every clustered training row, so it grows with the rows it was fitted on.

use super::{Clusters, Form, NOISE};
use crate::engine::base::sql::{Dialect, ModelSql};
use crate::engine::learn::sql::{sum, SqlInputs};

/// Σ (p_j − x_j)², in input order.
fn squared_distance(inputs: &SqlInputs, point: &[f64]) -> String {
    sum(inputs.features.iter().zip(point).map(|(x, p)| {
        let p = inputs.number(*p);
        format!("({p} - {x}) * ({p} - {x})")
    }))
}

impl Clusters {
    /// The cluster number of a row.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        match &self.form {
            Form::Nearest { centres } => {
                let distances: Vec<String> = centres.iter().map(|c| squared_distance(inputs, c)).collect();
                Ok(ModelSql::Cluster(inputs.first_smallest(&distances)))
            }
            Form::Density { eps, points, labels } => {
                let distances = points.iter().map(|p| squared_distance(inputs, p)).collect::<Vec<_>>().join(",\n");
                let labels = labels.iter().map(i32::to_string).collect::<Vec<_>>().join(", ");
                let radius = inputs.number(eps * eps);
                Ok(ModelSql::Cluster(match inputs.dialect {
                    Dialect::DuckDb => format!(
                        "CAST(list_transform([[\n{distances}\n]], lambda d: CASE WHEN list_min(d) <= {radius} \
                         THEN [{labels}][list_position(d, list_min(d))] ELSE {NOISE} END)[1] AS BIGINT)"
                    ),
                    Dialect::Spark => format!(
                        "CAST(transform(array(array(\n{distances}\n)), d -> CASE WHEN array_min(d) <= {radius} \
                         THEN element_at(array({labels}), CAST(array_position(d, array_min(d)) AS INT)) ELSE {NOISE} END)[0] AS BIGINT)"
                    ),
                }))
            }
        }
    }
}
