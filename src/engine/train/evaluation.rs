//! How good a model is on held-out rows: every score, the curves and plot points, ready to
//! serialize for the page.

use crate::engine::error::Result;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::learn::metrics::{
    average_precision, classification_metrics, log_loss, precision_recall_curve, regression_metrics, roc_auc_ovr,
    roc_curve, Curve,
};
use crate::engine::learn::{Features, LearnError, Model, Prediction, ScoreKind, Scores, SplitMix64, Target};

/// The most points kept for a plot (rows are sampled, seeded, beyond it).
pub const MAX_PLOT_POINTS: usize = 2000;

/// Scores of one class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassScore {
    pub class: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// A ROC or precision-recall curve of one class against the rest, with its area (ROC AUC or
/// average precision).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassCurve {
    pub class: String,
    pub area: Option<f64>,
    pub curve: Curve,
}

/// Rows in one cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterSize {
    /// The cluster number; -1 for noise.
    pub cluster: i32,
    pub rows: usize,
}

/// How good the model is: on the test rows (classification, regression) or on all rows
/// (clustering). Scores added after model files of version 1 read as 0 or absent there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "snake_case")]
pub enum Evaluation {
    Classification {
        classes: Vec<String>,
        accuracy: f64,
        #[serde(default)]
        balanced_accuracy: f64,
        #[serde(default)]
        precision_macro: f64,
        #[serde(default)]
        recall_macro: f64,
        f1_macro: f64,
        #[serde(default)]
        precision_weighted: f64,
        #[serde(default)]
        recall_weighted: f64,
        #[serde(default)]
        f1_weighted: f64,
        per_class: Vec<ClassScore>,
        /// `confusion[actual][predicted]`.
        confusion: Vec<Vec<usize>>,
        /// Each actual class's row divided by its count.
        #[serde(default)]
        confusion_normalized: Vec<Vec<f64>>,
        /// What the curves rank by: probabilities, or decision values (SVM).
        #[serde(default)]
        score_kind: ScoreKind,
        /// Two classes: of class 1; more: the macro mean of one-vs-rest.
        #[serde(default)]
        roc_auc: Option<f64>,
        #[serde(default)]
        average_precision: Option<f64>,
        /// Only with probabilities.
        #[serde(default)]
        log_loss: Option<f64>,
        /// Two classes: one curve, of class 1; more: one per class (one-vs-rest).
        #[serde(default)]
        roc_curves: Vec<ClassCurve>,
        #[serde(default)]
        pr_curves: Vec<ClassCurve>,
    },
    Regression {
        r2: f64,
        mae: f64,
        rmse: f64,
        #[serde(default)]
        mape: Option<f64>,
        /// (actual, predicted) of up to [`MAX_PLOT_POINTS`] test rows, for the
        /// predicted-vs-actual and residual plots.
        #[serde(default)]
        points: Vec<[f64; 2]>,
    },
    Clustering {
        /// On up to [`MAX_PLOT_POINTS`] clustered rows (noise left out); `None` with fewer than
        /// two clusters.
        silhouette: Option<f64>,
        sizes: Vec<ClusterSize>,
        /// The first two principal components of up to [`MAX_PLOT_POINTS`] rows, with each
        /// row's cluster: (x, y, cluster).
        scatter: Vec<(f64, f64, i32)>,
    },
}

impl Evaluation {
    /// The headline scores by the names the command line prints: accuracy,
    /// balanced_accuracy, f1_macro, roc_auc, log_loss, r2, mae, rmse, silhouette (those defined).
    pub fn headline(&self) -> BTreeMap<String, f64> {
        let pairs: Vec<(&str, Option<f64>)> = match self {
            Evaluation::Classification { accuracy, balanced_accuracy, f1_macro, roc_auc, log_loss, .. } => vec![
                ("accuracy", Some(*accuracy)),
                ("balanced_accuracy", Some(*balanced_accuracy)),
                ("f1_macro", Some(*f1_macro)),
                ("roc_auc", *roc_auc),
                ("log_loss", *log_loss),
            ],
            Evaluation::Regression { r2, mae, rmse, .. } => vec![("r2", Some(*r2)), ("mae", Some(*mae)), ("rmse", Some(*rmse))],
            Evaluation::Clustering { silhouette, .. } => vec![("silhouette", *silhouette)],
        };
        pairs.into_iter().filter_map(|(k, v)| Some((k.to_string(), v?))).collect()
    }

    /// The score that ranks models (larger is better): accuracy, R² or silhouette.
    pub fn main_score(&self) -> Option<f64> {
        match self {
            Evaluation::Classification { accuracy, .. } => Some(*accuracy),
            Evaluation::Regression { r2, .. } => Some(*r2),
            Evaluation::Clustering { silhouette, .. } => *silhouette,
        }
    }
}

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
            roc_curves.push(ClassCurve { class: name(c), area: Some(curve.area()), curve: curve.thinned(MAX_PLOT_POINTS) });
        }
        if let Some(ap) = average_precision(&positive, &column)? {
            precisions.push(ap);
            pr_curves.push(ClassCurve { class: name(c), area: Some(ap), curve: precision_recall_curve(&positive, &column)?.thinned(MAX_PLOT_POINTS) });
        }
    }
    let per_class = m
        .per_class
        .iter()
        .enumerate()
        .map(|(c, s)| ClassScore { class: name(c), precision: s.precision, recall: s.recall, f1: s.f1, support: s.support })
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
