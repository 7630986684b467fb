//! Stage 3, the recipe (region "Recipe"): the ordered steps, each editable in place with a
//! before/after preview, movable, switchable and removable; undo and redo; opening a saved
//! recipe; and the form that adds a step of any kind the engine knows.

mod add_step;
mod open_recipe;
mod preview;
mod settle;
mod spellings;
mod step_columns;
mod step_form;
mod step_item;
mod undo_shortcuts;

use leptos::prelude::*;

use crate::ui::stage::StageSection;
use crate::ui::state::{use_state, Stage};
use add_step::AddStep;
use open_recipe::OpenRecipe;
use step_item::StepItem;

/// The Prepare stage.
#[component]
pub fn RecipeStage() -> impl IntoView {
    let state = use_state();
    undo_shortcuts::install_shortcuts(state);
    step_columns::provide_step_columns(state);
    let dragging = RwSignal::new(None);
    let steps = move || {
        let steps = state.recipe.with(|r| r.steps.clone());
        let count = steps.len();
        steps
            .into_iter()
            .enumerate()
            .map(|(i, entry)| view! { <StepItem index=i entry=entry count=count dragging=dragging /> })
            .collect_view()
    };
    view! {
        <StageSection stage=Stage::Prepare>
            <div class="actions recipe-tools">
                <button type="button" class="button small" on:click=move |_| state.undo()
                    disabled=move || !state.history.with(|h| h.can_undo()) aria-keyshortcuts="Control+Z">"Undo"</button>
                <button type="button" class="button small" on:click=move |_| state.redo()
                    disabled=move || !state.history.with(|h| h.can_redo()) aria-keyshortcuts="Control+Shift+Z">"Redo"</button>
                <OpenRecipe />
            </div>
            <ol class="steps" aria-label="Recipe steps">{steps}</ol>
            <Show when=move || state.recipe.with(|r| r.steps.is_empty())>
                <p class="empty">"No steps yet. Add one, or just train: Sift adds what the model needs."</p>
            </Show>
            <p class="aside">"Move a step with its arrows, Alt+↑/↓, or by dragging it. Ctrl+Z undoes an edit."</p>
            <AddStep />
        </StageSection>
    }
}
