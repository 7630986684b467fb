//! Score names as people read them, which way is better, and how they are shown.

use crate::ui::format;
use crate::worker::protocol::{MeanStd, Task};

/// The scores a task reports, in the order tables show them.
pub fn metric_names(task: Task) -> &'static [&'static str] {
    match task {
        Task::Classification => &["accuracy", "balanced_accuracy", "f1_macro", "roc_auc", "log_loss"],
        Task::Regression => &["r2", "mae", "rmse"],
        Task::Clustering => &["silhouette"],
    }
}

/// "Accuracy", "R²", … for a score's name.
pub fn metric_label(name: &str) -> &str {
    match name {
        "accuracy" => "Accuracy",
        "balanced_accuracy" => "Balanced accuracy",
        "f1_macro" => "Macro F1",
        "roc_auc" => "ROC AUC",
        "log_loss" => "Log loss",
        "r2" => "R²",
        "mae" => "MAE",
        "rmse" => "RMSE",
        "silhouette" => "Silhouette",
        other => other,
    }
}

/// Whether a smaller value of the score is better (errors and losses).
pub fn lower_is_better(name: &str) -> bool {
    matches!(name, "log_loss" | "mae" | "rmse")
}

/// A score's value: three decimals for bounded scores, about four digits for errors.
pub fn metric_value(name: &str, x: f64) -> String {
    if lower_is_better(name) {
        format::number(x)
    } else {
        format::score(x)
    }
}

/// "0.962 ± 0.018".
pub fn mean_std(name: &str, m: &MeanStd) -> String {
    format!("{} ± {}", metric_value(name, m.mean), metric_value(name, m.std))
}
