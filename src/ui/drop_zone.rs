//! The whole page as a drop zone: dragging files shows an overlay; dropping opens them.

use leptos::ev;
use leptos::prelude::*;
use web_sys::DragEvent;

use crate::ui::data_stage::open_files;
use crate::ui::dom::files_of;
use crate::ui::state::use_state;

/// The overlay shown while files are dragged over the page.
#[component]
pub fn DropOverlay() -> impl IntoView {
    let state = use_state();
    // dragenter/dragleave fire for every element crossed; count them to know when we left.
    let depth = RwSignal::new(0i32);
    let listeners = [
        window_event_listener(ev::dragenter, move |e| {
            if carries_files(&e) {
                e.prevent_default();
                depth.update(|d| *d += 1);
            }
        }),
        window_event_listener(ev::dragleave, move |e| {
            if carries_files(&e) {
                depth.update(|d| *d = (*d - 1).max(0));
            }
        }),
        window_event_listener(ev::dragover, move |e| {
            if carries_files(&e) {
                e.prevent_default();
            }
        }),
        window_event_listener(ev::drop, move |e| {
            if carries_files(&e) {
                e.prevent_default();
                depth.set(0);
                let files = e.data_transfer().and_then(|t| t.files()).map(|l| files_of(&l)).unwrap_or_default();
                open_files(state, files);
            }
        }),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    view! {
        <Show when=move || { depth.get() > 0 }>
            <div class="drop-overlay" aria-hidden="true">
                <p>"Drop CSV files to open them"</p>
            </div>
        </Show>
    }
}

fn carries_files(event: &DragEvent) -> bool {
    event.data_transfer().is_some_and(|t| t.types().iter().any(|kind| kind.as_string().as_deref() == Some("Files")))
}
