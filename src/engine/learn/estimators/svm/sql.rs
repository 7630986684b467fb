//! Support vector machines as SQL: each machine's decision is its intercept plus the sum,
//! vector after vector, of coefficient × kernel. A regressor predicts the decision; a
//! classifier picks the first best of the scores `SvmClassifier::scores` gives (the margin
//! for two classes; votes plus scaled summed margins, scikit-learn's one-vs-one, for more).
//! The scores are decision values, not probabilities, so a classifier gives no
//! probabilities (as `sift predict` writes none). Each decision is repeated where a score
//! uses it: the SQL grows with classes × support vectors × inputs.

use super::{Machine, SvmClassifier, SvmRegressor};
use crate::engine::base::sql::ModelSql;
use crate::engine::learn::estimators::kernel::Kernel;
use crate::engine::learn::sql::{sum, SqlInputs};

impl Machine {
    /// intercept + Σ coefficient × K(inputs, vector).
    fn sql(&self, kernel: &Kernel, inputs: &SqlInputs) -> String {
        let terms = self
            .support_vectors
            .iter()
            .zip(&self.coefficients)
            .map(|(v, w)| format!("{} * {}", inputs.number(*w), kernel.sql(inputs, v)));
        format!("{}\n + {}", inputs.number(self.intercept), sum(terms))
    }
}

impl SvmRegressor {
    /// The decision.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        Ok(ModelSql::Value(self.machine.sql(&self.kernel, inputs)))
    }
}

impl SvmClassifier {
    /// The class with the first best score.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let k = inputs.n_classes;
        let decisions: Vec<String> =
            self.pairs.iter().map(|p| format!("({})", p.machine.sql(&self.kernel, inputs))).collect();
        let scores: Vec<String> = if let ([pair], 2) = (self.pairs.as_slice(), k) {
            let f = &decisions[0];
            let mut scores = vec![String::new(); 2];
            scores[pair.positive as usize] = f.clone();
            scores[pair.negative as usize] = format!("-{f}");
            scores
        } else {
            (0..k as u32)
                .map(|c| {
                    let mut votes = Vec::new();
                    let mut confidence = "0e0".to_string();
                    for (pair, f) in self.pairs.iter().zip(&decisions) {
                        if pair.positive == c {
                            votes.push(format!("CASE WHEN {f} > 0e0 THEN 1e0 ELSE 0e0 END"));
                            confidence += &format!("\n + {f}");
                        } else if pair.negative == c {
                            votes.push(format!("CASE WHEN {f} > 0e0 THEN 0e0 ELSE 1e0 END"));
                            confidence += &format!("\n - {f}");
                        }
                    }
                    format!("{}\n + ({confidence}) / (3e0 * (abs({confidence}) + 1e0))", sum(votes))
                })
                .collect()
        };
        if scores.iter().any(String::is_empty) {
            return Err("its machines do not match its classes".into());
        }
        Ok(ModelSql::Classes { class_index: inputs.first_largest(&scores), probabilities: None })
    }
}
