//! "Add a step": choose a kind of step (grouped by family), set its parameters, see what it
//! would do, and add it to the end of the recipe.

use leptos::prelude::*;
use serde_json::{Map, Value};

use crate::ui::recipe::preview::{recipe_context, StepPreviewPanel};
use crate::ui::recipe::step_form::StepForm;
use crate::ui::state::{use_state, Stage};
use crate::worker::protocol::{catalogue, Family, RecipeStep, Step, StepInfo};

/// The kind a new step starts as.
const FIRST_KIND: &str = "drop_columns";

/// The form that appends a step.
#[component]
pub fn AddStep() -> impl IntoView {
    let state = use_state();
    let kinds = StoredValue::new(catalogue());
    let kind = RwSignal::new(FIRST_KIND.to_string());
    let info = Memo::new(move |_| kinds.with_value(|k| k.iter().find(|i| i.kind == kind.get()).cloned()));
    let draft = RwSignal::new(Map::new());
    Effect::new(move |_| {
        if let Some(info) = info.get() {
            draft.set(info.defaults(&[], recipe_context(state).seed));
        }
    });
    let step = Signal::derive(move || Step::from_value(Value::Object(draft.get())));
    let end = Signal::derive(move || state.recipe.with(|r| r.steps.len()));
    let add = move |_| match step.get_untracked() {
        Ok(step) => {
            state.alert.set(None);
            state.edit_recipe(|r| r.steps.push(RecipeStep::new(step)));
            if let Some(info) = info.get_untracked() {
                draft.set(info.defaults(&[], recipe_context(state).seed));
            }
        }
        Err(problem) => state.fail(Stage::Prepare, format!("This step cannot be added yet: {problem}")),
    };
    view! {
        <fieldset class="add-step">
            <legend>"Add a step"</legend>
            <div class="fields">
                <div class="field">
                    <label for="step-kind">"Kind of step"</label>
                    <select id="step-kind" on:change=move |e| kind.set(event_target_value(&e))>
                        {kinds.with_value(|k| kind_options(k, FIRST_KIND))}
                    </select>
                </div>
            </div>
            {move || info.get().map(|info| view! {
                <p class="step-explain">{info.explanation.clone()}</p>
                <StepForm info=info draft=draft prefix="step".to_string() index=end />
            })}
            <StepPreviewPanel step=step index=end />
            <button type="button" class="button" on:click=add>"Add step"</button>
        </fieldset>
    }
}

/// The kinds of step as options grouped by family.
fn kind_options(kinds: &[StepInfo], selected: &str) -> impl IntoView {
    Family::ALL
        .iter()
        .map(|family| {
            let options = kinds
                .iter()
                .filter(|k| k.family == *family)
                .map(|k| view! { <option value=k.kind.clone() selected=k.kind == selected>{k.title.clone()}</option> })
                .collect_view();
            view! { <optgroup label=family.label()>{options}</optgroup> }
        })
        .collect_view()
}
