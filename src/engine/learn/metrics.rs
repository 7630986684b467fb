//! Scores of predictions against the truth, defined exactly as scikit-learn defines them.

use serde::{Deserialize, Serialize};

use super::error::LearnError;

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

/// Scores of a classifier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassificationMetrics {
    /// Share of rows predicted right.
    pub accuracy: f64,
    /// Unweighted mean of the per-class F1 over all classes, present or not.
    pub f1_macro: f64,
    /// Scores per class; the index is the class label.
    pub per_class: Vec<ClassMetrics>,
    /// `confusion[actual][predicted]`: row counts.
    pub confusion: Vec<Vec<usize>>,
}

/// Scores of a regressor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegressionMetrics {
    /// Coefficient of determination, 1 - SS_res / SS_tot (1 for a perfect fit).
    pub r2: f64,
    /// Mean absolute error.
    pub mae: f64,
    /// Root mean squared error.
    pub rmse: f64,
}

/// Scores class predictions with labels `0..n_classes`. Like scikit-learn with
/// `labels=range(n_classes)` and `zero_division=0`.
pub fn classification_metrics(
    actual: &[u32],
    predicted: &[u32],
    n_classes: usize,
) -> Result<ClassificationMetrics, LearnError> {
    check_lengths(actual.len(), predicted.len())?;
    if let Some(bad) = actual
        .iter()
        .chain(predicted)
        .find(|&&l| l as usize >= n_classes)
    {
        return Err(LearnError::new(format!(
            "class label {bad} is out of range: there are only {n_classes} classes"
        )));
    }
    let mut confusion = vec![vec![0usize; n_classes]; n_classes];
    for (&a, &p) in actual.iter().zip(predicted) {
        confusion[a as usize][p as usize] += 1;
    }
    let per_class: Vec<ClassMetrics> = (0..n_classes)
        .map(|c| {
            let tp = confusion[c][c];
            let support: usize = confusion[c].iter().sum();
            let predicted_as: usize = confusion.iter().map(|row| row[c]).sum();
            ClassMetrics {
                precision: ratio(tp, predicted_as),
                recall: ratio(tp, support),
                // scikit-learn ≥ 1.3 computes F1 as 2·TP / (support + predicted).
                f1: ratio(2 * tp, support + predicted_as),
                support,
            }
        })
        .collect();
    let correct: usize = (0..n_classes).map(|c| confusion[c][c]).sum();
    let f1_macro = if n_classes == 0 {
        0.0
    } else {
        per_class.iter().map(|c| c.f1).sum::<f64>() / n_classes as f64
    };
    Ok(ClassificationMetrics {
        accuracy: ratio(correct, actual.len()),
        f1_macro,
        per_class,
        confusion,
    })
}

/// Scores numeric predictions. R² of a constant truth is 1 for a perfect fit, else 0
/// (scikit-learn's `force_finite=True`).
pub fn regression_metrics(
    actual: &[f64],
    predicted: &[f64],
) -> Result<RegressionMetrics, LearnError> {
    check_lengths(actual.len(), predicted.len())?;
    if actual.iter().chain(predicted).any(|v| !v.is_finite()) {
        return Err(LearnError::new(
            "the values to score must all be finite numbers",
        ));
    }
    let n = actual.len() as f64;
    let mean = actual.iter().sum::<f64>() / n;
    let ss_tot: f64 = actual.iter().map(|a| (a - mean).powi(2)).sum();
    let ss_res: f64 = actual
        .iter()
        .zip(predicted)
        .map(|(a, p)| (a - p).powi(2))
        .sum();
    let mae = actual
        .iter()
        .zip(predicted)
        .map(|(a, p)| (a - p).abs())
        .sum::<f64>()
        / n;
    let r2 = if ss_tot != 0.0 {
        1.0 - ss_res / ss_tot
    } else if ss_res == 0.0 {
        1.0
    } else {
        0.0
    };
    Ok(RegressionMetrics {
        r2,
        mae,
        rmse: (ss_res / n).sqrt(),
    })
}

fn check_lengths(actual: usize, predicted: usize) -> Result<(), LearnError> {
    if actual != predicted {
        return Err(LearnError::new(format!(
            "there are {actual} true values but {predicted} predictions"
        )));
    }
    if actual == 0 {
        return Err(LearnError::new(
            "there are no rows to score; the test set is empty",
        ));
    }
    Ok(())
}

