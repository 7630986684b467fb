//! The model document's evaluation: how good the model is on held-out rows, every score and
//! the curves and plot points, as stored in the model file and shown by the page. Computed by
//! `train::evaluate`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::learn::metrics::Curve;
use crate::engine::learn::ScoreKind;

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
            Evaluation::Regression { r2, mae, rmse, .. } => {
                vec![("r2", Some(*r2)), ("mae", Some(*mae)), ("rmse", Some(*rmse))]
            }
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
