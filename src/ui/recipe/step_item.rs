//! One step of the recipe: what it does, and the controls to turn it off, edit it in place
//! (with a preview), move it (buttons, keyboard or drag) and remove it.

use leptos::prelude::*;
use serde_json::Value;

use crate::ui::recipe::preview::StepPreviewPanel;
use crate::ui::recipe::step_columns::use_step_columns;
use crate::ui::recipe::step_form::StepForm;
use crate::ui::state::{use_state, AppState, Stage};
use crate::worker::protocol::{RecipeStep, Step};

/// The step being dragged, by position.
pub type Dragging = RwSignal<Option<usize>>;

/// Step `index` of the recipe.
#[component]
pub fn StepItem(index: usize, entry: RecipeStep, count: usize, dragging: Dragging) -> impl IntoView {
    let state = use_state();
    let columns = use_step_columns();
    let editing = RwSignal::new(false);
    let number = index + 1;
    let enabled = entry.enabled;
    let toggle = move |_| {
        state.edit_recipe(|r| {
            if let Some(s) = r.steps.get_mut(index) {
                s.enabled = !s.enabled;
            }
        })
    };
    let remove = move |_| {
        state.edit_recipe(|r| {
            if index < r.steps.len() {
                r.steps.remove(index);
            }
        })
    };
    let on_keydown = move |e: web_sys::KeyboardEvent| {
        if !e.alt_key() {
            return;
        }
        match e.key().as_str() {
            "ArrowUp" if index > 0 => move_step(state, index, index - 1),
            "ArrowDown" if index + 1 < count => move_step(state, index, index + 1),
            _ => return,
        }
        e.prevent_default();
    };
    let on_drop = move |e: web_sys::DragEvent| {
        e.prevent_default();
        if let Some(from) = dragging.get_untracked() {
            move_step(state, from, index);
        }
        dragging.set(None);
    };
    let (first, last) = (index == 0, index + 1 >= count);
    let title = entry.step.describe();
    let explanation = entry.step.explain();
    let step = entry.step.clone();
    view! {
        <li class="step" class:disabled=!enabled class:drop-target=move || dragging.get().is_some_and(|d| d != index)
            tabindex="0"
            on:dragover=move |e: web_sys::DragEvent| e.prevent_default()
            on:drop=on_drop
            on:keydown=on_keydown>
            <div class="step-row">
                <span class="drag-handle" aria-hidden="true" title="Drag to move" draggable="true"
                    on:dragstart=move |_| dragging.set(Some(index)) on:dragend=move |_| dragging.set(None)>"⠿"</span>
                <div class="step-text">
                    <p class="step-title">
                        {title.clone()}
                        {entry.automatic.then(|| view! { " " <span class="badge automatic" title="Added by Sift when training needed it">"automatic"</span> })}
                        {(!enabled).then(|| view! { " " <span class="badge off" title="Skipped until you turn it on">"off"</span> })}
                    </p>
                    <p class="step-explain">{explanation}</p>
                    {move || columns.problem(index).map(|problem| view! {
                        <p class="step-problem">{format!("This step cannot run here: {problem}.")}</p>
                    })}
                </div>
                <div class="step-controls">
                    <label class="check small">
                        <input type="checkbox" prop:checked=enabled on:change=toggle aria-label=format!("Use step {number}") />
                        "On"
                    </label>
                    <button type="button" class="button small quiet" aria-label=format!("Edit step {number}")
                        aria-expanded=move || editing.get().to_string() on:click=move |_| editing.update(|e| *e = !*e)>"Edit"</button>
                    <button type="button" class="button small quiet" aria-label=format!("Move step {number} up") disabled=first
                        on:click=move |_| move_step(state, index, index.saturating_sub(1))>"↑"</button>
                    <button type="button" class="button small quiet" aria-label=format!("Move step {number} down") disabled=last
                        on:click=move |_| move_step(state, index, index + 1)>"↓"</button>
                    <button type="button" class="button small quiet" aria-label=format!("Remove step {number}") on:click=remove>"Remove"</button>
                </div>
            </div>
            <Show when=move || editing.get()>
                <EditStep index=index step=step.clone() done=move || editing.set(false) />
            </Show>
        </li>
    }
}

/// The step's parameters in place, with its preview; "Save" replaces the step.
#[component]
fn EditStep(index: usize, step: Step, done: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let state = use_state();
    let info = step.info();
    let draft = RwSignal::new(match step.to_value() {
        Value::Object(map) => map,
        _ => Default::default(),
    });
    let edited = Signal::derive(move || Step::from_value(Value::Object(draft.get())));
    let save = move |_| match edited.get_untracked() {
        Ok(step) => {
            state.edit_recipe(|r| {
                if let Some(s) = r.steps.get_mut(index) {
                    s.step = step;
                }
            });
            done();
        }
        Err(problem) => state.fail(Stage::Prepare, format!("Step {} cannot be saved yet: {problem}", index + 1)),
    };
    view! {
        <div class="edit-step">
            <StepForm info=info draft=draft prefix=format!("edit-{}", index + 1) index=Signal::derive(move || index) />
            <StepPreviewPanel step=edited index=Signal::derive(move || index) />
            <div class="actions">
                <button type="button" class="button small" on:click=save>"Save"</button>
                <button type="button" class="button small quiet" on:click=move |_| done()>"Cancel"</button>
            </div>
        </div>
    }
}

/// Moves the step at `from` to position `to`.
fn move_step(state: AppState, from: usize, to: usize) {
    state.edit_recipe(|r| {
        if from < r.steps.len() && to < r.steps.len() && from != to {
            let step = r.steps.remove(from);
            r.steps.insert(to, step);
        }
    });
}
