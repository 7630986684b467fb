//! smartcore's extra trees and gradient boosting as SQL, read through their serde form
//! (smartcore keeps its trees private). Extra trees: the sum of the trees' leaf values, tree
//! after tree, divided by the number of trees (smartcore's `predict_mean`). Gradient
//! boosting: the base score plus each tree's leaf value times the learning rate, added tree
//! after tree (the products are taken in Rust and written into the leaves). Both split
//! `input <= threshold` to the left; a split without a threshold sends every row right, as
//! smartcore's comparison with NaN does, and SQL's with `NULL`.

use serde::Deserialize;

use super::{Boosting, ExtraTrees};
use crate::engine::base::sql::ModelSql;
use crate::engine::learn::sql::{sum, Branch, SqlInputs};

/// A tree as lists, node 0 the root: a split (`Branch`) or a leaf value per node.
struct Flat {
    branches: Vec<Option<Branch>>,
    values: Vec<f64>,
}

impl Flat {
    fn sql(&self, inputs: &SqlInputs, scale: f64) -> Result<String, String> {
        inputs.tree(&|n| self.branches[n], &|n| inputs.number(scale * self.values[n]))
    }
}

#[derive(Deserialize)]
struct Forest {
    forest_regressor: Option<Trees>,
}

#[derive(Deserialize)]
struct Trees {
    trees: Option<Vec<Nodes>>,
}

#[derive(Deserialize)]
struct Nodes {
    nodes: Vec<Node>,
}

#[derive(Deserialize)]
struct Node {
    output: f64,
    split_feature: usize,
    split_value: Option<f64>,
    true_child: Option<usize>,
    false_child: Option<usize>,
}

impl Nodes {
    fn flat(&self) -> Result<Flat, String> {
        let n = self.nodes.len();
        let branches = self
            .nodes
            .iter()
            .map(|node| match (node.true_child, node.false_child) {
                (Some(left), Some(right)) if left < n && right < n => Ok(Some(Branch {
                    feature: node.split_feature,
                    threshold: node.split_value.unwrap_or(f64::NAN),
                    left,
                    right,
                })),
                (None, _) => Ok(None),
                _ => Err("a tree's node points outside the tree".to_string()),
            })
            .collect::<Result<_, _>>()?;
        Ok(Flat { branches, values: self.nodes.iter().map(|n| n.output).collect() })
    }
}

/// What smartcore could not write or we could not read.
fn unreadable() -> String {
    "its trees could not be read".into()
}

impl ExtraTrees {
    /// (Σ leaf values) / trees.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let value = serde_json::to_value(&self.0).map_err(|_| unreadable())?;
        let forest: Forest = serde_json::from_value(value).map_err(|_| unreadable())?;
        let trees = forest.forest_regressor.and_then(|f| f.trees).filter(|t| !t.is_empty()).ok_or_else(unreadable)?;
        let sums = trees.iter().map(|t| t.flat()?.sql(inputs, 1.0)).collect::<Result<Vec<_>, _>>()?;
        Ok(ModelSql::Value(format!("{}\n / {}", sum(sums), inputs.number(trees.len() as f64))))
    }
}

#[derive(Deserialize)]
struct Boosted {
    regressors: Option<Vec<Boost>>,
    parameters: Option<BoostParameters>,
}

#[derive(Deserialize)]
struct BoostParameters {
    learning_rate: f64,
    base_score: f64,
}

/// smartcore's boosting tree: nested nodes.
#[derive(Deserialize)]
struct Boost {
    left: Option<Box<Boost>>,
    right: Option<Box<Boost>>,
    value: f64,
    threshold: f64,
    split_feature_idx: usize,
}

impl Boost {
    /// The nodes in preorder into `flat`; returns this node's index.
    fn flatten(&self, flat: &mut Flat) -> usize {
        let at = flat.values.len();
        flat.values.push(self.value);
        flat.branches.push(None);
        if let (Some(left), Some(right)) = (&self.left, &self.right) {
            let left = left.flatten(flat);
            let right = right.flatten(flat);
            flat.branches[at] =
                Some(Branch { feature: self.split_feature_idx, threshold: self.threshold, left, right });
        }
        at
    }
}

impl Boosting {
    /// base score + Σ learning rate × leaf value.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let value = serde_json::to_value(&self.model).map_err(|_| unreadable())?;
        let boosted: Boosted = serde_json::from_value(value).map_err(|_| unreadable())?;
        let (Some(trees), Some(p)) = (boosted.regressors, boosted.parameters) else { return Err(unreadable()) };
        let mut terms = vec![inputs.number(p.base_score)];
        for tree in &trees {
            let mut flat = Flat { branches: Vec::new(), values: Vec::new() };
            tree.flatten(&mut flat);
            terms.push(flat.sql(inputs, p.learning_rate)?);
        }
        Ok(ModelSql::Value(sum(terms)))
    }
}
