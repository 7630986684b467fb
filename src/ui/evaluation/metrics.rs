//! The scores as a list of named numbers, each name explaining itself in one line on hover
//! and on keyboard focus (a tooltip the name is described by), and the per-class table.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::prelude::*;

use crate::ui::format;
use crate::worker::protocol::ClassScore;

/// One line for learners on what each score means, by the name the page shows.
pub fn explanation(name: &str) -> &'static str {
    match name {
        "Accuracy" => "The share of test rows whose class the model got right.",
        "Balanced accuracy" => "The average of each class's recall: fair when some classes are rare.",
        "Macro precision" => "Precision averaged over the classes, each class counting the same.",
        "Macro recall" => "Recall averaged over the classes, each class counting the same.",
        "Macro F1" => "F1 averaged over the classes, each class counting the same however rare.",
        "Weighted precision" => "Precision averaged over the classes, weighted by their number of test rows.",
        "Weighted recall" => "Recall averaged over the classes, weighted by their number of test rows.",
        "Weighted F1" => "F1 averaged over the classes, weighted by their number of test rows.",
        "ROC AUC" => "How well the scores rank rows of a class above the others: 0.5 is guessing, 1 is perfect.",
        "Average precision" => "The area under the precision-recall curve: how precise the model stays as it finds more.",
        "Log loss" => "How confident and right the predicted probabilities are: lower is better, 0 is perfect.",
        "Precision" => "Of the rows predicted to be this class, the share that really are.",
        "Recall" => "Of the rows that really are this class, the share the model found.",
        "F1" => "The balance (harmonic mean) of precision and recall.",
        "Support" => "How many test rows really are this class.",
        "R²" => "The share of the target's variation the model explains: 1 is perfect, 0 is no better than the mean.",
        "MAE" => "Mean absolute error: the typical size of a miss, in the target's units.",
        "RMSE" => "Root mean squared error: like MAE, but big misses weigh more.",
        "MAPE" => "Mean absolute percentage error: the typical miss as a share of the true value.",
        "Silhouette" => "How much closer rows are to their own cluster than to the next one: −1 to 1, higher is better.",
        "Clusters" => "How many groups the algorithm found (noise not counted).",
        "Permutation importance" => {
            "How much the score drops when one input column's values are shuffled: the more, the more the model relies on it."
        }
        _ => "",
    }
}

/// A score's name, focusable, with its one-line explanation as a tooltip.
#[component]
pub fn Term(name: &'static str) -> impl IntoView {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let id = format!("term-tip-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    view! {
        <span class="term-wrap">
            <span class="term" tabindex="0" aria-describedby=id.clone()>{name}</span>
            <span class="tip" role="tooltip" id=id>{explanation(name)}</span>
        </span>
    }
}

/// A list of scores: (name, value as shown).
#[component]
pub fn Metrics(items: Vec<(&'static str, String)>) -> impl IntoView {
    let items = items
        .into_iter()
        .map(|(name, value)| view! { <div class="metric"><dt><Term name=name /></dt><dd>{value}</dd></div> })
        .collect_view();
    view! { <dl class="metrics">{items}</dl> }
}

/// A score that may be undefined, formatted.
pub fn maybe(value: Option<f64>, show: fn(f64) -> String) -> String {
    value.filter(|v| v.is_finite()).map(show).unwrap_or_else(|| "not defined".into())
}

/// Precision, recall, F1 and support of each class.
#[component]
pub fn PerClassTable(scores: Vec<ClassScore>) -> impl IntoView {
    let rows = scores
        .into_iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{s.class}</th>
                    <td class="num">{format::score(s.precision)}</td>
                    <td class="num">{format::score(s.recall)}</td>
                    <td class="num">{format::score(s.f1)}</td>
                    <td class="num">{format::count(s.support)}</td>
                </tr>
            }
        })
        .collect_view();
    let head = ["Precision", "Recall", "F1", "Support"]
        .into_iter()
        .map(|name| view! { <th scope="col" class="num"><Term name=name /></th> })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table aria-label="Per-class metrics" class="data">
                <thead>
                    <tr><th scope="col">"Class"</th>{head}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
