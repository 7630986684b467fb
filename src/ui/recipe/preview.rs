//! The before/after preview of a step being added or edited: how many rows and columns it
//! changes, the affected columns' statistics, and their first values. The worker computes it
//! on the first rows of the data, a moment after the last change to the form.

use leptos::prelude::*;

use crate::ui::format;
use crate::ui::recipe::settle::Settle;
use crate::ui::state::{use_state, AppState};
use crate::worker::protocol::{Answer, ColumnChange, ColumnStats, FitContext, Request, Step, StepPreview};

/// Affected columns shown side by side.
const MAX_COLUMNS: usize = 4;

/// What the preview shows: nothing yet, the step's problem, or the preview.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    Waiting,
    Problem(String),
    Ready(Box<StepPreview>),
}

/// The preview of `step` placed at position `index` of the recipe (the steps from `index` on
/// are left out).
#[component]
pub fn StepPreviewPanel(
    step: Signal<Result<Step, crate::worker::protocol::Error>>,
    index: Signal<usize>,
) -> impl IntoView {
    let state = use_state();
    let shown = RwSignal::new(Shown::Waiting);
    let settle = Settle::new();
    Effect::new(move |_| {
        let step = step.get();
        let index = index.get();
        let recipe = state.recipe.get();
        let has_data = state.dataset.with(Option::is_some);
        let step = match step {
            Ok(step) if has_data => step,
            problem => {
                settle.next(); // an answer still on its way is out of date
                let problem =
                    problem.err().map_or_else(|| "Open data to see what the step does.".into(), |e| e.to_string());
                return shown.set(Shown::Problem(problem));
            }
        };
        settle.ask_later(
            state,
            "Previewing the step",
            move || Request::PreviewStep { recipe, index, step, context: recipe_context(state) },
            move |result| {
                shown.try_set(match result {
                    Ok(Answer::Preview(preview)) => Shown::Ready(preview),
                    Ok(_) => Shown::Waiting,
                    Err(problem) => Shown::Problem(problem),
                });
            },
        );
    });
    view! {
        <div class="step-preview" role="region" aria-label="Step preview" aria-live="polite">
            {move || match shown.get() {
                Shown::Waiting => view! { <p class="aside">"Working out what the step does…"</p> }.into_any(),
                Shown::Problem(problem) => view! { <p class="preview-problem">{problem}</p> }.into_any(),
                Shown::Ready(preview) => view! { <PreviewView preview=*preview /> }.into_any(),
            }}
        </div>
    }
}

/// The target and seed the recipe is fitted with.
pub fn recipe_context(state: AppState) -> FitContext {
    FitContext { target: state.profile.with_untracked(|p| p.target.clone()), seed: 42 }
}

