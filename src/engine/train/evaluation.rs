//! How good a model is on held-out rows: computes the document's [`Evaluation`] (its types live
//! with the model document, in `artifact::evaluation`).

use crate::engine::base::error::Result;

use crate::engine::learn::metrics::{
    average_precision, classification_metrics, log_loss, precision_recall_curve, regression_metrics, roc_auc_ovr,
    roc_curve,
};
use crate::engine::learn::{Features, LearnError, Model, Prediction, Scores, SplitMix64, Target};

pub use crate::engine::artifact::evaluation::{ClassCurve, ClassScore, ClusterSize, Evaluation, MAX_PLOT_POINTS};

/// Scores `model` on `x` against `y`; `classes` names the labels; `seed` picks plot points.
pub fn evaluate(model: &Model, x: &Features, y: &Target, classes: &[String], seed: u64) -> Result<Evaluation> {
    let predicted = model.predict_with_scores(x)?;
    match (y, predicted.prediction, predicted.scores) {
        (Target::Classes { labels, n_classes }, Prediction::Classes(p), Some(scores)) => {
            classification(labels, &p, *n_classes, &scores, classes)
        }
        (Target::Values(actual), Prediction::Values(p), _) => {
            let m = regression_metrics(actual, &p)?;
            let rows = sample_rows(actual.len(), seed);
            let points = rows.iter().map(|&i| [actual[i], p[i]]).collect();
            Ok(Evaluation::Regression { r2: m.r2, mae: m.mae, rmse: m.rmse, mape: m.mape, points })
        }
        _ => Err("the model predicted the wrong kind of values for this task".into()),
    }
}

fn classification(
    actual: &[u32],
    predicted: &[u32],
    n_classes: usize,
    scores: &Scores,
    classes: &[String],
) -> Result<Evaluation, LearnError> {
    let m = classification_metrics(actual, predicted, n_classes)?;
    let name = |c: usize| classes.get(c).cloned().unwrap_or_else(|| c.to_string());
    // Two classes: class 1 against 0; more: each class against the rest.
    let curve_classes: Vec<usize> = if n_classes == 2 { vec![1] } else { (0..n_classes).collect() };
    let mut roc_curves = Vec::new();
    let mut pr_curves = Vec::new();
    let mut precisions = Vec::new();
    for c in curve_classes {
        let positive: Vec<bool> = actual.iter().map(|&a| a as usize == c).collect();
        let column = scores.column(c);
        if let Ok(curve) = roc_curve(&positive, &column) {
            roc_curves.push(ClassCurve {
                class: name(c),
                area: Some(curve.area()),
                curve: curve.thinned(MAX_PLOT_POINTS),
            });
        }
        if let Some(ap) = average_precision(&positive, &column)? {
            precisions.push(ap);
            pr_curves.push(ClassCurve {
                class: name(c),
                area: Some(ap),
                curve: precision_recall_curve(&positive, &column)?.thinned(MAX_PLOT_POINTS),
            });
        }
    }
    let per_class = m
        .per_class
        .iter()
        .enumerate()
        .map(|(c, s)| ClassScore {
            class: name(c),
            precision: s.precision,
            recall: s.recall,
            f1: s.f1,
            support: s.support,
        })
        .collect();
    Ok(Evaluation::Classification {
        classes: classes.to_vec(),
        accuracy: m.accuracy,
        balanced_accuracy: m.balanced_accuracy,
        precision_macro: m.precision_macro,
        recall_macro: m.recall_macro,
        f1_macro: m.f1_macro,
        precision_weighted: m.precision_weighted,
        recall_weighted: m.recall_weighted,
        f1_weighted: m.f1_weighted,
        per_class,
        confusion: m.confusion,
        confusion_normalized: m.confusion_normalized,
        score_kind: scores.kind,
        roc_auc: roc_auc_ovr(actual, scores)?,
        average_precision: (!precisions.is_empty()).then(|| precisions.iter().sum::<f64>() / precisions.len() as f64),
        log_loss: log_loss(actual, scores)?,
        roc_curves,
        pr_curves,
    })
}

/// Up to [`MAX_PLOT_POINTS`] of the rows `0..n`, seeded, in order.
pub fn sample_rows(n: usize, seed: u64) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..n).collect();
    if n > MAX_PLOT_POINTS {
        SplitMix64::new(seed).shuffle(&mut rows);
        rows.truncate(MAX_PLOT_POINTS);
        rows.sort_unstable();
    }
    rows
}
