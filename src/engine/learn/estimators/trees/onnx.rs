//! smartcore's extra trees and gradient boosting as ONNX (their trees read in
//! [`super::read`]): extra trees add the trees' leaf values tree after tree and divide by
//! the number of trees; gradient boosting starts from the base score and adds each tree's
//! leaf value times the learning rate, tree after tree — smartcore's order.

use super::{Boosting, ExtraTrees};
use crate::engine::base::onnx::ModelOnnx;
use crate::engine::learn::onnx::OnnxInputs;

impl ExtraTrees {
    /// (Σ leaf values) / trees.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let trees = self.leaf_trees()?;
        let sum = inputs.tree_sum(&trees, 1, None)?;
        let count = inputs.graph.doubles("trees", &[], vec![trees.len() as f64]);
        let mean = inputs.graph.node("Div", &[&sum, &count], Vec::new());
        Ok(ModelOnnx::Value(inputs.flatten(&mean)))
    }
}

impl Boosting {
    /// base score + Σ learning rate × leaf value.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let (base_score, trees) = self.leaf_trees()?;
        let sum = inputs.tree_sum(&trees, 1, Some(base_score))?;
        Ok(ModelOnnx::Value(inputs.flatten(&sum)))
    }
}
