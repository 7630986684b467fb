//! Stage 6: use a model on new rows. Choose a model ("Open model JSON", or the model just
//! trained) and a "CSV to predict"; the worker reads both files itself, checks the CSV against
//! the model's columns, applies the recipe and predicts. The page shows the first rows and
//! offers the whole predictions CSV. A bad file is an alert and changes nothing else.

mod model_card;
mod results;

use leptos::prelude::*;
use web_sys::{File, HtmlInputElement};

use crate::client::saved_session::{FileKey, SavedPredict};
use crate::ui::dom::files_of;
use crate::ui::export_model_as::{DownloadModelAs, ModelForm};
use crate::ui::stage::StageSection;
use crate::ui::state::{use_state, AppState, Stage};
use crate::worker::protocol::{Answer, ModelInfo, ModelSource, PredictionsView, Request};

use model_card::ModelCard;
use results::PredictionResults;

/// What the stage holds: the chosen model and CSV (files stay in the page, the worker reads
/// them per job) and the last predictions. Made by [`crate::ui::persist::start`], which saves it.
#[derive(Clone, Copy)]
pub struct PredictChoice {
    model_file: StoredValue<Option<File>, LocalStorage>,
    model: RwSignal<Option<ModelInfo>>,
    csv_file: StoredValue<Option<File>, LocalStorage>,
    csv_name: RwSignal<Option<String>>,
    result: RwSignal<Option<PredictionsView>>,
}

impl PredictChoice {
    /// Nothing chosen.
    pub fn new() -> Self {
        PredictChoice {
            model_file: StoredValue::new_local(None),
            model: RwSignal::new(None),
            csv_file: StoredValue::new_local(None),
            csv_name: RwSignal::new(None),
            result: RwSignal::new(None),
        }
    }

    /// The stage as plain data (tracked), its files named by `key`.
    pub fn saved(self, mut key: impl FnMut(&File) -> Option<FileKey>) -> SavedPredict {
        SavedPredict {
            model_file: self.model_file.get_value().and_then(|f| key(&f)),
            model: self.model.get(),
            csv_file: self.csv_file.get_value().and_then(|f| key(&f)),
            csv_name: self.csv_name.get(),
            result: self.result.get(),
        }
    }

    /// Shows `saved`, its files found by `file`. A model file that is not found is no model.
    pub fn restore(self, saved: SavedPredict, file: impl Fn(&FileKey) -> Option<File>) {
        let model_file = saved.model_file.as_ref().map(&file);
        if matches!(model_file, Some(None)) {
            return;
        }
        self.model_file.set_value(model_file.flatten());
        self.model.set(saved.model);
        self.csv_file.set_value(saved.csv_file.as_ref().and_then(&file));
        self.csv_name.set(saved.csv_name);
        self.result.set(saved.result);
    }

    /// Reads and checks a model; on success it becomes the model (earlier predictions are
    /// cleared) and, if `then_predict`, the CSV chosen (if any) is predicted with it.
    fn use_model(self, state: AppState, file: Option<File>, then_predict: bool) {
        let (source, label) = match &file {
            Some(_) => (ModelSource::File, "Reading the model file"),
            None => (ModelSource::Trained, "Reading the model just trained"),
        };
        let files: Vec<File> = file.iter().cloned().collect();
        state.run(Stage::Predict, label, Request::InspectModel { model: source }, files, move |answer| {
            if let Answer::Model(info) = answer {
                self.model_file.set_value(file);
                self.model.set(Some(*info));
                self.result.set(None);
                if let Some(csv) = self.csv_file.get_value().filter(|_| then_predict) {
                    self.predict(state, csv);
                }
            }
        });
    }

    /// Predicts `csv` with the chosen model; on success it becomes the CSV.
    fn predict(self, state: AppState, csv: File) {
        let model_file = self.model_file.get_value();
        let source = if model_file.is_some() { ModelSource::File } else { ModelSource::Trained };
        let files: Vec<File> = model_file.into_iter().chain([csv.clone()]).collect();
        let label = format!("Predicting {}", csv.name());
        state.run(Stage::Predict, &label, Request::Predict { model: source }, files, move |answer| {
            if let Answer::Predictions(view) = answer {
                self.csv_name.set(Some(csv.name()));
                self.csv_file.set_value(Some(csv));
                self.model.set(Some(view.model.clone()));
                self.result.set(Some(*view));
            }
        });
    }

