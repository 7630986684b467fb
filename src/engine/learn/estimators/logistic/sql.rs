//! Logistic regression as SQL: each class's score is its intercept plus the dot product
//! (added as `base::vector::dot` adds), turned into probabilities as Sift turns them — the
//! stable sigmoid for two classes, `exp(z − log-sum-exp)` for more.

use super::Logistic;
use crate::engine::base::sql::ModelSql;
use crate::engine::learn::sql::{sum, SqlInputs};

impl Logistic {
    /// The probability of each class the model saw, spread over the model's classes.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let p = inputs.features.len();
        let w = self.weights(p).map_err(|e| e.to_string())?;
        let z: Vec<String> = w
            .chunks_exact(p + 1)
            .map(|wc| format!("{}\n + {}", inputs.number(wc[p]), inputs.lanes_dot(&wc[..p])))
            .collect();
        let seen = match z.as_slice() {
            [z] => {
                let p1 = format!(
                    "CASE WHEN ({z}) >= 0e0\n THEN 1e0 / (1e0 + exp(-({z})))\n ELSE exp({z}) / (1e0 + exp({z})) END"
                );
                vec![format!("1e0 - ({p1})"), p1]
            }
            _ => {
                let max = format!("greatest({})", z.join(",\n "));
                let lse = format!("({max}\n + ln({}))", sum(z.iter().map(|z| format!("exp({z}\n - {max})"))));
                z.iter().map(|z| format!("exp({z}\n - {lse})")).collect()
            }
        };
        Ok(inputs.classes(inputs.spread(&self.classes, seen)?))
    }
}
