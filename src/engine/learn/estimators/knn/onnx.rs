//! k-nearest neighbours as ONNX: the distance from each row to every training row (squares
//! added input after input, then the square root, as Sift computes it), `TopK` for the k
//! nearest (sorted, the earlier training row first on equal distances — Sift's order), their
//! weights, and the votes or the weighted mean added neighbour after neighbour as Sift adds
//! them. The file carries every training row.

use super::Neighbours;
use crate::engine::base::onnx::proto::data_type;
use crate::engine::base::onnx::{double_tensor, int, tensor, ModelOnnx};
use crate::engine::learn::onnx::OnnxInputs;

/// The k nearest training rows' numbers (`int64 [N, k]`), each neighbour's weight (`[N, k]`)
/// and the weights' sum (`[N, 1]`).
struct Nearest {
    rows: String,
    weights: String,
    total: String,
}

impl<T> Neighbours<T> {
    fn nearest(&self, inputs: &mut OnnxInputs) -> Result<Nearest, String> {
        if self.k == 0 || self.k > self.points.len() {
            return Err("its k does not fit its rows".into());
        }
        let squares = inputs.squared_distances(&self.points)?;
        let g = &mut *inputs.graph;
        let distances = g.node("Sqrt", &[&squares], Vec::new());
        let k = g.int64s("k", &[1], vec![self.k as i64]);
        let attributes = vec![int("axis", 1), int("largest", 0), int("sorted", 1)];
        let mut found = g.node_in("", "TopK", &[&distances, &k], attributes, 2);
        let (rows, nearest) = (found.remove(1), found.remove(0));
        if self.weights != "distance" {
            let shape = g.node("Shape", &[&nearest], Vec::new());
            let ones = g.node("ConstantOfShape", &[&shape], vec![tensor("value", double_tensor(&[1], vec![1.0]))]);
            let total = g.doubles("k", &[], vec![self.k as f64]);
            return Ok(Nearest { rows, weights: ones, total });
        }
        // 1 / distance; where a neighbour is at distance 0, 1 for those and 0 for the others.
        let (zero, one) = (g.doubles("zero", &[], vec![0.0]), g.doubles("one", &[], vec![1.0]));
        let at_zero = g.node("Equal", &[&nearest, &zero], Vec::new());
        let zero_weights = g.node("Cast", &[&at_zero], vec![int("to", data_type::DOUBLE as i64)]);
        let axes = g.int64s("axis_1", &[1], vec![1]);
        let any = g.node("ReduceMax", &[&zero_weights, &axes], vec![int("keepdims", 1)]);
        let any = g.node("Cast", &[&any], vec![int("to", data_type::BOOL as i64)]);
        let inverse = g.node("Div", &[&one, &nearest], Vec::new());
        let weights = g.node("Where", &[&any, &zero_weights, &inverse], Vec::new());
        let total = inputs.sum_in_order(&weights, 1, self.k, None, true);
        Ok(Nearest { rows, weights, total })
    }
}

impl Neighbours<u32> {
    /// Each class's summed weight times 1 / the weights' sum.
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let c = inputs.n_classes;
        let mut one_hot = vec![0.0; self.targets.len() * c];
        for (i, &t) in self.targets.iter().enumerate() {
            if t as usize >= c {
                return Err("it names a class the model does not list".into());
            }
            one_hot[i * c + t as usize] = 1.0;
        }
        let n = self.nearest(inputs)?;
        let g = &mut *inputs.graph;
        let table = g.doubles("classes", &[self.targets.len() as i64, c as i64], one_hot);
        let classes = g.node("Gather", &[&table, &n.rows], vec![int("axis", 0)]);
        let axes = g.int64s("axis_2", &[1], vec![2]);
        let weights = g.node("Unsqueeze", &[&n.weights, &axes], Vec::new());
        let votes = g.node("Mul", &[&classes, &weights], Vec::new());
        let summed = inputs.sum_in_order(&votes, 1, self.k, None, false);
        let g = &mut *inputs.graph;
        let one = g.doubles("one", &[], vec![1.0]);
        let inverse = g.node("Div", &[&one, &n.total], Vec::new());
        let probabilities = g.node("Mul", &[&summed, &inverse], Vec::new());
        Ok(inputs.classes(probabilities))
    }
}

impl Neighbours<f64> {
    /// Σ target × (weight / the weights' sum).
    pub fn onnx(&self, inputs: &mut OnnxInputs) -> Result<ModelOnnx, String> {
        let n = self.nearest(inputs)?;
        let g = &mut *inputs.graph;
        let table = g.doubles("targets", &[self.targets.len() as i64], self.targets.clone());
        let targets = g.node("Gather", &[&table, &n.rows], vec![int("axis", 0)]);
        let shares = g.node("Div", &[&n.weights, &n.total], Vec::new());
        let terms = g.node("Mul", &[&targets, &shares], Vec::new());
        let zero = g.doubles("zero", &[], vec![0.0]);
        let sum = inputs.sum_in_order(&terms, 1, self.k, Some(&zero), false);
        Ok(ModelOnnx::Value(sum))
    }
}
