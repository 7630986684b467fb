//! "Compare models": several algorithms trained on the same split, ranked on a leaderboard
//! by the chosen score; a row's button trains that model.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::client::saved_session::Leaderboard;
use crate::ui::state::Stage;
use crate::ui::train::metrics::{lower_is_better, metric_label, metric_names, metric_value};
use crate::ui::train::results::use_train_results;
use crate::ui::train::setup::Setup;
use crate::ui::train::{run_job, train_model, Panel};
use crate::worker::protocol::{Algorithm, Answer, Entry, Request, Task};

/// The models ticked at first: quick ones that do well without tuning.
const FIRST_PICKS: [Algorithm; 6] = [
    Algorithm::LogisticRegression,
    Algorithm::LinearRegression,
    Algorithm::Ridge,
    Algorithm::DecisionTree,
    Algorithm::RandomForest,
    Algorithm::Knn,
];

/// The "Compare models" panel.
#[component]
pub fn CompareModels(setup: Setup) -> impl IntoView {
    let picked = RwSignal::new(HashSet::from(FIRST_PICKS));
    let rank_by = RwSignal::new(None::<String>);
    let result = use_train_results().leaderboard;
    let task = move || match setup.effective_task() {
        Some(Task::Regression) => Task::Regression,
        _ => Task::Classification,
    };
    let metric = move || {
        let names = metric_names(result.with(|r| r.as_ref().map(|r| r.task)).unwrap_or_else(task));
        rank_by.get().filter(|m| names.contains(&m.as_str())).unwrap_or_else(|| names[0].to_string())
    };
    let boxes = move || {
        Algorithm::for_task(task())
            .into_iter()
            .map(|a| {
                let id = format!("compare-{}", a.name().replace('_', "-"));
                view! {
                    <label class="check small" title=a.help()>
                        <input id=id type="checkbox" prop:checked=move || picked.with(|p| p.contains(&a))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                picked.update(|p| { if on { p.insert(a); } else { p.remove(&a); } });
                            } />
                        {a.label()}
                    </label>
                }
            })
            .collect_view()
    };
    let start = move |_| {
        let algorithms: Vec<Algorithm> =
            Algorithm::for_task(task()).into_iter().filter(|a| picked.with(|p| p.contains(a))).collect();
        if algorithms.len() < 2 {
            return setup.state.fail(Stage::Train, "Tick at least two models to compare.".into());
        }
        let label = format!("Comparing {} models", algorithms.len());
        let task = task();
        run_job(
            setup,
            &label,
            move |recipe, options| Request::CompareModels { recipe, options, algorithms },
            move |answer| {
                if let Answer::Leaderboard { entries } = answer {
                    result.set(Some(Leaderboard { task, entries }));
                }
            },
        );
    };
    let rank_options = move || {
        let chosen = metric();
        metric_names(result.with(|r| r.as_ref().map(|r| r.task)).unwrap_or_else(task))
            .iter()
            .map(|&m| view! { <option value=m selected=chosen == m>{metric_label(m).to_string()}</option> })
            .collect_view()
    };
    view! {
        <Panel title="Compare models" intro="Trains each ticked model with its default hyperparameters on the same training rows and scores it on the same test rows.">
            <fieldset class="compare-picks">
                <legend>"Models to compare"</legend>
                {boxes}
            </fieldset>
            <div class="actions">
                <div class="field inline">
                    <label for="rank-by">"Rank by"</label>
                    <select id="rank-by" on:change=move |e| rank_by.set(Some(event_target_value(&e)))>{rank_options}</select>
                </div>
                <button type="button" class="button" on:click=start disabled=move || setup.state.busy()>"Compare models"</button>
            </div>
            {move || result.get().map(|found| view! { <Board found=found metric=metric() setup=setup /> })}
        </Panel>
    }
}

/// The leaderboard table, sorted by `metric` (best first; failures last).
#[component]
fn Board(found: Leaderboard, metric: String, setup: Setup) -> impl IntoView {
    let names = metric_names(found.task);
    let mut entries = found.entries;
    let key = |e: &Entry| e.metrics.get(&metric).copied().filter(|x| x.is_finite());
    let lower = lower_is_better(&metric);
    entries.sort_by(|a, b| match (key(a), key(b)) {
        (Some(x), Some(y)) if lower => x.total_cmp(&y),
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let heads = names
        .iter()
        .map(|&m| view! { <th scope="col" class:ranked=m == metric>{metric_label(m).to_string()}</th> })
        .collect_view();
    let rows = entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let a = entry.algorithm;
            let cells = match &entry.error {
                Some(error) => view! { <td colspan=names.len() class="note">{format!("Could not train: {error}")}</td> }.into_any(),
                None => names
                    .iter()
                    .map(|&m| view! { <td class="num">{entry.metrics.get(m).map(|x| metric_value(m, *x)).unwrap_or_else(|| "—".into())}</td> })
                    .collect_view()
                    .into_any(),
            };
            let train = move |_| {
                setup.algorithm.set(a);
                train_model(setup);
            };
            view! {
                <tr>
                    <td class="num">{i + 1}</td>
                    <th scope="row">{a.label()}</th>
                    {cells}
                    <td><button type="button" class="button small quiet" on:click=train disabled=move || setup.state.busy()
                        aria-label=format!("Train {}", a.label())>"Train"</button></td>
                </tr>
            }
        })
        .collect_view();
    let caption =
        format!("Leaderboard, by {} ({} is better)", metric_label(&metric), if lower { "lower" } else { "higher" });
    view! {
        <div class="table-scroll">
            <table class="data leaderboard" aria-label="Leaderboard">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"#"</th><th scope="col">"Model"</th>{heads}<th scope="col"><span class="visually-hidden">"Action"</span></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
