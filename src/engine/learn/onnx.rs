//! What the models' ONNX translations share (each algorithm's stored form writes its own in an
//! `onnx.rs` beside it): the graph they add their nodes to, the input matrix they read, and
//! the pieces several models use — linear scores, softmax, squared distances, the spread of
//! a model's classes over the file's, and trees ([`tree`]).
//!
//! Graphs compute in double precision wherever an operator allows it, so that the file
//! predicts what Sift predicts: constants are stored as doubles in tensors (never as the
//! single-precision float attributes), and tree thresholds go in `ai.onnx.ml` opset 5's
//! `TreeEnsemble`, whose splits are double tensors. Constants that Sift derives from stored
//! numbers (a product, a logarithm) are computed here in Rust, exactly as Sift computes them.

mod tree;

pub use tree::LeafTree;

use crate::engine::base::onnx::{int, GraphBuilder, ModelOnnx};

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

    /// `intercepts[c] + features · rows[c]` for each of the `k` rows of `n_features` weights
    /// in `rows` (one row per score): `double [N, k]`.
    pub fn linear_scores(&mut self, rows: &[f64], intercepts: &[f64]) -> String {
        let (p, k) = (self.n_features, intercepts.len());
        let by_column: Vec<f64> = (0..p).flat_map(|j| (0..k).map(move |c| rows[c * p + j])).collect();
        let product = self.matmul(&by_column, k);
        let b = self.graph.doubles("intercepts", &[k as i64], intercepts.to_vec());
        self.graph.node("Add", &[&b, &product], Vec::new())
    }

    /// The row-wise maximum of `values` (`[N, K]`) as `[N, 1]`.
    pub fn row_max(&mut self, values: &str) -> String {
        let axes = self.graph.int64s("axis_1", &[1], vec![1]);
        self.graph.node("ReduceMax", &[values, &axes], vec![int("keepdims", 1)])
    }

    /// The row-wise sum of `values` (`[N, K]`) as `[N, 1]`.
    pub fn row_sum(&mut self, values: &str) -> String {
        let axes = self.graph.int64s("axis_1", &[1], vec![1]);
        self.graph.node("ReduceSum", &[values, &axes], vec![int("keepdims", 1)])
    }

    /// `exp(z − (max + ln Σ exp(z − max)))` row by row (`[N, K]`): the softmax as logistic
    /// regression takes it, through the log-sum-exp.
    pub fn softmax_by_log_sum_exp(&mut self, z: &str) -> String {
        let max = self.row_max(z);
        let shifted = self.graph.node("Sub", &[z, &max], Vec::new());
        let exp = self.graph.node("Exp", &[&shifted], Vec::new());
        let total = self.row_sum(&exp);
        let log = self.graph.node("Log", &[&total], Vec::new());
        let lse = self.graph.node("Add", &[&max, &log], Vec::new());
        let centred = self.graph.node("Sub", &[z, &lse], Vec::new());
        self.graph.node("Exp", &[&centred], Vec::new())
    }

    /// `exp(l − max) / Σ exp(l − max)` row by row (`[N, K]`): the softmax as naive Bayes
    /// takes it.
    pub fn softmax_by_division(&mut self, l: &str) -> String {
        let max = self.row_max(l);
        let shifted = self.graph.node("Sub", &[l, &max], Vec::new());
        let exp = self.graph.node("Exp", &[&shifted], Vec::new());
        let total = self.row_sum(&exp);
        self.graph.node("Div", &[&exp, &total], Vec::new())
    }

    /// `values` (`[N, seen]`, one column per class the model saw, labelled `seen`) spread into
    /// `[N, n_classes]` by label; a class it never saw scores 0 (as `estimators::spread`). A
    /// product with a 0/1 matrix: each sum adds one value to zeros, so it is exact.
    pub fn spread(&mut self, seen: &[u32], values: &str) -> Result<String, String> {
        let k = self.n_classes;
        let mut select = vec![0.0; seen.len() * k];
        for (row, &label) in seen.iter().enumerate() {
            if label as usize >= k {
                return Err("it names a class the model does not list".into());
            }
            select[row * k + label as usize] = 1.0;
        }
        if seen.len() == k && seen.iter().enumerate().all(|(i, &l)| i == l as usize) {
            return Ok(values.to_string());
        }
        let select = self.graph.doubles("spread", &[seen.len() as i64, k as i64], select);
        Ok(self.graph.node("MatMul", &[values, &select], Vec::new()))
    }

    /// A classifier from its class probabilities (`[N, n_classes]`, in class order): the class
    /// is the first most probable.
    pub fn classes(&mut self, probabilities: String) -> ModelOnnx {
        ModelOnnx::Classes { class_index: self.first_largest(&probabilities), probabilities: Some(probabilities) }
    }

    /// `features` as `[N, 1, F]` minus each of `points` (`[1, M, F]`): `double [N, M, F]`.
    pub fn differences(&mut self, points: &[Vec<f64>]) -> String {
        let (m, f) = (points.len() as i64, self.n_features as i64);
        let table = self.graph.doubles("points", &[1, m, f], points.concat());
        let axes = self.graph.int64s("axis_1", &[1], vec![1]);
        let features = self.features.clone();
        let rows = self.graph.node("Unsqueeze", &[&features, &axes], Vec::new());
        self.graph.node("Sub", &[&rows, &table], Vec::new())
    }

    /// Σ_j (x_j − p_j)² from each row to each of `points`, added input after input as Sift
    /// adds it: `double [N, M]`. One input at a time, so that the graph never holds more than
    /// rows × points numbers (not rows × points × inputs).
    pub fn squared_distances(&mut self, points: &[Vec<f64>]) -> Result<String, String> {
        if points.is_empty() || points.iter().any(|p| p.len() != self.n_features) {
            return Err("its points do not match its inputs".into());
        }
        let mut total: Option<String> = None;
        for j in 0..self.n_features {
            let column = self.graph.int64s("column", &[1], vec![j as i64]);
            let features = self.features.clone();
            let x = self.graph.node("Gather", &[&features, &column], vec![int("axis", 1)]);
            let p = self.graph.doubles("points", &[1, points.len() as i64], points.iter().map(|p| p[j]).collect());
            let d = self.graph.node("Sub", &[&x, &p], Vec::new());
            let square = self.graph.node("Mul", &[&d, &d], Vec::new());
            total = Some(match total {
                Some(total) => self.graph.node("Add", &[&total, &square], Vec::new()),
                None => square,
            });
        }
        total.ok_or_else(|| "it has no inputs".into())
    }

    /// The sum over the last axis of a `[N, M, F]` tensor (`F` the inputs), added input after
    /// input: `[N, M]`.
    pub fn sum_last_axis(&mut self, values: &str) -> String {
        self.sum_in_order(values, 2, self.n_features, None, false)
    }

    /// `start` (if any) plus the sum of `values` over `axis` (of size `count`), added one after
    /// the other from the first as Rust adds, one `Add` each (a `ReduceSum` adds in an order of
    /// its own). The axis is kept (size 1) when `keepdims`.
    pub fn sum_in_order(
        &mut self,
        values: &str,
        axis: i64,
        count: usize,
        start: Option<&str>,
        keepdims: bool,
    ) -> String {
        let parts = if count <= 1 {
            vec![values.to_string()]
        } else {
            let split = vec![int("axis", axis), int("num_outputs", count as i64)];
            self.graph.node_in("", "Split", &[values], split, count)
        };
        let mut total = match start {
            Some(start) => self.graph.node("Add", &[start, &parts[0]], Vec::new()),
            None => parts[0].clone(),
        };
        for part in &parts[1..] {
            total = self.graph.node("Add", &[&total, part], Vec::new());
        }
        if keepdims {
            return total;
        }
        let axes = self.graph.int64s("axis", &[1], vec![axis]);
        self.graph.node("Squeeze", &[&total, &axes], Vec::new())
    }
}
