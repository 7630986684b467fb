//! What training did: task, algorithm, hyperparameters, rows (and the column that kept groups
//! of them on one side), left-out rows and added steps.

use leptos::prelude::*;

use crate::ui::format;
use crate::ui::state::TrainedModel;
use crate::worker::protocol::{hyperparameters, Task};

/// The training summary (group "Training summary").
#[component]
pub fn Summary(model: TrainedModel) -> impl IntoView {
    let s = model.summary;
    let headline = match s.task {
        Task::Clustering => format!("Clustering with {}, on {}.", s.algorithm.label(), model.dataset),
        task => format!(
            "{} of “{}” with {}, trained on {}.",
            if task == Task::Classification { "Classification" } else { "Regression" },
            s.target,
            s.algorithm.label(),
            model.dataset
        ),
    };
    let rows = match s.task {
        Task::Clustering => format!(
            "{} rows grouped; the model uses {} input columns.",
            format::count(s.train_rows),
            format::count(s.features.len())
        ),
        _ => format!(
            "{} rows for training, {} held back for testing{}; the model uses {} input columns.",
            format::count(s.train_rows),
            format::count(s.test_rows),
            s.group.as_ref().map_or(String::new(), |g| format!(" (rows of the same “{g}” kept on one side)")),
            format::count(s.features.len())
        ),
    };
    let specs = hyperparameters(s.algorithm, s.task);
    let params: Vec<String> = s
        .params
        .iter()
        .map(|(name, value)| {
            let spec = specs.iter().find(|p| &p.name == name);
            format!("{} = {}", spec.map_or(name.as_str(), |p| p.label.as_str()), value.shown(spec))
        })
        .collect();
    let params = (!params.is_empty()).then(|| format!("Hyperparameters: {}.", params.join(", ")));
    let left_out = (s.missing_target_rows > 0).then(|| {
        let n = s.missing_target_rows;
        format!(
            "{} {} with a missing target {} left out.",
            format::count(n),
            if n == 1 { "row" } else { "rows" },
            if n == 1 { "was" } else { "were" }
        )
    });
    let added = (!s.added_steps.is_empty()).then(|| {
        let items = s.added_steps.iter().map(|step| view! { <li>{step.clone()}</li> }).collect_view();
        view! {
            <p>"Sift added what the model needed (marked “automatic” in the recipe):"</p>
            <ul class="added">{items}</ul>
        }
    });
    view! {
        <div class="summary" aria-label="Training summary" role="group">
            <p class="headline">{headline}</p>
            <p>{rows}</p>
            {params.map(|text| view! { <p class="params-used">{text}</p> })}
            {left_out.map(|text| view! { <p class="note">{text}</p> })}
            {added}
        </div>
    }
}
