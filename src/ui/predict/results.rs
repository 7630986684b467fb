//! The predictions: how many rows, which columns the model ignored, the first rows of the
//! predictions CSV (as it will be downloaded) and the download button.

use leptos::prelude::*;

use crate::ui::download;
use crate::ui::format;
use crate::ui::state::{use_state, Stage};
use crate::worker::protocol::{PredictionsView, Request};

/// The outcome of a prediction.
#[component]
pub fn PredictionResults(view: PredictionsView) -> impl IntoView {
    let state = use_state();
    let save = move |_| {
        download::fetch(state, Stage::Predict, "Preparing the predictions CSV", Request::ExportPredictions, Vec::new());
    };
    let headline = format!(
        "Predicted {} {} of {}.",
        format::count(view.rows),
        if view.rows == 1 { "row" } else { "rows" },
        view.file
    );
    let ignored =
        (!view.ignored.is_empty()).then(|| format!("Kept but not used by the model: {}.", view.ignored.join(", ")));
    // The model's columns first, so they show without scrolling.
    let added = added_columns(&view.header);
    let first_added = view.header.len().saturating_sub(added);
    let order: Vec<usize> = (first_added..view.header.len()).chain(0..first_added).collect();
    let head = order
        .iter()
        .map(|&i| view! { <th scope="col" class:predicted={i >= first_added}>{view.header[i].clone()}</th> })
        .collect_view();
    let rows = view
        .preview
        .iter()
        .map(|row| {
            let cells = order
                .iter()
                .map(|&i| {
                    let cell = row.get(i).cloned().unwrap_or_default();
                    // Probabilities rounded for reading; the CSV has them in full.
                    let shown = match cell.parse::<f64>() {
                        Ok(p) if i > first_added => format::score(p),
                        _ => cell,
                    };
                    view! { <td class:predicted={i >= first_added} class:num={i > first_added}>{shown}</td> }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let caption = format!(
        "The first {} of {} rows, the model's columns first{}.",
        format::count(view.preview.len()),
        format::count(view.rows),
        if added > 1 { " (probabilities rounded here, in full in the CSV)" } else { "" }
    );
    view! {
        <div class="prediction-results">
            <div class="actions">
                <p class="headline">{headline}</p>
                <button type="button" class="button primary" on:click=save disabled=move || state.busy()>
                    "Download predictions CSV"
                </button>
            </div>
            {ignored.map(|text| view! { <p class="aside">{text}</p> })}
            <div class="table-scroll" tabindex="0" role="group" aria-label="Predictions, scrolls sideways">
                <table aria-label="Predictions" class="preview predictions">
                    <caption>{caption}</caption>
                    <thead><tr>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </div>
    }
}

/// How many columns at the end of `header` the model added: `prediction` and the
/// `probability_<class>` columns after it.
fn added_columns(header: &[String]) -> usize {
    header.iter().rev().take_while(|h| h.starts_with("probability_")).count() + 1
}
