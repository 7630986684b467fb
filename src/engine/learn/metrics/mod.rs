//! Scores of predictions against the truth, defined exactly as scikit-learn defines them
//! (tests/learn_metrics.rs compares with numbers scikit-learn computed).

mod classification;
mod clustering;
mod curves;
mod regression;

pub use classification::{classification_metrics, log_loss, ClassMetrics, ClassificationMetrics};
pub use clustering::silhouette;
pub use curves::{average_precision, precision_recall_curve, roc_auc, roc_auc_ovr, roc_curve, Curve};
pub use regression::{regression_metrics, RegressionMetrics};

use super::error::LearnError;

/// An error unless there are as many predictions as true values, and at least one.
fn check_lengths(actual: usize, predicted: usize) -> Result<(), LearnError> {
    if actual != predicted {
        return Err(LearnError::new(format!("there are {actual} true values but {predicted} predictions")));
    }
    if actual == 0 {
        return Err(LearnError::new("there are no rows to score; the test set is empty"));
    }
    Ok(())
}

/// `num / den`, or 0 when `den` is 0 (scikit-learn's `zero_division=0`).
fn ratio(num: f64, den: f64) -> f64 {
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}
