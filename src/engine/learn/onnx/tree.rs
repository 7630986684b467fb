//! Trees as ONNX. One `ai.onnx.ml` opset 5 `TreeEnsemble` node walks every tree in double
//! precision (`x <= split` to the true side, as every tree in Sift compares) and gives, per
//! tree, the number of the leaf each row reaches; a `Gather` looks up the leaves' values, and
//! the trees' values are added tree after tree with one `Add` each — the order Sift adds
//! them in, so that sums (and ties between classes) are bit for bit Sift's. (The ensemble's
//! own sum would add in an order of its choosing, in threads.)

use super::OnnxInputs;
use crate::engine::base::onnx::proto::{data_type, TensorProto};
use crate::engine::base::onnx::{double_tensor, int, ints, tensor, ML_DOMAIN};
use crate::engine::learn::sql::Branch;

/// A tree as a graph reads it, node 0 the root: each node's split (`None` for a leaf) and
/// `width` values per node (read at the leaves).
pub struct LeafTree {
    pub branches: Vec<Option<Branch>>,
    pub values: Vec<f64>,
}

/// `TreeEnsemble`'s attributes, tree after tree.
#[derive(Default)]
struct Ensemble {
    roots: Vec<i64>,
    feature: Vec<i64>,
    split: Vec<f64>,
    true_node: Vec<i64>,
    true_leaf: Vec<i64>,
    false_node: Vec<i64>,
    false_leaf: Vec<i64>,
    leaf_target: Vec<i64>,
    /// Each leaf's own number (its row in `values`), the weight the ensemble gives.
    leaf_number: Vec<f64>,
    /// The leaves' values, `width` per leaf.
    values: Vec<f64>,
}

impl Ensemble {
    /// Adds tree number `target`.
    fn add(&mut self, tree: &LeafTree, target: i64, width: usize, n_features: usize) -> Result<(), String> {
        let n = tree.branches.len();
        if n == 0 || tree.values.len() != n * width {
            return Err("a tree's values do not match its nodes".into());
        }
        self.roots.push(self.feature.len() as i64);
        match tree.branches[0] {
            // A tree that is one leaf: a split whose two sides are that leaf.
            None => {
                let leaf = self.leaf(tree, 0, target, width);
                self.push_split(0, 0.0, (leaf, 1), (leaf, 1));
                Ok(())
            }
            Some(_) => self.split(tree, 0, target, width, n_features).map(|_| ()),
        }
    }

    /// Adds split `node` and the nodes below it; its number.
    fn split(&mut self, tree: &LeafTree, node: usize, target: i64, width: usize, f: usize) -> Result<i64, String> {
        let b = tree.branches[node].ok_or("a tree's split is missing")?;
        if b.left <= node || b.right <= node || b.left >= tree.branches.len() || b.right >= tree.branches.len() {
            return Err(format!("node {node} of a tree points back up the tree or outside it"));
        }
        if b.feature >= f {
            return Err(format!("a tree uses input {} of {f}", b.feature + 1));
        }
        let at = self.push_split(b.feature as i64, b.threshold, (0, 0), (0, 0));
        let left = self.child(tree, b.left, target, width, f)?;
        let right = self.child(tree, b.right, target, width, f)?;
        (self.true_node[at], self.true_leaf[at]) = left;
        (self.false_node[at], self.false_leaf[at]) = right;
        Ok(at as i64)
    }

    /// Adds `node` (a split or a leaf); its number and 1 for a leaf, 0 for a split.
    fn child(
        &mut self,
        tree: &LeafTree,
        node: usize,
        target: i64,
        width: usize,
        f: usize,
    ) -> Result<(i64, i64), String> {
        match tree.branches[node] {
            Some(_) => Ok((self.split(tree, node, target, width, f)?, 0)),
            None => Ok((self.leaf(tree, node, target, width), 1)),
        }
    }

    fn push_split(&mut self, feature: i64, split: f64, true_side: (i64, i64), false_side: (i64, i64)) -> usize {
        self.feature.push(feature);
        self.split.push(split);
        (self.true_node.push(true_side.0), self.true_leaf.push(true_side.1));
        (self.false_node.push(false_side.0), self.false_leaf.push(false_side.1));
        self.feature.len() - 1
    }

    fn leaf(&mut self, tree: &LeafTree, node: usize, target: i64, width: usize) -> i64 {
        let number = self.leaf_target.len();
        self.leaf_target.push(target);
        self.leaf_number.push(number as f64);
        self.values.extend_from_slice(&tree.values[node * width..(node + 1) * width]);
        number as i64
    }
}

impl OnnxInputs<'_> {
    /// `start` (if any) plus the leaf values (`width` per row) of each of `trees`, added tree
    /// after tree: `double [N, width]`.
    pub fn tree_sum(&mut self, trees: &[LeafTree], width: usize, start: Option<f64>) -> Result<String, String> {
        if trees.is_empty() || width == 0 {
            return Err("it has no trees".into());
        }
        let mut e = Ensemble::default();
        for (t, tree) in trees.iter().enumerate() {
            e.add(tree, t as i64, width, self.n_features)?;
        }
        let modes = TensorProto {
            dims: vec![e.feature.len() as i64],
            data_type: data_type::UINT8,
            int32_data: vec![0; e.feature.len()],
            ..Default::default()
        };
        let attributes = vec![
            int("n_targets", trees.len() as i64),
            int("aggregate_function", 1),
            int("post_transform", 0),
            ints("tree_roots", e.roots),
            ints("nodes_featureids", e.feature),
            tensor("nodes_splits", double_tensor(&[e.split.len() as i64], e.split)),
            tensor("nodes_modes", modes),
            ints("nodes_truenodeids", e.true_node),
            ints("nodes_trueleafs", e.true_leaf),
            ints("nodes_falsenodeids", e.false_node),
            ints("nodes_falseleafs", e.false_leaf),
            ints("leaf_targetids", e.leaf_target),
            tensor("leaf_weights", double_tensor(&[e.leaf_number.len() as i64], e.leaf_number)),
        ];
        let features = self.features.clone();
        let reached = self.graph.node_in(ML_DOMAIN, "TreeEnsemble", &[&features], attributes, 1).remove(0);
        let numbers = self.graph.node("Cast", &[&reached], vec![int("to", data_type::INT64 as i64)]);
        let leaves = (e.values.len() / width) as i64;
        let table = self.graph.doubles("leaf_values", &[leaves, width as i64], e.values);
        // [N, trees, width], added tree after tree.
        let values = self.graph.node("Gather", &[&table, &numbers], vec![int("axis", 0)]);
        let start = start.map(|start| self.graph.doubles("start", &[], vec![start]));
        Ok(self.sum_in_order(&values, 1, trees.len(), start.as_deref(), false))
    }
}
