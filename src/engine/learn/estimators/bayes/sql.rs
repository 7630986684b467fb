//! Naive Bayes as SQL: each class's joint log likelihood is its log prior plus one term per
//! input, added in input order as Sift adds them; the probabilities are
//! `exp(l − max) / Σ exp(l − max)` over the classes, as `NaiveBayes::scores` computes them.
//! Every constant a term needs (a log normaliser, twice a variance, log(1 − p)) is computed
//! in Rust exactly as Sift computes it and written as a literal.

use super::{Distribution, NaiveBayes};
use crate::engine::base::sql::ModelSql;
use crate::engine::learn::sql::{sum, SqlInputs};

impl NaiveBayes {
    /// The class probabilities, spread over the model's classes.
    pub fn sql(&self, inputs: &SqlInputs) -> Result<ModelSql, String> {
        let jll: Vec<String> = (0..self.classes.len())
            .map(|c| Ok(format!("{}\n + {}", inputs.number(self.log_priors[c]), sum(self.terms(c, inputs)?))))
            .collect::<Result<_, String>>()?;
        let max = format!("greatest({})", jll.join(",\n "));
        let shifted: Vec<String> = jll.iter().map(|l| format!("exp({l}\n - {max})")).collect();
        let total = sum(shifted.iter().cloned());
        let seen = shifted.iter().map(|e| format!("{e}\n / {total}")).collect();
        Ok(inputs.classes(inputs.spread(&self.classes, seen)?))
    }

    /// The log likelihood of each input under the class at position `c`.
    fn terms(&self, c: usize, inputs: &SqlInputs) -> Result<Vec<String>, String> {
        let n = |x: f64| inputs.number(x);
        let features = inputs.features.iter().enumerate();
        Ok(match &self.distribution {
            Distribution::Gaussian { means, variances } => features
                .map(|(j, x)| {
                    let (m, v) = (means[c][j], variances[c][j]);
                    let norm = -0.5 * (2.0 * std::f64::consts::PI * v).ln();
                    format!("({} - ({x} - {}) * ({x} - {}) / {})", n(norm), n(m), n(m), n(2.0 * v))
                })
                .collect(),
            Distribution::Multinomial { log_probs } => {
                features.map(|(j, x)| format!("greatest({x}, 0e0) * {}", n(log_probs[c][j]))).collect()
            }
            Distribution::Bernoulli { log_probs, threshold } => features
                .map(|(j, x)| {
                    let lp = log_probs[c][j];
                    format!("CASE WHEN {x} > {} THEN {} ELSE {} END", n(*threshold), n(lp), n((-lp.exp()).ln_1p()))
                })
                .collect(),
            // A code the class never saw (or a value that is no code) adds nothing: `ELSE 0`.
            Distribution::Categorical { log_probs } => features
                .map(|(j, x)| {
                    let codes = log_probs[j].get(c).ok_or("its tables do not list every class")?;
                    let whens: String = codes
                        .iter()
                        .enumerate()
                        .map(|(code, lp)| format!(" WHEN {} THEN {}", n(code as f64), n(*lp)))
                        .collect();
                    Ok(format!("CASE {x}{whens} ELSE 0e0 END"))
                })
                .collect::<Result<_, String>>()?,
        })
    }
}
