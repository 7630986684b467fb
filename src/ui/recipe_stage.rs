//! Stage 3: the recipe — its steps in order, removable, and a form to add one.

use leptos::html;
use leptos::prelude::*;

use crate::ui::dom::selected_values;
use crate::ui::stage::StageSection;
use crate::ui::state::{use_state, Stage};
use crate::worker::protocol::{ImputeStrategy, RecipeStep, Step};

/// The kinds of step a user can add: (value, label).
const STEP_KINDS: [(&str, &str); 4] = [
    ("drop_columns", "Drop column"),
    ("impute", "Impute missing"),
    ("one_hot", "One-hot encode"),
    ("standard_scale", "Standard scale"),
];

/// The Prepare stage (region "Recipe").
#[component]
pub fn RecipeStage() -> impl IntoView {
    let state = use_state();
    let steps = move || state.recipe.with(|r| r.steps.clone());
    view! {
        <StageSection stage=Stage::Prepare>
            <ol class="steps" aria-label="Recipe steps">
                {move || steps().into_iter().enumerate().map(|(i, step)| view! { <StepItem index=i step=step /> }).collect_view()}
            </ol>
            <Show when=move || state.recipe.with(|r| r.steps.is_empty())>
                <p class="empty">"No steps yet. Add one, or just train: Sift adds what the model needs."</p>
            </Show>
            <AddStep />
        </StageSection>
    }
}

#[component]
fn StepItem(index: usize, step: RecipeStep) -> impl IntoView {
    let state = use_state();
    let remove = move |_| {
        state.recipe.update(|r| {
            if index < r.steps.len() {
                r.steps.remove(index);
            }
        })
    };
    view! {
        <li class="step">
            <div class="step-row">
            <div class="step-text">
                <p class="step-title">
                    {step.step.describe()}
                    {step.automatic.then(|| view! { " " <span class="badge automatic" title="Added by Sift when training needed it">"automatic"</span> })}
                </p>
                <p class="step-explain">{step.step.explain()}</p>
            </div>
            <button type="button" class="button small quiet" aria-label=format!("Remove step {}", index + 1) on:click=remove>
                "Remove"
            </button>
            </div>
        </li>
    }
}

/// The form that appends a step.
#[component]
fn AddStep() -> impl IntoView {
    let state = use_state();
    let kind = RwSignal::new(STEP_KINDS[0].0.to_string());
    let strategy = RwSignal::new(ImputeStrategy::Median);
    let columns_select = NodeRef::<html::Select>::new();
    let is_impute = move || kind.with(|k| k == "impute");
    let column_options = move || state.column_options();
    let add = move |_| {
        let columns = columns_select
            .get()
            .map(|s| selected_values(&s))
            .unwrap_or_default();
        if columns.is_empty() {
            state.fail(
                Stage::Prepare,
                "Choose at least one column for the step (hold Ctrl or ⌘ to pick several).".into(),
            );
            return;
        }
        let step = match kind.get().as_str() {
            "impute" => Step::Impute {
                columns,
                strategy: strategy.get(),
            },
            "one_hot" => Step::OneHot { columns },
            "standard_scale" => Step::StandardScale { columns },
            _ => Step::DropColumns { columns },
        };
        state.alert.set(None);
        state.recipe.update(|r| {
            r.steps.push(RecipeStep {
                step,
                automatic: false,
            })
        });
        if let Some(select) = columns_select.get() {
            select.set_selected_index(-1);
        }
    };
    let strategy_options = move || {
        ImputeStrategy::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| view! { <option value=i.to_string() selected=*s == strategy.get_untracked()>{capitalize(s.label())}</option> })
            .collect_view()
    };
    let on_strategy = move |event| {
        if let Some(s) = event_target_value(&event)
            .parse::<usize>()
            .ok()
            .and_then(|i| ImputeStrategy::ALL.get(i))
        {
            strategy.set(*s);
        }
    };
    view! {
        <fieldset class="add-step">
            <legend>"Add a step"</legend>
            <div class="fields">
                <div class="field">
                    <label for="step-kind">"Step"</label>
                    <select id="step-kind" on:change=move |e| kind.set(event_target_value(&e))>
                        {STEP_KINDS.iter().map(|(value, label)| view! { <option value=*value>{*label}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="step-columns">"Columns"</label>
                    <select id="step-columns" multiple size="6" node_ref=columns_select>{column_options}</select>
                </div>
                <Show when=is_impute>
                    <div class="field">
                        <label for="step-strategy">"Strategy"</label>
                        <select id="step-strategy" on:change=on_strategy>{strategy_options()}</select>
                    </div>
                </Show>
            </div>
            <button type="button" class="button" on:click=add>"Add step"</button>
        </fieldset>
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