#[component]
fn PreviewView(preview: StepPreview) -> impl IntoView {
    let rows = if preview.rows_before == preview.rows_after && preview.rows_changed == 0 {
        format!("All {} rows kept", format::count(preview.rows_before))
    } else if preview.rows_before == preview.rows_after {
        format!("{} of {} rows changed", format::count(preview.rows_changed), format::count(preview.rows_before))
    } else {
        format!(
            "Rows: {} → {} ({} removed)",
            format::count(preview.rows_before),
            format::count(preview.rows_after),
            format::count(preview.rows_before.saturating_sub(preview.rows_after))
        )
    };
    let mut columns =
        format!("Columns: {} → {}", format::count(preview.columns_before), format::count(preview.columns_after));
    if !preview.columns_added.is_empty() {
        columns.push_str(&format!(" · added {}", preview.columns_added.join(", ")));
    }
    if !preview.columns_removed.is_empty() {
        columns.push_str(&format!(" · removed {}", preview.columns_removed.join(", ")));
    }
    if !preview.columns_changed.is_empty() {
        columns.push_str(&format!(" · changed {}", preview.columns_changed.join(", ")));
    }
    let shown: Vec<_> = preview.columns.iter().take(MAX_COLUMNS).cloned().collect();
    let more = preview.columns.len().saturating_sub(MAX_COLUMNS);
    let stats = shown
        .iter()
        .map(|c| {
            view! {
                <tr>
                    <th scope="row">{c.name.clone()}</th>
                    <td>{stat_change(c.before.as_ref(), c.after.as_ref(), |s| s.column_type.name().to_string())}</td>
                    <td class="num">{stat_change(c.before.as_ref(), c.after.as_ref(), |s| format::count(s.missing))}</td>
                    <td class="num">{stat_change(c.before.as_ref(), c.after.as_ref(), |s| format::count(s.distinct))}</td>
                    <td class="num">{stat_change(c.before.as_ref(), c.after.as_ref(), |s| s.mean.map_or("—".into(), format::number))}</td>
                    <td class="num">{stat_change(c.before.as_ref(), c.after.as_ref(), range)}</td>
                </tr>
            }
        })
        .collect_view();
    let first_rows = first_rows(&shown);
    view! {
        <p class="preview-summary"><strong>{rows}</strong>" · "{columns}</p>
        {(!shown.is_empty()).then(|| view! {
            <div class="table-scroll">
                <table class="preview-stats" aria-label="Statistics before and after">
                    <thead><tr><th scope="col">"Column"</th><th scope="col">"Type"</th><th scope="col">"Missing"</th><th scope="col">"Distinct"</th><th scope="col">"Mean"</th><th scope="col">"Range"</th></tr></thead>
                    <tbody>{stats}</tbody>
                </table>
            </div>
            {first_rows}
        })}
        {(more > 0).then(|| view! { <p class="aside">{format!("and {more} more affected columns")}</p> })}
    }
}

/// "before → after", or one value when it did not change.
fn stat_change(
    before: Option<&ColumnStats>,
    after: Option<&ColumnStats>,
    show: impl Fn(&ColumnStats) -> String,
) -> String {
    match (before.map(&show), after.map(&show)) {
        (Some(b), Some(a)) if a == b => a,
        (Some(b), Some(a)) => format!("{b} → {a}"),
        (None, Some(a)) => format!("new: {a}"),
        (Some(b), None) => format!("{b} → removed"),
        (None, None) => String::new(),
    }
}

fn range(stats: &ColumnStats) -> String {
    match (stats.min, stats.max) {
        (Some(min), Some(max)) => format!("{} – {}", format::number(min), format::number(max)),
        _ => "—".into(),
    }
}

/// The first values of each shown column, before and after, side by side.
fn first_rows(columns: &[ColumnChange]) -> impl IntoView {
    let depth = columns
        .iter()
        .map(|c| c.before.as_ref().map_or(0, |s| s.first.len()).max(c.after.as_ref().map_or(0, |s| s.first.len())))
        .max()
        .unwrap_or(0);
    // An added column has no "before" and a removed one no "after".
    let head = columns
        .iter()
        .map(|c| {
            let before = c.before.is_some().then(|| view! { <th scope="col">{format!("{} before", c.name)}</th> });
            let after = c.after.is_some().then(|| view! { <th scope="col">{format!("{} after", c.name)}</th> });
            view! { {before}{after} }
        })
        .collect_view();
    let cell = |stats: Option<&ColumnStats>, row: usize| {
        stats.map(|s| match s.first.get(row) {
            Some(Some(text)) => view! { <td>{text.clone()}</td> }.into_any(),
            Some(None) => view! { <td class="missing">"—"</td> }.into_any(),
            None => view! { <td></td> }.into_any(),
        })
    };
    let body = (0..depth)
        .map(|row| {
            let cells = columns
                .iter()
                .map(|c| view! { {cell(c.before.as_ref(), row)}{cell(c.after.as_ref(), row)} })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="preview-rows" aria-label="First rows before and after">
                <thead><tr>{head}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
