//! Classification scores: accuracy, balanced accuracy, per-class and averaged precision,
//! recall and F1, the confusion matrix, and the log loss of probabilities.

use serde::{Deserialize, Serialize};

use super::{check_lengths, ratio};
use crate::engine::learn::error::LearnError;
use crate::engine::learn::scores::{ScoreKind, Scores};

/// Scores of one class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassMetrics {
    /// Of the rows predicted as this class, the share that are (0 when none are predicted).
    pub precision: f64,
    /// Of the rows of this class, the share predicted as it (0 when there are none).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
    /// How many rows truly are of this class.
    pub support: usize,
}

/// Scores of a classifier over classes `0..n_classes`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassificationMetrics {
    /// Share of rows predicted right.
    pub accuracy: f64,
    /// Mean recall over the classes that occur in the truth.
    pub balanced_accuracy: f64,
    /// Unweighted means over all classes, present or not.
    pub precision_macro: f64,
    pub recall_macro: f64,
    pub f1_macro: f64,
    /// Means weighted by each class's support.
    pub precision_weighted: f64,
    pub recall_weighted: f64,
    pub f1_weighted: f64,
    /// Scores per class; the index is the class label.
    pub per_class: Vec<ClassMetrics>,
    /// `confusion[actual][predicted]`: row counts.
    pub confusion: Vec<Vec<usize>>,
    /// The confusion matrix with each actual class's row divided by its count (all 0 for an
    /// absent class), as scikit-learn's `normalize="true"`.
    pub confusion_normalized: Vec<Vec<f64>>,
}

/// Scores class predictions with labels `0..n_classes`. Like scikit-learn with
/// `labels=range(n_classes)` and `zero_division=0`.
pub fn classification_metrics(
    actual: &[u32],
    predicted: &[u32],
    n_classes: usize,
) -> Result<ClassificationMetrics, LearnError> {
    check_lengths(actual.len(), predicted.len())?;
    check_labels(actual.iter().chain(predicted), n_classes)?;
    let mut confusion = vec![vec![0usize; n_classes]; n_classes];
    for (&a, &p) in actual.iter().zip(predicted) {
        confusion[a as usize][p as usize] += 1;
    }
    let per_class: Vec<ClassMetrics> = (0..n_classes)
        .map(|c| {
            let tp = confusion[c][c] as f64;
            let support: usize = confusion[c].iter().sum();
            let predicted_as: usize = confusion.iter().map(|row| row[c]).sum();
            ClassMetrics {
                precision: ratio(tp, predicted_as as f64),
                recall: ratio(tp, support as f64),
                // scikit-learn ≥ 1.3 computes F1 as 2·TP / (support + predicted).
                f1: ratio(2.0 * tp, (support + predicted_as) as f64),
                support,
            }
        })
        .collect();
    let n = actual.len() as f64;
    let macro_mean = |f: fn(&ClassMetrics) -> f64| ratio(per_class.iter().map(f).sum(), n_classes as f64);
    let weighted = |f: fn(&ClassMetrics) -> f64| per_class.iter().map(|c| f(c) * c.support as f64).sum::<f64>() / n;
    let present: Vec<&ClassMetrics> = per_class.iter().filter(|c| c.support > 0).collect();
    let correct: usize = (0..n_classes).map(|c| confusion[c][c]).sum();
    let confusion_normalized = confusion
        .iter()
        .map(|row| {
            let total: usize = row.iter().sum();
            row.iter().map(|&v| ratio(v as f64, total as f64)).collect()
        })
        .collect();
    Ok(ClassificationMetrics {
        accuracy: correct as f64 / n,
        balanced_accuracy: present.iter().map(|c| c.recall).sum::<f64>() / present.len() as f64,
        precision_macro: macro_mean(|c| c.precision),
        recall_macro: macro_mean(|c| c.recall),
        f1_macro: macro_mean(|c| c.f1),
        precision_weighted: weighted(|c| c.precision),
        recall_weighted: weighted(|c| c.recall),
        f1_weighted: weighted(|c| c.f1),
        per_class,
        confusion,
        confusion_normalized,
    })
}

/// Mean negative log probability of the true class, probabilities clipped to
/// [ε, 1 − ε] with ε the machine epsilon (scikit-learn's `log_loss`). `None` for decision
/// scores, which are not probabilities.
pub fn log_loss(actual: &[u32], scores: &Scores) -> Result<Option<f64>, LearnError> {
    check_lengths(actual.len(), scores.rows())?;
    check_labels(actual.iter(), scores.n_classes)?;
    if scores.kind != ScoreKind::Probability {
        return Ok(None);
    }
    let eps = f64::EPSILON;
    let total: f64 =
        actual.iter().enumerate().map(|(i, &a)| -scores.row(i)[a as usize].clamp(eps, 1.0 - eps).ln()).sum();
    Ok(Some(total / actual.len() as f64))
}

fn check_labels<'a>(mut labels: impl Iterator<Item = &'a u32>, n_classes: usize) -> Result<(), LearnError> {
    match labels.find(|&&l| l as usize >= n_classes) {
        Some(bad) => {
            Err(LearnError::new(format!("class label {bad} is out of range: there are only {n_classes} classes")))
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_inputs_are_errors() {
        assert!(classification_metrics(&[], &[], 2).is_err());
        assert!(classification_metrics(&[0, 1], &[0], 2).is_err());
        assert!(classification_metrics(&[0, 2], &[0, 1], 2).is_err());
        assert!(classification_metrics(&[0, 1], &[0, 2], 2).is_err());
        let s = Scores::new(ScoreKind::Probability, 2, vec![0.5, 0.5]);
        assert!(log_loss(&[0, 1], &s).is_err());
        assert!(log_loss(&[2], &s).is_err());
        let d = Scores::new(ScoreKind::Decision, 2, vec![-1.0, 1.0]);
        assert_eq!(log_loss(&[1], &d), Ok(None));
    }
}
