//! The bar that shows the running job: a progress bar, what it is doing, and Cancel.

use leptos::prelude::*;

use crate::ui::state::use_state;

/// Sticky at the top while a job runs; empty otherwise.
#[component]
pub fn StatusBar() -> impl IntoView {
    let state = use_state();
    view! {
        <div class="status-bar" role="status" aria-live="polite">
            {move || state.job.get().map(|job| {
                let label = format!("{}…", job.label);
                view! {
                    <div class="status-inner">
                        {match job.fraction {
                            Some(f) => view! { <progress aria-label="Progress" max="1" value=f></progress> }.into_any(),
                            None => view! { <progress aria-label="Progress"></progress> }.into_any(),
                        }}
                        <span class="status-label">{label}</span>
                        {job.detail.map(|detail| view! { <span class="status-detail">{detail}</span> })}
                        {job.cancellable.then(|| view! {
                            <button type="button" class="button small quiet" on:click=move |_| state.cancel()>"Cancel"</button>
                        })}
                    </div>
                }
            })}
        </div>
    }
}
