//! Grid search: several values per hyperparameter ("1, 10, 100"), every combination
//! cross-validated on the same folds, best first, and "Use the best values".

use std::collections::HashMap;

use leptos::prelude::*;

use crate::client::saved_session::GridResult;
use crate::ui::state::Stage;
use crate::ui::train::metrics::{mean_std, metric_label};
use crate::ui::train::results::use_train_results;
use crate::ui::train::setup::Setup;
use crate::ui::train::{run_job, Panel};
use crate::worker::protocol::{Algorithm, Answer, ParamSpec, ParamValue, Request, MAX_GRID_POINTS};

/// The "Grid search" panel.
#[component]
pub fn GridSearchPanel(setup: Setup) -> impl IntoView {
    let texts = RwSignal::new(HashMap::<(Algorithm, String), String>::new());
    let result = use_train_results().grid;
    let applied = RwSignal::new(false);
    // Every hyperparameter's checked values to try, in form order.
    let grid = move || -> Vec<(ParamSpec, Result<Vec<ParamValue>, String>)> {
        let algorithm = setup.algorithm.get();
        texts.with(|t| {
            setup
                .specs()
                .into_iter()
                .map(|spec| {
                    let text = t.get(&(algorithm, spec.name.clone())).cloned().unwrap_or_default();
                    let values = spec.grid_values(&text);
                    (spec, values)
                })
                .collect()
        })
    };
    let combinations = move || {
        grid()
            .iter()
            .filter_map(|(_, v)| v.as_ref().ok())
            .map(|v| v.len().max(1))
            .try_fold(1usize, |n, m| n.checked_mul(m))
    };
    let count_text = move || match combinations() {
        Some(n) if n <= MAX_GRID_POINTS => {
            format!("{} {} (at most {MAX_GRID_POINTS}).", n, if n == 1 { "combination" } else { "combinations" })
        }
        _ => format!("More than {MAX_GRID_POINTS} combinations: enter fewer values."),
    };
    let start = move |_| {
        let fail = |e: String| setup.state.fail(Stage::Train, e);
        let folds = match setup.fold_count() {
            Ok(k) => k,
            Err(e) => return fail(e),
        };
        let mut chosen = Vec::new();
        for (spec, values) in grid() {
            match values {
                Ok(values) if values.is_empty() => {}
                Ok(values) => chosen.push((spec.name.clone(), values)),
                Err(e) => return fail(format!("Check the values to try: {e}.")),
            }
        }
        if chosen.is_empty() {
            return fail("Enter several values to try for at least one hyperparameter, such as 1, 10, 100.".into());
        }
        let Some(n) = combinations().filter(|n| *n <= MAX_GRID_POINTS) else {
            return fail(format!("The grid has more than {MAX_GRID_POINTS} combinations; enter fewer values."));
        };
        let algorithm = setup.algorithm.get_untracked();
        let specs = untrack(|| setup.specs());
        let names: Vec<String> = chosen.iter().map(|(name, _)| name.clone()).collect();
        let label = format!("Grid search of {}: {n} combinations × {folds} folds", algorithm.label());
        applied.set(false);
        result.set(None);
        run_job(
            setup,
            &label,
            move |recipe, options| Request::GridSearch { recipe, options, grid: chosen, folds },
            move |answer| {
                if let Answer::GridSearched(search) = answer {
                    result.set(Some(GridResult { search: *search, algorithm, specs, names, folds }));
                }
            },
        );
    };
    // Redrawn only when the algorithm (or task) changes, so typing keeps the focus.
    let inputs = move || {
        let algorithm = setup.algorithm.get();
        setup
            .specs()
            .into_iter()
            .map(|spec| {
                let id = format!("grid-{}", spec.name.replace('_', "-"));
                let key = (algorithm, spec.name.clone());
                let initial = texts.with_untracked(|t| t.get(&key).cloned().unwrap_or_default());
                let example = example(&spec);
                let label = format!("Values to try for {}", spec.label);
                let only = spec
                    .only_when
                    .as_ref()
                    .map(|c| format!("Used only when {} is {}.", c.param, c.values.join(" or ")));
                let read = key.clone();
                let error =
                    Memo::new(move |_| texts.with(|t| spec.grid_values(t.get(&read).map_or("", String::as_str)).err()));
                view! {
                    <div class="field" class:invalid=move || error.with(Option::is_some)>
                        <label for=id.clone()>{label}</label>
                        <input id=id type="text" placeholder=example prop:value=initial
                            on:input=move |e| texts.update(|t| { t.insert(key.clone(), event_target_value(&e)); }) />
                        {only.map(|note| view! { <p class="help">{note}</p> })}
                        {move || error.get().map(|e| view! { <p class="field-error">{e}</p> })}
                    </div>
                }
            })
            .collect_view()
    };
    let use_best = move |_| {
        let Some(found) = result.get_untracked() else {
            return;
        };
        let Some(best) = found.search.best() else {
            return;
        };
        setup.algorithm.set(found.algorithm);
        setup.replace_texts(
            found.names.iter().map(|n| (n.clone(), best.get(n).map(ParamValue::text).unwrap_or_default())),
        );
        applied.set(true);
    };
    view! {
        <Panel title="Grid search" intro=concat!(
            "Enter several values for the hyperparameters to tune, separated by commas; every combination is ",
            "cross-validated on the folds above, the others keep the form's values."
        )>
            <div class="fields grid-fields">{inputs}</div>
            <div class="actions">
                <p class="grid-count" aria-live="polite">{count_text}</p>
                <button type="button" class="button" on:click=start disabled=move || setup.state.busy()>"Run grid search"</button>
            </div>
            {move || result.get().map(|found| view! {
                <GridTable found=found />
                <div class="actions">
                    <button type="button" class="button primary" on:click=use_best>"Use the best values"</button>
                    {move || applied.get().then(|| view! {
                        <p class="note" role="status">"The best values are in the hyperparameter form: press “Train model” to train with them."</p>
                    })}
                </div>
            })}
        </Panel>
    }
}

