//! "Propose clusters" (the button keeps OpenRefine's word): the worker groups similar spellings
//! of the chosen column (OpenRefine's fingerprint or n-gram keys); the user sees each group's
//! values with their counts and the value they would become, edits that name, and ticks the
//! groups to merge. The ticked groups become the step's merges, so nothing is merged without a
//! confirmation.

use leptos::prelude::*;
use serde_json::{json, Value};

use crate::ui::format;
use crate::ui::recipe::preview::recipe_context;
use crate::ui::recipe::step_form::Draft;
use crate::ui::state::{use_state, Stage};
use crate::worker::protocol::{Answer, ClusterProposal, Merge, Request, SpellingGroup, SpellingKey};

/// One proposed cluster and the user's decision on it.
#[derive(Clone, Debug, PartialEq)]
struct Decision {
    cluster: SpellingGroup,
    accepted: bool,
    to: String,
}

/// The clusters proposed for the draft step's column, and the merges typed by hand (or
/// accepted before) that match none of them: they are kept.
#[derive(Clone, Debug, Default, PartialEq)]
struct Proposed {
    column: String,
    rows: usize,
    distinct: usize,
    more: usize,
    decisions: Vec<Decision>,
    other_merges: Vec<Merge>,
}

/// The button and the list of proposed clusters, for a step with a column and merges.
#[component]
pub fn ProposeSpellingGroups(draft: Draft, index: Signal<usize>) -> impl IntoView {
    let state = use_state();
    let proposed = RwSignal::new(None::<Proposed>);
    let column = Memo::new(move |_| draft.with(|d| d.get("column").and_then(Value::as_str).map(str::to_string)));
    // A proposal for another column is out of date.
    Effect::new(move |_| {
        let column = column.get();
        if proposed.with_untracked(|p| p.as_ref().is_some_and(|p| Some(&p.column) != column.as_ref())) {
            proposed.set(None);
        }
    });
    let propose = move |_| {
        let Some(column) = column.get_untracked() else {
            return state.fail(Stage::Prepare, "Choose the column whose spellings to cluster first.".into());
        };
        let (method, ngram_size) = draft.with_untracked(|d| {
            let method = d
                .get("method")
                .cloned()
                .and_then(|m| serde_json::from_value(m).ok())
                .unwrap_or(SpellingKey::Fingerprint);
            (method, d.get("ngram_size").and_then(Value::as_u64).map_or(2, |n| n as usize))
        });
        let request = Request::ProposeClusters {
            recipe: state.recipe.get_untracked(),
            index: index.get_untracked(),
            column,
            method,
            ngram_size,
            context: recipe_context(state),
        };
        state.run(Stage::Prepare, "Finding similar spellings", request, Vec::new(), move |answer| {
            // The form may have been closed meanwhile.
            if let (Answer::Clusters(proposal), Some(merges)) =
                (answer, draft.try_with_untracked(|d| current_merges(d.get("merges"))))
            {
                proposed.try_set(Some(decide(*proposal, merges)));
            }
        });
    };
    // Writes the accepted clusters (and the other merges) into the draft. The list is not
    // drawn again (the controls show the decision), so focus stays where it is.
    let decide_on = move |i: usize, change: &dyn Fn(&mut Decision)| {
        let Some(merges) = proposed
            .try_update_untracked(|p| {
                let p = p.as_mut()?;
                change(p.decisions.get_mut(i)?);
                Some(merges_of(p))
            })
            .flatten()
        else {
            return;
        };
        draft.update(|d| {
            d.insert("merges".into(), merges);
        });
    };
    view! {
        <div class="clusters">
            <button type="button" class="button small" on:click=propose disabled=move || column.with(Option::is_none)>"Propose clusters"</button>
            {move || proposed.get().map(|p| view! { <ClusterList proposed=p decide_on=decide_on /> })}
        </div>
    }
}

