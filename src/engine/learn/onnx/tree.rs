//! Trees as ONNX. One `ai.onnx.ml` opset 5 `TreeEnsemble` node per tree walks it in double
//! precision (`x <= split` to the true side, as every tree in Sift compares) and gives each row
//! its leaf's value (one value per row), or its leaf's number, whose values (several per row: a
//! class share each) a `Gather` looks up. The trees' values are added tree after tree with one
//! `Add` each — the order Sift adds them in, so that sums (and ties between classes) are bit for
//! bit Sift's. (One ensemble of all the trees would add them in an order of its own choosing, in
//! threads; and one node giving every tree's leaf would hold rows × trees numbers at once.)

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

/// `TreeEnsemble`'s attributes for one tree (node 0 its root), built from `tree`.
struct Ensemble<'a> {
    tree: &'a LeafTree,
    width: usize,
    n_features: usize,
    feature: Vec<i64>,
    split: Vec<f64>,
    true_node: Vec<i64>,
    true_leaf: Vec<i64>,
    false_node: Vec<i64>,
    false_leaf: Vec<i64>,
    /// What the ensemble gives for each leaf: its value (`width` 1) or its number (its row in
    /// `values`).
    leaf_weight: Vec<f64>,
    /// The leaves' values, `width` per leaf.
    values: Vec<f64>,
}