/// The tried combinations, best first.
#[component]
fn GridTable(found: GridResult) -> impl IntoView {
    let metric = found.search.metric.clone();
    let label = |name: &String| found.specs.iter().find(|s| &s.name == name).map_or(name.clone(), |s| s.label.clone());
    let heads = found.names.iter().map(|n| view! { <th scope="col">{label(n)}</th> }).collect_view();
    let rows = found
        .search
        .points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let cells = found
                .names
                .iter()
                .map(|n| {
                    let spec = found.specs.iter().find(|s| &s.name == n);
                    view! { <td>{point.params.get(n).map(|v| v.shown(spec)).unwrap_or_default()}</td> }
                })
                .collect_view();
            let score = point.metrics.get(&metric).map(|m| mean_std(&metric, m)).unwrap_or_else(|| "—".into());
            view! {
                <tr class:best=i == 0>
                    {cells}
                    <td class="num mean-std">{score}</td>
                    <td>{(i == 0).then_some("Best")}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = format!(
        "Grid search of {}: mean {} ± std over {} folds, best first",
        found.algorithm.label(),
        metric_label(&metric).to_lowercase(),
        found.folds
    );
    view! {
        <div class="table-scroll">
            <table class="data grid-table">
                <caption>{caption}</caption>
                <thead><tr>{heads}<th scope="col">{format!("Mean {} ± std", metric_label(&metric))}</th><th scope="col"><span class="visually-hidden">"Rank"</span></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A placeholder with values of the right kind, e.g. "1, 10, 100".
fn example(spec: &ParamSpec) -> String {
    use crate::worker::protocol::HyperKind;
    match &spec.kind {
        HyperKind::Choice { choices } => choices.join(", "),
        HyperKind::Integer { min, max } => {
            let d = match &spec.default {
                ParamValue::Integer(d) => *d,
                _ => (*min).max(1),
            };
            let mut v = vec![(d / 2).max(*min), d, (d * 2).min(*max)];
            v.dedup();
            v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
        }
        HyperKind::Number { max, .. } => match spec.default.as_number() {
            Some(d) if d > 0.0 => {
                let mut v: Vec<f64> = [d / 10.0, d, d * 10.0].into_iter().filter(|x| x <= max).collect();
                v.dedup();
                v.iter().map(f64::to_string).collect::<Vec<_>>().join(", ")
            }
            _ => "0, 0.5, 1".into(),
        },
    }
}
