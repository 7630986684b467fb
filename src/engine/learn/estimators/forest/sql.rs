//! Sift's decision trees and random forests as SQL. A tree's class probabilities are its
//! leaf's shares and its number the leaf's mean; a forest adds each tree's leaf value times
//! 1/trees, tree after tree as `Forest::mean_leaves` does (the product is taken in Rust and
//! written into the leaves), and a forest's probabilities are clamped to [0, 1] as Sift
//! clamps them. Each class repeats the trees: the SQL grows with classes × trees × nodes.

use super::{Forest, SingleTree};
use crate::engine::base::sql::ModelSql;
use crate::engine::learn::sql::{sum, SqlInputs};

impl SingleTree {
    /// Class shares (`n_classes` > 0) or the leaf's mean.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        if inputs.n_classes == 0 {
            return Ok(ModelSql::Value(self.tree.sql(inputs, &|v| inputs.number(v[0]))?));
        }
        let shares = (0..inputs.n_classes)
            .map(|c| self.tree.sql(inputs, &|v| inputs.number(v[c])))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(inputs.classes(shares))
    }
}

impl Forest {
    /// The mean over the trees of class shares (`n_classes` > 0, clamped to [0, 1]) or means.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let share = 1.0 / self.trees.len().max(1) as f64;
        let mean = |c: usize| -> Result<String, String> {
            let trees = self.trees.iter().map(|t| t.sql(inputs, &|v| inputs.number(v[c] * share)));
            Ok(sum(trees.collect::<Result<Vec<_>, _>>()?))
        };
        if inputs.n_classes == 0 {
            return Ok(ModelSql::Value(mean(0)?));
        }
        let shares = (0..inputs.n_classes)
            .map(|c| Ok(format!("least(greatest({}, 0e0), 1e0)", mean(c)?)))
            .collect::<Result<Vec<_>, String>>()?;
        Ok(inputs.classes(shares))
    }
}
