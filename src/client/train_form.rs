//! The Train stage's choices as plain data: what a saved session and a setup link carry, and
//! what the page's form is set from. The form's own texts are kept as typed (a half-typed
//! seed survives a reload as the user left it); they are checked when a job starts.

use serde::{Deserialize, Serialize};

use crate::worker::protocol::{Algorithm, Task};

/// Every choice of the Train stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TrainForm {
    /// The target the user picked (`None`: the dataset's default one).
    pub target: Option<String>,
    /// The column rows are grouped by for the split (`None`: rows are split one by one).
    pub group: Option<String>,
    pub algorithm: Algorithm,
    /// `None`: automatic.
    pub task: Option<Task>,
    pub test_share: String,
    pub seed: String,
    pub folds: String,
    /// Hyperparameter texts the user typed: algorithm, parameter name, text.
    pub params: Vec<(Algorithm, String, String)>,
}

impl Default for TrainForm {
    fn default() -> Self {
        TrainForm {
            target: None,
            group: None,
            algorithm: Algorithm::RandomForest,
            task: None,
            test_share: "0.25".into(),
            seed: "42".into(),
            folds: "5".into(),
            params: Vec::new(),
        }
    }
}
