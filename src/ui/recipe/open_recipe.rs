//! "Open recipe JSON": a saved recipe replaces the current one (undoably) after the worker
//! checks it against the data; a recipe naming absent columns gets a message naming them.

use leptos::prelude::*;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlInputElement;

use crate::ui::recipe::preview::recipe_context;
use crate::ui::state::{use_state, AppState, Stage};
use crate::worker::protocol::{Answer, Request};

/// The file input and its label.
#[component]
pub fn OpenRecipe() -> impl IntoView {
    let state = use_state();
    let on_change = move |event: web_sys::Event| {
        let input: HtmlInputElement = event_target(&event);
        let file = input.files().and_then(|list| list.get(0));
        input.set_value("");
        if let Some(file) = file {
            spawn_local(read_and_open(state, file));
        }
    };
    view! {
        <input type="file" id="open-recipe" class="visually-hidden" accept=".json,application/json" on:change=on_change />
        <label for="open-recipe" class="button small">"Open recipe JSON"</label>
    }
}

async fn read_and_open(state: AppState, file: web_sys::File) {
    let text = match JsFuture::from(file.text()).await {
        Ok(text) => text.as_string().unwrap_or_default(),
        Err(_) => return state.fail(Stage::Prepare, format!("{} could not be read", file.name())),
    };
    if state.dataset.with_untracked(Option::is_none) {
        return state
            .fail(Stage::Prepare, "Open the data first: a recipe is checked against the data it will clean.".into());
    }
    let request = Request::OpenRecipe { text, context: recipe_context(state) };
    state.run(Stage::Prepare, "Opening the recipe", request, Vec::new(), move |answer| {
        if let Answer::Recipe(recipe) = answer {
            state.edit_recipe(|r| *r = recipe);
        }
    });
}
