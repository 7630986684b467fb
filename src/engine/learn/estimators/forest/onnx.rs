//! Sift's decision trees and random forests as ONNX. A tree's class probabilities are its
//! leaf's shares and its number the leaf's mean; a forest adds each tree's leaf values times
//! 1/trees, tree after tree as `Forest::mean_leaves` does (the products are taken in Rust and
//! stored in the leaves), and clamps a forest's probabilities to [0, 1] as Sift clamps them.

use super::{Forest, SingleTree};
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::estimators::cart::Tree;
use crate::engine::learn::onnx::OnnxInputs;

/// The trees' summed leaf values (each written as `value(v)`) as a classifier's
/// probabilities (`n_classes` > 0, clamped to [0, 1] when `clamp`) or a number.
fn predict(
    inputs: &mut OnnxInputs,
    trees: &[Tree],
    value: impl Fn(f64) -> f64,
    clamp: bool,
) -> Result<ModelOnnx, String> {
    let width = inputs.n_classes.max(1);
    if trees.iter().any(|t| t.width != width) {
        return Err("its trees do not give one value per class".into());
    }
    let leaves: Vec<_> = trees.iter().map(|t| t.leaf_tree(&value)).collect();
    let sum = inputs.tree_sum(&leaves, width, None)?;
    if inputs.n_classes == 0 {
        return Ok(ModelOnnx::Value(inputs.flatten(&sum)));
    }
    let probabilities = if clamp {
        let (zero, one) = (inputs.graph.doubles("zero", &[], vec![0.0]), inputs.graph.doubles("one", &[], vec![1.0]));
        inputs.graph.node("Clip", &[&sum, &zero, &one], Vec::new())
    } else {
        sum
    };
    Ok(inputs.classes(probabilities))
}

impl SingleTree {
    /// The leaf's class shares (`n_classes` > 0) or mean.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        predict(inputs, std::slice::from_ref(&self.tree), |v| v, false)
    }
}

impl Forest {
    /// The mean over the trees of class shares (clamped to [0, 1]) or means.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let share = 1.0 / self.trees.len().max(1) as f64;
        predict(inputs, &self.trees, |v| v * share, true)
    }
}
