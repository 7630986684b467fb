//! The columns each step of the recipe sees: the dataset's columns as the steps before it
//! leave them (one-hot outputs, date parts, "was missing" indicators, renamed columns), so a
//! later step can pick a column an earlier one made. The worker works them out on the first
//! rows a moment after each change of the recipe, with each step's problem (a column it
//! names that no longer exists where it is).

use leptos::prelude::*;

use crate::ui::recipe::preview::recipe_context;
use crate::ui::recipe::settle::Settle;
use crate::ui::state::AppState;
use crate::worker::protocol::{Answer, ColumnsAtSteps, Recipe, Request, StepColumn};

/// Which data a column list belongs to: its name, rows and columns.
type DataKey = (String, usize, usize);

/// The last column lists, with the data and recipe they were worked out for.
#[derive(Clone, Copy)]
pub struct StepColumns {
    state: AppState,
    known: RwSignal<Option<(DataKey, Recipe, ColumnsAtSteps)>>,
}

/// Provides the column lists to the recipe's forms and keeps them up to date.
pub fn provide_step_columns(state: AppState) {
    let known = RwSignal::new(None);
    let settle = Settle::new();
    Effect::new(move |_| {
        let recipe = state.recipe.get();
        let data = data_key(state);
        state.profile.track(); // the target changes what some steps do
        let Some(data) = data.filter(|_| !recipe.steps.is_empty()) else {
            settle.next();
            return known.set(None);
        };
        let asked = recipe.clone();
        settle.ask_later(
            state,
            "Listing each step's columns",
            move || Request::RecipeColumns { recipe: asked, context: recipe_context(state) },
            move |result| {
                if let Ok(Answer::Columns(columns)) = result {
                    known.set(Some((data, recipe, *columns)));
                }
            },
        );
    });
    provide_context(StepColumns { state, known });
}

/// The column lists of the page.
pub fn use_step_columns() -> StepColumns {
    expect_context::<StepColumns>()
}

impl StepColumns {
    /// The columns step `index` sees (`index` = the number of steps: after the last). Until
    /// the worker answers, the latest lists it gave, or the dataset's columns.
    pub fn at(self, index: usize) -> Vec<StepColumn> {
        let data = data_key(self.state);
        let listed = self.known.with(|known| {
            known
                .as_ref()
                .filter(|(key, ..)| Some(key) == data.as_ref())
                .and_then(|(_, _, columns)| columns.before.get(index).or(columns.before.last()).cloned())
        });
        listed.unwrap_or_else(|| {
            self.state.dataset.with(|d| {
                d.iter()
                    .flat_map(|d| d.columns.iter())
                    .map(|c| StepColumn { name: c.name.clone(), column_type: c.column_type })
                    .collect()
            })
        })
    }

    /// Why step `index` cannot run where it is, once the worker has checked this recipe.
    pub fn problem(self, index: usize) -> Option<String> {
        let data = data_key(self.state);
        self.known.with(|known| {
            let (key, recipe, columns) = known.as_ref()?;
            if Some(key) != data.as_ref() || !self.state.recipe.with(|r| r == recipe) {
                return None;
            }
            columns.problems.get(index).cloned().flatten()
        })
    }
}

fn data_key(state: AppState) -> Option<DataKey> {
    state.dataset.with(|d| d.as_ref().map(|d| (d.name.clone(), d.rows, d.columns.len())))
}