#[component]
fn ClusterList(
    proposed: Proposed,
    decide_on: impl Fn(usize, &dyn Fn(&mut Decision)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let found = match proposed.decisions.len() + proposed.more {
        0 => format!(
            "No similar spellings among the {} distinct values of {}.",
            format::count(proposed.distinct),
            proposed.column
        ),
        1 => format!(
            "1 cluster of similar spellings among the {} distinct values of {}.",
            format::count(proposed.distinct),
            proposed.column
        ),
        n => format!(
            "{} clusters of similar spellings among the {} distinct values of {}.",
            format::count(n),
            format::count(proposed.distinct),
            proposed.column
        ),
    };
    let counted = format!("Counted on {} rows.", format::count(proposed.rows));
    let more = (proposed.more > 0).then(|| format!("The {} largest are shown.", proposed.decisions.len()));
    let ask = (!proposed.decisions.is_empty())
        .then_some(" Tick each cluster to merge; its values become the name beside it.");
    let items = proposed
        .decisions
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let number = i + 1;
            let values = d
                .cluster
                .values
                .iter()
                .map(|v| view! { <li><span class="value">{format!("“{}”", v.value)}</span>" "<span class="count">{format!("× {}", format::count(v.count))}</span></li> })
                .collect_view();
            view! {
                <li class="cluster">
                    <label class="check">
                        <input type="checkbox" prop:checked=d.accepted aria-label=format!("Accept cluster {number}")
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                decide_on(i, &|d| d.accepted = on)
                            } />
                        {format!("Cluster {number}")}
                    </label>
                    <ul class="cluster-values" aria-label=format!("Values of cluster {number}")>{values}</ul>
                    <label class="cluster-name">
                        "Merge into "
                        <input type="text" prop:value=d.to.clone() aria-label=format!("New value for cluster {number}")
                            on:change=move |e| {
                                let to = event_target_value(&e);
                                decide_on(i, &|d| d.to = to.clone())
                            } />
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="cluster-proposal" role="region" aria-label="Proposed clusters">
            <p class="aside">{found}" "{counted}{more.map(|m| format!(" {m}"))}{ask}</p>
            <ol class="cluster-list">{items}</ol>
        </div>
    }
}

/// The decisions on a new proposal: a cluster starts accepted (under its merge's name) when
/// a merge already in the step covers all its values.
fn decide(proposal: ClusterProposal, merges: Vec<Merge>) -> Proposed {
    let covers = |m: &Merge, c: &SpellingGroup| c.values.iter().all(|v| v.value == m.to || m.from.contains(&v.value));
    let decisions: Vec<Decision> = proposal
        .clusters
        .into_iter()
        .map(|cluster| match merges.iter().find(|m| covers(m, &cluster)) {
            Some(m) => Decision { to: m.to.clone(), accepted: true, cluster },
            None => Decision { to: cluster.to.clone(), accepted: false, cluster },
        })
        .collect();
    let other_merges = merges.into_iter().filter(|m| !decisions.iter().any(|d| covers(m, &d.cluster))).collect();
    Proposed {
        column: proposal.column,
        rows: proposal.rows,
        distinct: proposal.distinct,
        more: proposal.more,
        decisions,
        other_merges,
    }
}

/// The step's merges: the other merges, then each accepted cluster into its name.
fn merges_of(proposed: &Proposed) -> Value {
    let mut merges: Vec<Value> = proposed.other_merges.iter().map(|m| json!({ "from": m.from, "to": m.to })).collect();
    for d in proposed.decisions.iter().filter(|d| d.accepted) {
        let to = d.to.trim();
        let to = if to.is_empty() { d.cluster.to.as_str() } else { to };
        let from: Vec<&str> = d.cluster.values.iter().map(|v| v.value.as_str()).filter(|v| *v != to).collect();
        merges.push(json!({ "from": from, "to": to }));
    }
    Value::from(merges)
}

/// The merges a draft holds.
fn current_merges(value: Option<&Value>) -> Vec<Merge> {
    value.cloned().and_then(|v| serde_json::from_value(v).ok()).unwrap_or_default()
}
