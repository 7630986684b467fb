//! The knobs of the algorithms, with defaults and checks.

use serde::{Deserialize, Serialize};

use super::error::LearnError;

/// Settings for the algorithms; each algorithm reads the ones it uses and ignores the rest.
/// Missing fields in JSON take their defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Hyperparameters {
    /// Trees: how many splits a path from the root may pass, counted as scikit-learn does
    /// (1 = a single split); `None` grows until the leaves are pure.
    pub max_depth: Option<u16>,
    /// Trees: the fewest training rows a leaf may hold (at least 1).
    pub min_samples_leaf: usize,
    /// Trees: the fewest training rows a node needs before it may split (at least 2).
    pub min_samples_split: usize,
    /// Random forest: how many trees to grow (at least 1).
    pub n_trees: u16,
    /// Random forest: how many features each split may choose from; `None` means the
    /// square root of the number of features (rounded down).
    pub max_features: Option<usize>,
    /// Logistic regression: strength of the L2 penalty on the weights (0 = none).
    pub alpha: f64,
}

impl Default for Hyperparameters {
    fn default() -> Self {
        Hyperparameters {
            max_depth: None,
            min_samples_leaf: 1,
            min_samples_split: 2,
            n_trees: 100,
            max_features: None,
            alpha: 0.0,
        }
    }
}

impl Hyperparameters {
    /// Checks the values against each other and against `n_features` input columns.
    pub fn validate(&self, n_features: usize) -> Result<(), LearnError> {
        let fail = |message: String| Err(LearnError::new(message));
        if self.max_depth == Some(0) {
            return fail(
                "the maximum tree depth must be at least 1 (or left empty for no limit)".into(),
            );
        }
        if self.min_samples_leaf == 0 {
            return fail("the minimum rows per leaf must be at least 1".into());
        }
        if self.min_samples_split < 2 {
            return fail(format!(
                "the minimum rows to split a node must be at least 2 (it is {})",
                self.min_samples_split
            ));
        }
        if self.n_trees == 0 {
            return fail("a random forest needs at least 1 tree".into());
        }
        if let Some(m) = self.max_features {
            if m == 0 || m > n_features {
                return fail(format!(
                    "the features tried per split must be between 1 and the number of features ({n_features}); it is {m}"
                ));
            }
        }
        if !(self.alpha.is_finite() && self.alpha >= 0.0) {
            return fail(format!(
                "the regularisation strength must be 0 or a positive number (it is {})",
                self.alpha
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_missing_json_fields() {
        let p: Hyperparameters = serde_json::from_str(r#"{"n_trees": 10}"#).unwrap();
        assert_eq!(
            p,
            Hyperparameters {
                n_trees: 10,
                ..Hyperparameters::default()
            }
        );
        let back: Hyperparameters =
            serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
        assert!(p.validate(3).is_ok());
    }

    #[test]
    fn bad_values_are_errors() {
        let d = Hyperparameters::default();
        let bad = [
            Hyperparameters {
                max_depth: Some(0),
                ..d.clone()
            },
            Hyperparameters {
                min_samples_leaf: 0,
                ..d.clone()
            },
            Hyperparameters {
                min_samples_split: 1,
                ..d.clone()
            },
            Hyperparameters {
                n_trees: 0,
                ..d.clone()
            },
            Hyperparameters {
                max_features: Some(0),
                ..d.clone()
            },
            Hyperparameters {
                max_features: Some(4),
                ..d.clone()
            },
            Hyperparameters {
                alpha: -1.0,
                ..d.clone()
            },
            Hyperparameters {
                alpha: f64::NAN,
                ..d.clone()
            },
        ];
        for p in bad {
            assert!(p.validate(3).is_err(), "{p:?}");
        }
    }
}