/// `num / den`, or 0 when `den` is 0.
fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOL: f64 = 1e-9;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= TOL
    }

    /// Expected values from scikit-learn 1.9.1:
    /// ```python
    /// from sklearn.metrics import accuracy_score, precision_recall_fscore_support, f1_score, confusion_matrix
    /// actual    = [0, 1, 2, 2, 0, 1, 1, 2, 0, 0, 2, 1, 3]
    /// predicted = [0, 2, 2, 2, 0, 0, 1, 2, 1, 0, 3, 1, 0]
    /// labels = list(range(5))
    /// p, r, f, s = precision_recall_fscore_support(actual, predicted, labels=labels, zero_division=0)
    /// accuracy_score(actual, predicted)
    /// f1_score(actual, predicted, labels=labels, average="macro", zero_division=0)
    /// confusion_matrix(actual, predicted, labels=labels)
    /// ```
    #[test]
    fn classification_matches_scikit_learn() {
        let actual = [0, 1, 2, 2, 0, 1, 1, 2, 0, 0, 2, 1, 3];
        let predicted = [0, 2, 2, 2, 0, 0, 1, 2, 1, 0, 3, 1, 0];
        let m = classification_metrics(&actual, &predicted, 5).unwrap();
        assert!(close(m.accuracy, 0.6153846153846154));
        assert!(close(m.f1_macro, 0.39761904761904765));
        let precision = [0.6, 0.6666666666666666, 0.75, 0.0, 0.0];
        let recall = [0.75, 0.5, 0.75, 0.0, 0.0];
        let f1 = [0.6666666666666666, 0.5714285714285714, 0.75, 0.0, 0.0];
        let support = [4, 4, 4, 1, 0];
        for c in 0..5 {
            let got = &m.per_class[c];
            assert!(
                close(got.precision, precision[c]),
                "precision of {c}: {}",
                got.precision
            );
            assert!(
                close(got.recall, recall[c]),
                "recall of {c}: {}",
                got.recall
            );
            assert!(close(got.f1, f1[c]), "f1 of {c}: {}", got.f1);
            assert_eq!(got.support, support[c]);
        }
        let confusion = vec![
            vec![3, 1, 0, 0, 0],
            vec![1, 2, 1, 0, 0],
            vec![0, 0, 3, 1, 0],
            vec![1, 0, 0, 0, 0],
            vec![0, 0, 0, 0, 0],
        ];
        assert_eq!(m.confusion, confusion);
    }

    /// Expected values from scikit-learn 1.9.1:
    /// ```python
    /// from sklearn.metrics import r2_score, mean_absolute_error, mean_squared_error
    /// y = [3.0, -0.5, 2.0, 7.0, 4.25, 10.0]; yhat = [2.5, 0.0, 2.0, 8.0, 3.75, 12.5]
    /// r2_score(y, yhat), mean_absolute_error(y, yhat), numpy.sqrt(mean_squared_error(y, yhat))
    /// r2_score([2.0, 2.0, 2.0], [2.0, 2.0, 2.0]), r2_score([2.0, 2.0, 2.0], [2.0, 2.5, 2.0])  # 1.0, 0.0
    /// ```
    #[test]
    fn regression_matches_scikit_learn() {
        let y = [3.0, -0.5, 2.0, 7.0, 4.25, 10.0];
        let yhat = [2.5, 0.0, 2.0, 8.0, 3.75, 12.5];
        let m = regression_metrics(&y, &yhat).unwrap();
        assert!(close(m.r2, 0.8853902402626473), "{}", m.r2);
        assert!(close(m.mae, 0.8333333333333334), "{}", m.mae);
        assert!(close(m.rmse, 1.1547005383792515), "{}", m.rmse);
        assert_eq!(
            regression_metrics(&[2.0, 2.0, 2.0], &[2.0, 2.0, 2.0])
                .unwrap()
                .r2,
            1.0
        );
        assert_eq!(
            regression_metrics(&[2.0, 2.0, 2.0], &[2.0, 2.5, 2.0])
                .unwrap()
                .r2,
            0.0
        );
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert!(classification_metrics(&[], &[], 2).is_err());
        assert!(classification_metrics(&[0, 1], &[0], 2).is_err());
        assert!(classification_metrics(&[0, 2], &[0, 1], 2).is_err());
        assert!(classification_metrics(&[0, 1], &[0, 2], 2).is_err());
        assert!(regression_metrics(&[], &[]).is_err());
        assert!(regression_metrics(&[1.0], &[1.0, 2.0]).is_err());
        assert!(regression_metrics(&[1.0, f64::NAN], &[1.0, 2.0]).is_err());
        assert!(regression_metrics(&[1.0, 2.0], &[1.0, f64::INFINITY]).is_err());
    }
}
