//! The Data stage's line on the saved session: what happened to it (restored, dropped, not
//! saved), how much browser storage it takes, and "Start over" with its confirmation.

use leptos::html;
use leptos::prelude::*;

use crate::ui::format;
use crate::ui::persist::use_persist;

/// The notice, the storage used and "Start over".
#[component]
pub fn SessionPanel() -> impl IntoView {
    let persist = use_persist();
    let confirming = RwSignal::new(false);
    let keep = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if confirming.get() {
            if let Some(button) = keep.get() {
                let _ = button.focus();
            }
        }
    });
    let size = move || {
        persist.stored_bytes.get().map(|bytes| {
            format!(
                "Saved in this browser as you work: {} (a reload brings this session back).",
                format::bytes(bytes as u64)
            )
        })
    };
    view! {
        <div class="session-panel">
            // A polite live region, not a second `status` role beside the status bar's.
            <p class="session-note" aria-live="polite">{move || persist.notice.get()}</p>
            <div class="actions session-actions">
                <p class="session-size">{size}</p>
                <button type="button" class="button small quiet" aria-expanded=move || confirming.get().to_string()
                    on:click=move |_| confirming.set(true)>
                    "Start over"
                </button>
            </div>
            {move || confirming.get().then(|| view! {
                <div class="start-over-confirm" role="group" aria-labelledby="start-over-question">
                    <p id="start-over-question">
                        "Start over? This empties the page and removes the saved session (data, recipe, models and results) "
                        "from this browser. Your own files are not touched."
                    </p>
                    <div class="actions">
                        <button type="button" class="button danger" on:click=move |_| persist.start_over()>"Yes, start over"</button>
                        <button type="button" class="button" node_ref=keep on:click=move |_| confirming.set(false)>"Keep working"</button>
                    </div>
                </div>
            })}
        </div>
    }
}
