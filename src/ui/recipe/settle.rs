//! Asking the worker a moment after the last change, so typing or clicking through a form
//! does not queue a job per keystroke, and keeping only the answer to the latest question.

use std::time::Duration;

use leptos::prelude::*;

use crate::ui::state::AppState;
use crate::worker::protocol::{Answer, Request};

/// Wait this long after a change before asking.
pub const SETTLE: Duration = Duration::from_millis(250);

/// Rounds of questions: a new round drops the earlier ones' pending questions and answers.
#[derive(Clone, Copy)]
pub struct Settle {
    round: StoredValue<u64>,
}

impl Settle {
    /// No question asked yet.
    pub fn new() -> Self {
        Settle { round: StoredValue::new(0) }
    }

    /// Starts a new round (dropping the earlier ones) and returns it.
    pub fn next(self) -> u64 {
        self.round
            .try_update_value(|r| {
                *r += 1;
                *r
            })
            .unwrap_or_default()
    }

    /// Starts a new round; after [`SETTLE`], if no later round started (and the owner is
    /// still there), sends `request()` and gives `done` its outcome if that is still so.
    pub fn ask_later(
        self,
        state: AppState,
        label: &'static str,
        request: impl FnOnce() -> Request + 'static,
        done: impl FnOnce(Result<Answer, String>) + 'static,
    ) {
        let mine = self.next();
        // The form may be gone by then (its step removed): a disposed round is not current.
        let current = move || self.round.try_get_value() == Some(mine);
        set_timeout(
            move || {
                if !current() {
                    return;
                }
                state.ask(label, request(), move |result| {
                    if current() {
                        done(result);
                    }
                });
            },
            SETTLE,
        );
    }
}

impl Default for Settle {
    fn default() -> Self {
        Self::new()
    }
}
