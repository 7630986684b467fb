//! The model document's record of training: what the user chose ([`TrainOptions`]) and what
//! training did ([`TrainSummary`]), with each input's importance. Filled in by `train`.

use serde::{Deserialize, Serialize};

use super::evaluation::Evaluation;
use crate::engine::learn::{Algorithm, Params, Task};

/// What the user chose on the Train stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainOptions {
    /// The column to predict (ignored for clustering).
    pub target: String,
    /// `None`: follow from the target's type.
    pub task: Option<Task>,
    pub algorithm: Algorithm,
    /// Hyperparameters; those left out take their defaults.
    #[serde(default)]
    pub params: Params,
    pub test_share: f64,
    pub seed: u64,
    /// A column whose rows belong together (a player, a patient measured yearly): all rows
    /// with the same value stay on the same side of the split and in the same
    /// cross-validation fold, and the column is never a model input. `None` (and options
    /// saved before Sift had it): rows are split one by one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// What training did, for the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainSummary {
    pub task: Task,
    pub algorithm: Algorithm,
    /// Every hyperparameter, defaults filled in.
    pub params: Params,
    pub target: String,
    /// The column whose groups of rows were kept on one side of the split (not an input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub train_rows: usize,
    pub test_rows: usize,
    /// Rows left out because their target was missing.
    pub missing_target_rows: usize,
    /// The model's input columns after the recipe.
    pub features: Vec<String>,
    /// Descriptions of the steps Sift added by itself in this run.
    pub added_steps: Vec<String>,
    pub evaluation: Evaluation,
    /// Permutation importance of each input column, most important first.
    pub importance: Vec<Importance>,
    /// Seconds the model's fit took, when the caller passed a clock (`train::train_timed`; the
    /// browser's worker does). Not stored in the model.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit_seconds: Option<f64>,
}

/// The importance of one input column: the mean drop of the score over the shuffles, and its
/// standard deviation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Importance {
    pub column: String,
    pub mean: f64,
    pub std: f64,
}
