//! The Train stage's validation results (cross-validation, grid search, the leaderboard),
//! held here rather than in their panels so the saved session can keep and restore them.

use leptos::prelude::*;

use crate::client::saved_session::{GridResult, Leaderboard, SavedResults};
use crate::worker::protocol::CrossValidation;

/// Copyable handles on the last result of each validation panel.
#[derive(Clone, Copy)]
pub struct TrainResults {
    pub cross_validation: RwSignal<Option<CrossValidation>>,
    pub grid: RwSignal<Option<GridResult>>,
    pub leaderboard: RwSignal<Option<Leaderboard>>,
}

impl TrainResults {
    /// No results yet.
    pub fn new() -> Self {
        TrainResults {
            cross_validation: RwSignal::new(None),
            grid: RwSignal::new(None),
            leaderboard: RwSignal::new(None),
        }
    }

    /// Every result as plain data (tracked).
    pub fn saved(self) -> SavedResults {
        SavedResults {
            cross_validation: self.cross_validation.get(),
            grid: self.grid.get(),
            leaderboard: self.leaderboard.get(),
        }
    }

    /// Shows `saved`'s results.
    pub fn restore(self, saved: SavedResults) {
        self.cross_validation.set(saved.cross_validation);
        self.grid.set(saved.grid);
        self.leaderboard.set(saved.leaderboard);
    }
}

impl Default for TrainResults {
    fn default() -> Self {
        Self::new()
    }
}

/// The results provided by [`crate::ui::persist::start`].
pub fn use_train_results() -> TrainResults {
    expect_context::<TrainResults>()
}
