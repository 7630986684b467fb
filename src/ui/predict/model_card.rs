//! What the chosen model is and which columns a CSV must have for it.

use leptos::prelude::*;

use crate::worker::protocol::{ModelInfo, Task};

/// The model's algorithm, task, target, origin and input columns.
#[component]
pub fn ModelCard(info: ModelInfo) -> impl IntoView {
    let what = match info.task {
        Task::Classification => format!(
            "{} classifying “{}” into {} classes ({}).",
            info.algorithm.label(),
            info.target,
            info.classes.len(),
            info.classes.join(", ")
        ),
        Task::Regression => format!("{} predicting the number “{}”.", info.algorithm.label(), info.target),
        Task::Clustering => format!("{} grouping rows into clusters.", info.algorithm.label()),
    };
    let from = match &info.file {
        Some(name) => format!("From {name}, trained {}.", day(&info.created_at)),
        None => "The model just trained on this page.".to_string(),
    };
    let inputs = info
        .inputs
        .iter()
        .map(|c| view! { <li><code>{c.name.clone()}</code>" "<span class="aside">{c.column_type.name()}</span></li> })
        .collect_view();
    view! {
        <div class="model-card" role="group" aria-label="Chosen model">
            <p class="headline">{what}</p>
            <p class="aside">{from}</p>
            <p>{format!("A CSV to predict needs these {} columns:", info.inputs.len())}</p>
            <ul class="needed-columns">{inputs}</ul>
        </div>
    }
}

/// The date part of an ISO 8601 time.
fn day(created_at: &str) -> &str {
    created_at.split('T').next().unwrap_or(created_at)
}
