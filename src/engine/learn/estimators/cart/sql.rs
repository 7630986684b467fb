//! A tree grown by Sift as nested SQL `CASE`: each split compares `input <= threshold` as
//! [`Tree::leaf`] does, each leaf is written from its values by the caller (a class share,
//! a mean, or either already divided among a forest's trees).

use super::Tree;
use crate::engine::learn::sql::{Branch, SqlInputs};

impl Tree {
    /// The tree as nested `CASE`, each leaf the SQL `leaf` writes from its values.
    pub fn sql(&self, inputs: &SqlInputs, leaf: &dyn Fn(&[f64]) -> String) -> Result<String, String> {
        let branch = |n: usize| {
            (self.left[n] != 0).then(|| Branch {
                feature: self.feature[n] as usize,
                threshold: self.threshold[n],
                left: self.left[n] as usize,
                right: self.right[n] as usize,
            })
        };
        inputs.tree(&branch, &|n| leaf(&self.value[n * self.width..(n + 1) * self.width]))
    }
}
