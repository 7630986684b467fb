//! The keyboard shortcuts for undo and redo of recipe edits. The history itself is
//! [`crate::client::history::History`]; [`AppState::undo`] and [`AppState::redo`] apply it.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::state::AppState;

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
    event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable")
    })
}
