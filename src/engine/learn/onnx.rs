//! What the models' ONNX translations share (each algorithm's stored form writes its own in an
//! `onnx.rs` beside it): the graph they add their nodes to and the input matrix they read.
//!
//! Graphs compute in double precision wherever an operator allows it, so that the file
//! predicts what Sift predicts: constants are stored as doubles in tensors (never as the
//! single-precision float attributes), and tree thresholds go in `ai.onnx.ml` opset 5's
//! `TreeEnsemble`, whose splits are double tensors.

use crate::engine::base::onnx::{int, GraphBuilder};

/// What a model's graph is built from.
pub struct OnnxInputs<'a> {
    /// The graph the model adds its nodes to.
    pub graph: &'a mut GraphBuilder,
    /// The model's inputs: a `double [N, n_features]` tensor with no NaN and no infinity (the
    /// assembler masks the rows `sift predict` would refuse).
    pub features: String,
    pub n_features: usize,
    /// The class count the labels index into (0 for regression and clustering).
    pub n_classes: usize,
}

impl OnnxInputs<'_> {
    /// The 0-based position (`int64 [N]`) of each row's largest score in `scores` (`[N, C]`),
    /// the first on ties: the class `Scores::best` picks.
    pub fn first_largest(&mut self, scores: &str) -> String {
        self.graph.node("ArgMax", &[scores], vec![int("axis", 1), int("keepdims", 0), int("select_last_index", 0)])
    }

    /// The 0-based position (`int64 [N]`) of each row's smallest value in `values` (`[N, K]`),
    /// the first on ties (as `Iterator::min_by` picks).
    pub fn first_smallest(&mut self, values: &str) -> String {
        self.graph.node("ArgMin", &[values], vec![int("axis", 1), int("keepdims", 0), int("select_last_index", 0)])
    }

    /// `value` (`[N, 1]`) as `[N]`.
    pub fn flatten(&mut self, value: &str) -> String {
        let shape = self.graph.int64s("shape_n", &[1], vec![-1]);
        self.graph.node("Reshape", &[value, &shape], Vec::new())
    }

    /// `features · weights` (`weights` given row by row, `n_features × k`): `double [N, k]`.
    pub fn matmul(&mut self, weights: &[f64], k: usize) -> String {
        let w = self.graph.doubles("weights", &[self.n_features as i64, k as i64], weights.to_vec());
        let features = self.features.clone();
        self.graph.node("MatMul", &[&features, &w], Vec::new())
    }
}
