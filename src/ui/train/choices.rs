//! The Train stage's main choices: target column, algorithm, task, test share, the column
//! rows are grouped by, and seed.

use leptos::prelude::*;

use crate::ui::train::setup::Setup;
use crate::worker::protocol::{Algorithm, Task};

/// The row of main choices, with a line on the chosen algorithm.
#[component]
pub fn Choices(setup: Setup) -> impl IntoView {
    let state = setup.state;
    let clustering = move || setup.effective_task() == Some(Task::Clustering);
    let target_options = move || {
        let selected = setup.target.get();
        state.dataset.with(|d| {
            d.iter()
                .flat_map(|d| d.columns.iter())
                .map(|c| {
                    let is_selected = selected.as_deref() == Some(c.name.as_str());
                    view! { <option value=c.name.clone() selected=is_selected>{c.name.clone()}</option> }
                })
                .collect_view()
        })
    };
    // Every column but the target: rows sharing a value stay on one side of the split.
    let group_options = move || {
        let selected = setup.group.get();
        let target = setup.target.get();
        let columns = state.dataset.with(|d| {
            d.iter()
                .flat_map(|d| d.columns.iter())
                .filter(|c| target.as_deref() != Some(c.name.as_str()))
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
        });
        let none = view! { <option value="" selected=selected.is_none()>"(none)"</option> };
        let columns = columns
            .into_iter()
            .map(|name| {
                let is_selected = selected.as_deref() == Some(name.as_str());
                view! { <option value=name.clone() selected=is_selected>{name.clone()}</option> }
            })
            .collect_view();
        (none, columns)
    };
    let group = |label: &'static str, clustering: bool| {
        let options = Algorithm::ALL
            .into_iter()
            .filter(|a| a.supports(Task::Clustering) == clustering)
            .map(|a| view! { <option value=a.name() title=a.help() selected=move || setup.algorithm.get() == a>{a.label()}</option> })
            .collect_view();
        view! { <optgroup label=label>{options}</optgroup> }
    };
    let on_algorithm = move |e| {
        let Some(a) = Algorithm::parse(&event_target_value(&e)) else {
            return;
        };
        setup.algorithm.set(a);
        if a.supports(Task::Clustering) {
            setup.task.set(Some(Task::Clustering));
        } else if setup.task.get_untracked() == Some(Task::Clustering) {
            setup.task.set(None);
        }
    };
    let on_task = move |e| {
        let task = Task::parse(&event_target_value(&e));
        setup.task.set(task);
        let algorithm = setup.algorithm.get_untracked();
        let fits = match task {
            Some(task) => algorithm.supports(task),
            None => !algorithm.supports(Task::Clustering),
        };
        if !fits {
            let first = Algorithm::for_task(task.unwrap_or(Task::Classification)).first().copied();
            setup.algorithm.set(first.unwrap_or(Algorithm::RandomForest));
        }
    };
    let task_option = move |value: &'static str, label: &'static str| {
        view! { <option value=value selected=move || setup.task.get().map_or("auto", Task::name) == value>{label}</option> }
    };
    let about = move || {
        let a = setup.algorithm.get();
        let tasks: Vec<&str> = Task::ALL.into_iter().filter(|t| a.supports(*t)).map(Task::name).collect();
        format!("{}: {} ({}).", a.label(), a.help(), tasks.join(", "))
    };
    view! {
        <div class="fields">
            <div class="field">
                <label for="target-column">"Target column"</label>
                <select id="target-column" disabled=clustering on:change=move |e| {
                    let chosen = event_target_value(&e);
                    setup.chosen_target.set(Some(chosen.clone()));
                    state.reprofile(|o| o.target = Some(chosen));
                }>{target_options}</select>
            </div>
            <div class="field">
                <label for="algorithm">"Algorithm"</label>
                <select id="algorithm" on:change=on_algorithm>
                    {group("Classification and regression", false)}
                    {group("Clustering (no target)", true)}
                </select>
            </div>
            <div class="field">
                <label for="task">"Task"</label>
                <select id="task" on:change=on_task>
                    {task_option("auto", "Automatic")}
                    {task_option("classification", "Classification")}
                    {task_option("regression", "Regression")}
                    {task_option("clustering", "Clustering")}
                </select>
            </div>
            <NumberField label="Test share" value=setup.test_share step="0.05" min="0.05" max="0.9" />
            <div class="field">
                <label for="group-rows-by">"Group rows by"</label>
                <select id="group-rows-by" disabled=clustering
                    title="Rows with the same value (a player, a patient measured yearly) stay together on one side of the split and in one fold"
                    on:change=move |e| {
                        let chosen = event_target_value(&e);
                        setup.chosen_group.set((!chosen.is_empty()).then_some(chosen));
                    }>{group_options}</select>
            </div>
            <NumberField label="Seed" value=setup.seed step="1" min="0" max="" />
        </div>
        <p class="aside algorithm-help">{about}</p>
        <p class="aside">
            {move || if clustering() {
                "Clustering needs no target: it groups every row by similarity. The seed makes the grouping repeatable."
            } else {
                "Automatic task: categories, text and yes/no targets are classified; numbers are regressed. \
                 The test share is held back to measure the model; the seed makes the split and the model repeatable. \
                 Group rows by a column whose values repeat (a player, a patient measured yearly) to keep each one's rows on one side."
            }}
        </p>
    }
}

/// A labelled number input bound to a text signal.
#[component]
pub fn NumberField(
    label: &'static str,
    value: RwSignal<String>,
    step: &'static str,
    min: &'static str,
    max: &'static str,
) -> impl IntoView {
    let id = label.to_lowercase().replace(' ', "-");
    view! {
        <div class="field narrow">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="number"
                inputmode="decimal"
                step=step
                min=min
                max=(!max.is_empty()).then_some(max)
                prop:value=move || value.get()
                on:input=move |e| value.set(event_target_value(&e))
            />
        </div>
    }
}
