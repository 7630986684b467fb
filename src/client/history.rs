//! Undo and redo of recipe edits. The recipe is the one list the user sees; the history
//! only remembers earlier versions of it, so undo can take back any edit (adding, editing,
//! moving, disabling or removing a step, a fix from the report, training's automatic steps).
//!
//! The page keeps the current recipe itself (many views read it); every method here takes
//! that current version and answers the one to show next, or `None` when nothing changes.

use serde::{Deserialize, Serialize};

use crate::worker::protocol::Recipe;

/// Versions kept for undo.
pub const MAX_UNDO: usize = 200;

/// Earlier and later versions of the recipe (saved with the session).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    past: Vec<Recipe>,
    future: Vec<Recipe>,
}

impl History {
    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether there is an undone edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// The recipe after `edit` changes `current`, remembering `current` for undo (the oldest
    /// of more than [`MAX_UNDO`] versions is forgotten) and forgetting what was undone.
    /// An edit that changes nothing is not remembered: `None`.
    pub fn edit(&mut self, current: &Recipe, edit: impl FnOnce(&mut Recipe)) -> Option<Recipe> {
        let mut after = current.clone();
        edit(&mut after);
        if after == *current {
            return None;
        }
        self.past.push(current.clone());
        if self.past.len() > MAX_UNDO {
            self.past.remove(0);
        }
        self.future.clear();
        Some(after)
    }

    /// The recipe before the last edit, remembering `current` for redo; `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self, current: &Recipe) -> Option<Recipe> {
        let previous = self.past.pop()?;
        self.future.push(current.clone());
        Some(previous)
    }

    /// The recipe of the last undone edit, remembering `current` for undo; `None` when there is
    /// nothing to redo.
    pub fn redo(&mut self, current: &Recipe) -> Option<Recipe> {
        let next = self.future.pop()?;
        self.past.push(current.clone());
        Some(next)
    }
}