    /// A CSV chosen: predicted at once if there is a model, else kept for when there is.
    fn choose_csv(self, state: AppState, csv: File) {
        if self.model.with_untracked(Option::is_some) {
            self.predict(state, csv);
        } else {
            self.csv_name.set(Some(csv.name()));
            self.csv_file.set_value(Some(csv));
        }
    }
}

impl Default for PredictChoice {
    fn default() -> Self {
        Self::new()
    }
}

/// The first file of a file input's change, the input cleared so the same file can be
/// chosen again.
fn chosen_file(event: &web_sys::Event) -> Option<File> {
    let input: HtmlInputElement = event_target(event);
    let file = input.files().and_then(|list| files_of(&list).into_iter().next());
    input.set_value("");
    file
}

/// The Predict stage (region "Prediction").
#[component]
pub fn PredictStage() -> impl IntoView {
    let state = use_state();
    let choice = expect_context::<PredictChoice>();
    // A new training replaces "the model just trained": follow it if it was the one in use
    // (its predictions are cleared; the CSV may not fit the new model).
    Effect::watch(
        move || state.trained.with(|t| t.as_ref().map(|t| t.summary.clone())),
        move |trained, _, _| {
            let in_use = choice.model.with_untracked(|m| m.as_ref().is_some_and(|m| m.file.is_none()));
            if in_use && trained.is_some() {
                choice.use_model(state, None, false);
            }
        },
        false,
    );
    let on_model = move |event: web_sys::Event| {
        if let Some(file) = chosen_file(&event) {
            choice.use_model(state, Some(file), true);
        }
    };
    let on_csv = move |event: web_sys::Event| {
        if let Some(file) = chosen_file(&event) {
            choice.choose_csv(state, file);
        }
    };
    let no_trained = move || state.trained.with(Option::is_none) || state.busy();
    let cannot_predict =
        move || choice.model.with(Option::is_none) || choice.csv_name.with(Option::is_none) || state.busy();
    let predict_again = move |_| {
        if let Some(csv) = choice.csv_file.get_value() {
            choice.predict(state, csv);
        }
    };
    view! {
        <StageSection stage=Stage::Predict>
            <div class="predict-inputs">
                <div class="predict-part" role="group" aria-labelledby="predict-model-head">
                    <h3 class="subhead" id="predict-model-head">"Model"</h3>
                    <div class="actions">
                        <input type="file" id="open-model" class="visually-hidden" accept=".json,application/json" on:change=on_model />
                        <label for="open-model" class="button">"Open model JSON"</label>
                        <button type="button" class="button" disabled=no_trained on:click=move |_| choice.use_model(state, None, true)>
                            "Use the model just trained"
                        </button>
                    </div>
                    {move || match choice.model.get() {
                        Some(info) => view! { <ModelCard info=info /> }.into_any(),
                        None => view! { <p class="empty">"No model chosen yet: open a model JSON downloaded from Sift, or train one above."</p> }.into_any(),
                    }}
                    <DownloadModelAs form=ModelForm::Onnx stage=Stage::Predict ready=Signal::derive(move || choice.model.with(Option::is_some)) model_file=move || choice.model_file.get_value() />
                </div>
                <div class="predict-part" role="group" aria-labelledby="predict-csv-head">
                    <h3 class="subhead" id="predict-csv-head">"Rows to predict"</h3>
                    <div class="actions">
                        <input type="file" id="csv-to-predict" class="visually-hidden" accept=".csv,.tsv,.txt,text/csv" on:change=on_csv />
                        <label for="csv-to-predict" class="button">"CSV to predict"</label>
                        <button type="button" class="button primary" disabled=cannot_predict on:click=predict_again>"Predict"</button>
                    </div>
                    {move || match choice.csv_name.get() {
                        Some(name) => view! { <p>"File: "<strong class="file-name">{name}</strong></p> }.into_any(),
                        None => view! { <p class="empty">"A CSV with the model's input columns; other columns are kept in the output and ignored by the model."</p> }.into_any(),
                    }}
                </div>
            </div>
            {move || choice.result.get().map(|view| view! { <PredictionResults view=view /> })}
        </StageSection>
    }
}
