//! smartcore's extra trees and gradient boosting read through their serde form (smartcore
//! keeps its trees private), as [`LeafTree`]s for the SQL and ONNX translations. Both split
//! `input <= threshold` to the left; a split without a threshold sends every row right, as
//! smartcore's comparison with NaN does.

use serde::Deserialize;

use super::{Boosting, ExtraTrees};
use crate::engine::learn::onnx::LeafTree;
use crate::engine::learn::sql::Branch;

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
    fn leaf_tree(&self) -> Result<LeafTree, String> {
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
        Ok(LeafTree { branches, values: self.nodes.iter().map(|n| n.output).collect() })
    }
}

/// What smartcore could not write or we could not read.
fn unreadable() -> String {
    "its trees could not be read".into()
}

impl ExtraTrees {
    /// The forest's trees (at least one), whose leaf values are summed and divided by their
    /// number (smartcore's `predict_mean`).
    pub(super) fn leaf_trees(&self) -> Result<Vec<LeafTree>, String> {
        let value = serde_json::to_value(&self.0).map_err(|_| unreadable())?;
        let forest: Forest = serde_json::from_value(value).map_err(|_| unreadable())?;
        let trees = forest.forest_regressor.and_then(|f| f.trees).filter(|t| !t.is_empty()).ok_or_else(unreadable)?;
        trees.iter().map(Nodes::leaf_tree).collect()
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
    /// The nodes in preorder into `flat`, each value times `scale`; returns this node's index.
    fn flatten(&self, flat: &mut LeafTree, scale: f64) -> usize {
        let at = flat.values.len();
        flat.values.push(scale * self.value);
        flat.branches.push(None);
        if let (Some(left), Some(right)) = (&self.left, &self.right) {
            let left = left.flatten(flat, scale);
            let right = right.flatten(flat, scale);
            flat.branches[at] =
                Some(Branch { feature: self.split_feature_idx, threshold: self.threshold, left, right });
        }
        at
    }
}

impl Boosting {
    /// The base score and the trees, each leaf value already times the learning rate (as
    /// smartcore multiplies before it adds).
    pub(super) fn leaf_trees(&self) -> Result<(f64, Vec<LeafTree>), String> {
        let value = serde_json::to_value(&self.model).map_err(|_| unreadable())?;
        let boosted: Boosted = serde_json::from_value(value).map_err(|_| unreadable())?;
        let (Some(trees), Some(p)) = (boosted.regressors, boosted.parameters) else { return Err(unreadable()) };
        let flat = trees
            .iter()
            .map(|tree| {
                let mut flat = LeafTree { branches: Vec::new(), values: Vec::new() };
                tree.flatten(&mut flat, p.learning_rate);
                flat
            })
            .collect();
        Ok((p.base_score, flat))
    }
}
