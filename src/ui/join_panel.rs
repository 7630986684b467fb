//! "Join two tables": when several datasets are open, match the rows of one with the rows
//! of another on a key column, inner or left, into a new dataset.

use leptos::prelude::*;

use crate::ui::state::use_state;
use crate::worker::protocol::{DatasetSummary, JoinKind, JoinRequest, JoinSpec, Request};

/// The join form, shown once two or more datasets are open.
#[component]
pub fn JoinPanel() -> impl IntoView {
    let state = use_state();
    let datasets =
        Memo::new(move |_| state.dataset.with(|d| d.as_ref().map(|d| d.datasets.clone()).unwrap_or_default()));
    let left = RwSignal::new(0usize);
    let right = RwSignal::new(1usize);
    let left_key = RwSignal::new(String::new());
    let right_key = RwSignal::new(String::new());
    let kind = RwSignal::new(JoinKind::Left);
    // A key column present in both tables is the natural default.
    Effect::new(move |_| {
        let sets = datasets.get();
        let (Some(l), Some(r)) = (sets.get(left.get()), sets.get(right.get())) else { return };
        let shared = l.columns.iter().find(|c| r.columns.iter().any(|rc| rc.name == c.name));
        let first = |d: &DatasetSummary| d.columns.first().map(|c| c.name.clone()).unwrap_or_default();
        left_key.set(shared.map_or_else(|| first(l), |c| c.name.clone()));
        right_key.set(shared.map_or_else(|| first(r), |c| c.name.clone()));
    });
    let join = move |_| {
        let request = JoinRequest {
            left: left.get_untracked(),
            right: right.get_untracked(),
            spec: JoinSpec {
                left_key: left_key.get_untracked(),
                right_key: right_key.get_untracked(),
                how: kind.get_untracked(),
            },
        };
        state.load("Joining the tables", Request::Join(request), Vec::new());
    };
    // Only a change in whether there are two tables rebuilds the form: a rebuilt <details>
    // would snap shut under the person using it whenever a report updates the datasets.
    let several = Memo::new(move |_| datasets.with(Vec::len) >= 2);
    move || {
        several.get().then(|| {
            view! {
                <details class="join-panel">
                    <summary>"Join two tables"</summary>
                    <p class="aside">"Match each row of the left table with the rows of the right table that have the same key. An inner join keeps only matched rows; a left join keeps every left row."</p>
                    <div class="fields">
                        <DatasetSelect id="join-left" label="Left table" datasets=datasets chosen=left />
                        <KeySelect id="join-left-key" label="Left key" datasets=datasets table=left chosen=left_key />
                        <DatasetSelect id="join-right" label="Right table" datasets=datasets chosen=right />
                        <KeySelect id="join-right-key" label="Right key" datasets=datasets table=right chosen=right_key />
                        <div class="field">
                            <label for="join-kind">"Join type"</label>
                            <select id="join-kind" on:change=move |e| kind.set(if event_target_value(&e) == "inner" { JoinKind::Inner } else { JoinKind::Left })>
                                <option value="left" selected=move || kind.get() == JoinKind::Left>"Left: keep every left row"</option>
                                <option value="inner" selected=move || kind.get() == JoinKind::Inner>"Inner: only matched rows"</option>
                            </select>
                        </div>
                    </div>
                    <button type="button" class="button" on:click=join disabled=move || state.busy() || left.get() == right.get()>"Join"</button>
                </details>
            }
        })
    }
}

/// A select of the open datasets.
#[component]
fn DatasetSelect(
    id: &'static str,
    label: &'static str,
    datasets: Memo<Vec<DatasetSummary>>,
    chosen: RwSignal<usize>,
) -> impl IntoView {
    let options = move || {
        datasets
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, d)| view! { <option value=i.to_string() selected=move || chosen.get() == i>{d.name}</option> })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |e| chosen.set(event_target_value(&e).parse().unwrap_or(0))>{options}</select>
        </div>
    }
}

/// A select of the columns of the chosen dataset.
#[component]
fn KeySelect(
    id: &'static str,
    label: &'static str,
    datasets: Memo<Vec<DatasetSummary>>,
    table: RwSignal<usize>,
    chosen: RwSignal<String>,
) -> impl IntoView {
    let options = move || {
        let columns = datasets.with(|d| d.get(table.get()).map(|d| d.columns.clone()).unwrap_or_default());
        columns
            .into_iter()
            .map(|c| {
                let name = c.name.clone();
                view! { <option value=c.name.clone() selected=move || chosen.get() == name>{format!("{} ({})", c.name, c.column_type.name())}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |e| chosen.set(event_target_value(&e))>{options}</select>
        </div>
    }
}