impl<'a> Ensemble<'a> {
    /// The ensemble of `tree`, whose leaves hold `width` values each.
    fn of(tree: &'a LeafTree, width: usize, n_features: usize) -> Result<Ensemble<'a>, String> {
        let n = tree.branches.len();
        if n == 0 || tree.values.len() != n * width {
            return Err("a tree's values do not match its nodes".into());
        }
        let mut e = Ensemble {
            tree,
            width,
            n_features,
            feature: Vec::new(),
            split: Vec::new(),
            true_node: Vec::new(),
            true_leaf: Vec::new(),
            false_node: Vec::new(),
            false_leaf: Vec::new(),
            leaf_weight: Vec::new(),
            values: Vec::new(),
        };
        if tree.branches[0].is_some() {
            e.split_at(0)?;
        } else {
            // A tree that is one leaf: a split whose two sides are that leaf.
            let leaf = e.leaf(0);
            e.push_split(0, 0.0, (leaf, 1), (leaf, 1));
        }
        Ok(e)
    }

    /// Adds split `node` and the nodes below it; its number.
    fn split_at(&mut self, node: usize) -> Result<i64, String> {
        let n = self.tree.branches.len();
        let b = self.tree.branches[node].ok_or("a tree's split is missing")?;
        if b.left <= node || b.right <= node || b.left >= n || b.right >= n {
            return Err(format!("node {node} of a tree points back up the tree or outside it"));
        }
        if b.feature >= self.n_features {
            return Err(format!("a tree uses input {} of {}", b.feature + 1, self.n_features));
        }
        let at = self.push_split(b.feature as i64, b.threshold, (0, 0), (0, 0));
        (self.true_node[at], self.true_leaf[at]) = self.child(b.left)?;
        (self.false_node[at], self.false_leaf[at]) = self.child(b.right)?;
        Ok(at as i64)
    }

    /// Adds `node` (a split or a leaf); its number, and 1 for a leaf or 0 for a split.
    fn child(&mut self, node: usize) -> Result<(i64, i64), String> {
        match self.tree.branches[node] {
            Some(_) => Ok((self.split_at(node)?, 0)),
            None => Ok((self.leaf(node), 1)),
        }
    }

    fn push_split(&mut self, feature: i64, split: f64, true_side: (i64, i64), false_side: (i64, i64)) -> usize {
        self.feature.push(feature);
        self.split.push(split);
        self.true_node.push(true_side.0);
        self.true_leaf.push(true_side.1);
        self.false_node.push(false_side.0);
        self.false_leaf.push(false_side.1);
        self.feature.len() - 1
    }

    fn leaf(&mut self, node: usize) -> i64 {
        let number = self.leaf_weight.len();
        let values = &self.tree.values[node * self.width..(node + 1) * self.width];
        self.leaf_weight.push(if self.width == 1 { values[0] } else { number as f64 });
        self.values.extend_from_slice(values);
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
        let mut total = start.map(|start| self.graph.doubles("start", &[], vec![start]));
        for tree in trees {
            let value = self.tree_values(tree, width)?;
            total = Some(match total {
                Some(total) => self.graph.node("Add", &[&total, &value], Vec::new()),
                None => value,
            });
        }
        let total = total.ok_or("it has no trees")?;
        if width == 1 {
            return Ok(total);
        }
        let axes = self.graph.int64s("axis_1", &[1], vec![1]);
        Ok(self.graph.node("Squeeze", &[&total, &axes], Vec::new()))
    }

    /// The value of the leaf each row reaches in `tree` (`double [N, 1]`), or its `width`
    /// values (`double [N, 1, width]`).
    fn tree_values(&mut self, tree: &LeafTree, width: usize) -> Result<String, String> {
        let e = Ensemble::of(tree, width, self.n_features)?;
        let modes = TensorProto {
            dims: vec![e.feature.len() as i64],
            data_type: data_type::UINT8,
            int32_data: vec![0; e.feature.len()],
            ..Default::default()
        };
        let attributes = vec![
            int("n_targets", 1),
            int("aggregate_function", 1),
            int("post_transform", 0),
            ints("tree_roots", vec![0]),
            ints("nodes_featureids", e.feature),
            tensor("nodes_splits", double_tensor(&[e.split.len() as i64], e.split)),
            tensor("nodes_modes", modes),
            ints("nodes_truenodeids", e.true_node),
            ints("nodes_trueleafs", e.true_leaf),
            ints("nodes_falsenodeids", e.false_node),
            ints("nodes_falseleafs", e.false_leaf),
            ints("leaf_targetids", vec![0; e.leaf_weight.len()]),
            tensor("leaf_weights", double_tensor(&[e.leaf_weight.len() as i64], e.leaf_weight)),
        ];
        let features = self.features.clone();
        // [N, 1]: the leaf's value (0 + value, exact), or its number.
        let reached = self.graph.node_in(ML_DOMAIN, "TreeEnsemble", &[&features], attributes, 1).remove(0);
        if width == 1 {
            return Ok(reached);
        }
        let numbers = self.graph.node("Cast", &[&reached], vec![int("to", data_type::INT64 as i64)]);
        let leaves = (e.values.len() / width) as i64;
        let table = self.graph.doubles("leaf_values", &[leaves, width as i64], e.values);
        Ok(self.graph.node("Gather", &[&table, &numbers], vec![int("axis", 0)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(feature: usize, threshold: f64, left: usize, right: usize) -> Option<Branch> {
        Some(Branch { feature, threshold, left, right })
    }

    #[test]
    fn a_tree_becomes_splits_and_leaves_in_preorder() {
        // x0 <= 1 ? (x1 <= 2 ? [a] : [b]) : [c], two values a leaf.
        let tree = LeafTree {
            branches: vec![split(0, 1.0, 1, 4), split(1, 2.0, 2, 3), None, None, None],
            values: vec![0.0, 0.0, 0.0, 0.0, 0.1, 0.9, 0.2, 0.8, 0.3, 0.7],
        };
        let e = Ensemble::of(&tree, 2, 2).unwrap();
        assert_eq!((e.feature, e.split), (vec![0, 1], vec![1.0, 2.0]));
        assert_eq!((e.true_node, e.true_leaf), (vec![1, 0], vec![0, 1]));
        assert_eq!((e.false_node, e.false_leaf), (vec![2, 1], vec![1, 1]));
        assert_eq!(e.leaf_weight, vec![0.0, 1.0, 2.0], "two values a leaf: the ensemble gives the leaf's number");
        assert_eq!(e.values, vec![0.1, 0.9, 0.2, 0.8, 0.3, 0.7]);
    }

    #[test]
    fn a_single_leaf_is_a_split_whose_sides_are_that_leaf() {
        let tree = LeafTree { branches: vec![None], values: vec![42.5] };
        let e = Ensemble::of(&tree, 1, 3).unwrap();
        assert_eq!((e.true_node, e.false_node, e.true_leaf, e.false_leaf), (vec![0], vec![0], vec![1], vec![1]));
        assert_eq!(e.leaf_weight, vec![42.5], "one value a leaf: the ensemble gives the value itself");
    }

    #[test]
    fn a_tree_that_loops_or_reads_a_missing_input_is_refused() {
        let looping = LeafTree { branches: vec![split(0, 1.0, 0, 1), None], values: vec![0.0, 1.0] };
        assert!(Ensemble::of(&looping, 1, 1).is_err());
        let outside = LeafTree { branches: vec![split(5, 1.0, 1, 2), None, None], values: vec![0.0; 3] };
        assert!(Ensemble::of(&outside, 1, 2).err().unwrap().contains("input 6 of 2"));
        let short = LeafTree { branches: vec![None, None], values: vec![0.0] };
        assert!(Ensemble::of(&short, 1, 1).is_err());
    }
}
