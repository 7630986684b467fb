//! An SVM kernel K(row, v) as SQL over the row's inputs and a support vector's numbers,
//! adding as `Kernel::apply` adds (one term after the other, in input order).

use super::Kernel;
use crate::engine::learn::sql::{sum, SqlInputs};

impl Kernel {
    /// K(inputs, `vector`).
    pub fn sql(&self, inputs: &SqlInputs, vector: &[f64]) -> String {
        match *self {
            Kernel::Linear => inputs.sequential_dot(vector),
            Kernel::Rbf { gamma } => {
                let n = |x: f64| inputs.number(x);
                let squares =
                    inputs.features.iter().zip(vector).map(|(x, v)| format!("({x} - {}) * ({x} - {})", n(*v), n(*v)));
                format!("exp({} * {})", n(-gamma), sum(squares))
            }
            Kernel::Polynomial { gamma, degree, coef0 } => format!(
                "power({} * {} + {}, {})",
                inputs.number(gamma),
                inputs.sequential_dot(vector),
                inputs.number(coef0),
                inputs.number(degree)
            ),
        }
    }
}
