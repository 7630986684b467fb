//! smartcore's extra trees and gradient boosting as SQL (their trees read in [`super::read`]).
//! Extra trees: the sum of the trees' leaf values, tree after tree, divided by the number of
//! trees (smartcore's `predict_mean`). Gradient boosting: the base score plus each tree's
//! leaf value times the learning rate, added tree after tree (the products are taken in Rust
//! and written into the leaves). A split without a threshold sends every row right, as SQL's
//! comparison with `NULL` does.

use super::{Boosting, ExtraTrees};
use crate::engine::base::sql::ModelSql;
use crate::engine::learn::onnx::LeafTree;
use crate::engine::learn::sql::{sum, SqlInputs};

fn tree_sql(tree: &LeafTree, inputs: &SqlInputs) -> Result<String, String> {
    inputs.tree(&|n| tree.branches[n], &|n| inputs.number(tree.values[n]))
}

impl ExtraTrees {
    /// (Σ leaf values) / trees.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let trees = self.leaf_trees()?;
        let sums = trees.iter().map(|t| tree_sql(t, inputs)).collect::<Result<Vec<_>, _>>()?;
        Ok(ModelSql::Value(format!("{}\n / {}", sum(sums), inputs.number(trees.len() as f64))))
    }
}

impl Boosting {
    /// base score + Σ learning rate × leaf value.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let (base_score, trees) = self.leaf_trees()?;
        let mut terms = vec![inputs.number(base_score)];
        for tree in &trees {
            terms.push(tree_sql(tree, inputs)?);
        }
        Ok(ModelSql::Value(sum(terms)))
    }
}
