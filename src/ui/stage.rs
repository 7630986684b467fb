//! The frame every stage shares: a numbered heading, a hint, and the stage's alert.

use leptos::prelude::*;

use crate::ui::state::{use_state, Stage};

impl Stage {
    /// 1 for the first stage.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The id of the stage's `<section>`, which the stage navigator links to.
    pub fn section_id(self) -> String {
        format!("stage-{}", self.number())
    }

    /// The stage's heading, one word.
    pub fn title(self) -> &'static str {
        match self {
            Stage::Data => "Data",
            Stage::Quality => "Quality",
            Stage::Prepare => "Prepare",
            Stage::Train => "Train",
            Stage::Evaluate => "Evaluate",
            Stage::Predict => "Predict",
            Stage::Export => "Export",
        }
    }

    /// The section's accessible name (a region landmark).
    fn region(self) -> &'static str {
        match self {
            Stage::Data => "Data",
            Stage::Quality => "Data quality report",
            Stage::Prepare => "Recipe",
            Stage::Train => "Training",
            Stage::Evaluate => "Evaluation",
            Stage::Predict => "Prediction",
            Stage::Export => "Export",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Stage::Data => "Open one or more CSV files — or drop them anywhere on this page — or try the sample data.",
            Stage::Quality => "See what is in each column: its type, gaps, duplicates and anything unusual.",
            Stage::Prepare => {
                "Build a recipe of cleaning steps, applied in order. Optional: when you train, Sift adds the steps the model needs."
            }
            Stage::Train => "Pick the column to predict and an algorithm, then train.",
            Stage::Evaluate => "How well the model predicts rows it never saw while training.",
            Stage::Predict => "Use a model on new rows: open a model JSON (or use the model just trained) and a CSV to predict.",
            Stage::Export => "Take the results with you: the cleaned data, the recipe, and the trained model.",
        }
    }
}

/// A stage's `<section>`: number, heading, hint, alert slot, then `children`.
#[component]
pub fn StageSection(stage: Stage, children: Children) -> impl IntoView {
    let id = stage.section_id();
    view! {
        <section class="stage" id=id aria-label=stage.region()>
            <header class="stage-head">
                <span class="stage-number" aria-hidden="true">{stage.number()}</span>
                <h2>{stage.title()}</h2>
            </header>
            <p class="hint">{stage.hint()}</p>
            <AlertSlot stage=stage />
            {children()}
        </section>
    }
}

/// The alert of a failed job started in `stage`, dismissable.
#[component]
fn AlertSlot(stage: Stage) -> impl IntoView {
    let state = use_state();
    let message = move || state.alert.with(|a| a.as_ref().filter(|a| a.stage == stage).map(|a| a.message.clone()));
    move || {
        message().map(|message| {
            view! {
                <div class="alert" role="alert">
                    <p>{message}</p>
                    <button type="button" class="dismiss" aria-label="Dismiss message" on:click=move |_| state.alert.set(None)>
                        "×"
                    </button>
                </div>
            }
        })
    }
}
