//! Stage 4: choose the target, algorithm, task and hyperparameters; train; and validate
//! beyond one split (cross-validation, grid search, a leaderboard of models). Every job
//! runs in the worker, with progress and Cancel in the status bar.

mod choices;
mod grid;
mod leaderboard;
mod metrics;
mod params_form;
pub mod results;
pub mod setup;
mod summary;
mod validation;

use leptos::prelude::*;

use crate::ui::setup_link::CopySetupLink;
use crate::ui::stage::StageSection;
use crate::ui::state::{use_state, Stage, TrainedModel};
use crate::worker::protocol::{Answer, Recipe, Request, Task, TrainOptions};
use choices::Choices;
use grid::GridSearchPanel;
use leaderboard::CompareModels;
use params_form::ParamsForm;
use setup::{use_setup, Setup};
use summary::Summary;
use validation::CrossValidationPanel;

/// The Train stage (region "Training").
#[component]
pub fn TrainStage() -> impl IntoView {
    let state = use_state();
    let setup = use_setup();
    let supervised = move || setup.effective_task() != Some(Task::Clustering);
    view! {
        <StageSection stage=Stage::Train>
            <Choices setup=setup />
            <ParamsForm setup=setup />
            <div class="actions">
                <button type="button" class="button primary" on:click=move |_| train_model(setup) disabled=move || state.busy()>
                    "Train model"
                </button>
                <CopySetupLink />
            </div>
            {move || state.trained.get().map(|model| view! { <Summary model=model /> })}
            <h3 class="validate-head">"Validate beyond one split"</h3>
            <Show
                when=supervised
                fallback=|| view! {
                    <p class="aside">"Cross-validation, grid search and comparing models score predictions of a target; clustering has none."</p>
                }
            >
                <div class="train-panels">
                    <CrossValidationPanel setup=setup />
                    <GridSearchPanel setup=setup />
                    <CompareModels setup=setup />
                </div>
            </Show>
        </StageSection>
    }
}

/// Trains the chosen model; its summary replaces the last one.
pub fn train_model(setup: Setup) {
    let state = setup.state;
    let dataset = state.dataset.with_untracked(|d| d.as_ref().map(|d| d.name.clone()).unwrap_or_default());
    let label = format!("Training {}", setup.algorithm.get_untracked().label());
    run_job(
        setup,
        &label,
        |recipe, options| Request::Train { recipe, options },
        move |answer| {
            if let Answer::Trained { recipe, summary } = answer {
                if summary.task != Task::Clustering {
                    let target = summary.target.clone();
                    state.reprofile(|o| o.target = Some(target));
                }
                state.edit_recipe(|r| *r = recipe);
                state.trained.set(Some(TrainedModel { dataset, summary: *summary }));
            }
        },
    );
}

/// Runs a job on the chosen options and the recipe, or shows what is wrong with the options.
pub fn run_job(
    setup: Setup,
    label: &str,
    request: impl FnOnce(Recipe, TrainOptions) -> Request,
    on_answer: impl FnOnce(Answer) + 'static,
) {
    let state = setup.state;
    let options = match setup.options() {
        Ok(options) => options,
        Err(message) => return state.fail(Stage::Train, message),
    };
    let recipe = state.recipe.get_untracked();
    state.run(Stage::Train, label, request(recipe, options), Vec::new(), on_answer);
}

/// A titled panel of the stage (a region named by its title) with a line on what it does.
#[component]
fn Panel(title: &'static str, intro: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="train-panel" aria-label=title>
            <h3>{title}</h3>
            <p class="aside">{intro}</p>
            {children()}
        </section>
    }
}
