//! A tree grown by Sift as a [`LeafTree`] for the graph: its splits (`input <= threshold` to
//! the left, as [`Tree::leaf`] compares) and its leaves' values, each passed through `value`
//! (a class share, a mean, or either already divided among a forest's trees).

use super::Tree;
use crate::engine::learn::onnx::LeafTree;
use crate::engine::learn::sql::Branch;

impl Tree {
    /// The tree with each value `v` of its nodes written as `value(v)`.
    pub fn leaf_tree(&self, value: impl Fn(f64) -> f64) -> LeafTree {
        let branches = (0..self.left.len())
            .map(|n| {
                (self.left[n] != 0).then(|| Branch {
                    feature: self.feature[n] as usize,
                    threshold: self.threshold[n],
                    left: self.left[n] as usize,
                    right: self.right[n] as usize,
                })
            })
            .collect();
        LeafTree { branches, values: self.value.iter().map(|&v| value(v)).collect() }
    }
}
