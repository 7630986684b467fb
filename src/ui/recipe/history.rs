//! Undo and redo of recipe edits. The recipe is the one list the user sees; the history
//! only remembers earlier versions of it, so undo can take back any edit (adding, editing,
//! moving, disabling or removing a step, a fix from the report, training's automatic steps).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::state::AppState;
use crate::worker::protocol::Recipe;

/// Versions kept for undo.
const MAX_UNDO: usize = 200;

/// Earlier and later versions of the recipe.
#[derive(Clone, Debug, Default, PartialEq)]
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
}

impl AppState {
    /// Changes the recipe, remembering the version before for undo. Edits that change
    /// nothing are not remembered.
    pub fn edit_recipe(self, edit: impl FnOnce(&mut Recipe)) {
        let before = self.recipe.get_untracked();
        let mut after = before.clone();
        edit(&mut after);
        if after == before {
            return;
        }
        self.history.update(|h| {
            h.past.push(before);
            if h.past.len() > MAX_UNDO {
                h.past.remove(0);
            }
            h.future.clear();
        });
        self.recipe.set(after);
    }

    /// Takes back the last edit of the recipe.
    pub fn undo(self) {
        let Some(previous) = self.history.with_untracked(|h| h.past.last().cloned()) else { return };
        let current = self.recipe.get_untracked();
        self.history.update(|h| {
            h.past.pop();
            h.future.push(current);
        });
        self.recipe.set(previous);
    }

    /// Does again the last undone edit.
    pub fn redo(self) {
        let Some(next) = self.history.with_untracked(|h| h.future.last().cloned()) else { return };
        let current = self.recipe.get_untracked();
        self.history.update(|h| {
            h.future.pop();
            h.past.push(current);
        });
        self.recipe.set(next);
    }
}

/// Ctrl+Z (⌘Z) undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes a recipe edit, except while the
/// user types in a field, where the browser's own undo applies.
pub fn install_shortcuts(state: AppState) {
    let handle = window_event_listener(ev::keydown, move |event| {
        if !(event.ctrl_key() || event.meta_key()) || typing_in_a_field(&event) {
            return;
        }
        match (event.key().to_lowercase().as_str(), event.shift_key()) {
            ("z", false) => state.undo(),
            ("z", true) | ("y", false) => state.redo(),
            _ => return,
        }
        event.prevent_default();
    });
    on_cleanup(move || handle.remove());
}

fn typing_in_a_field(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable"))
}
