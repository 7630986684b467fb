//! The page's state: what the worker last told us, the recipe, and the running job. Every
//! method of [`AppState`] is here; the decisions behind them (undo, the job queue) are in
//! [`crate::client`].

use leptos::prelude::*;
use web_sys::File;

use crate::client::history::History;
use crate::client::jobs::{JobStatus, Outcome};
use crate::client::session::Session;
use crate::ui::worker_client::WorkerClient;
use crate::worker::protocol::{Answer, DatasetView, IngestOptions, ProfileOptions, Recipe, Request, TrainSummary};

/// The stages of the page, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Data,
    Quality,
    Prepare,
    Train,
    Evaluate,
    Predict,
    Export,
}

/// A failed job's message, shown in the stage that started it.
#[derive(Clone, Debug, PartialEq)]
pub struct StageAlert {
    pub stage: Stage,
    pub message: String,
}

/// A trained model as the page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainedModel {
    /// The dataset it was trained on.
    pub dataset: String,
    pub summary: TrainSummary,
}

/// Shared, copyable handles on the page's state (provided as context).
#[derive(Clone, Copy)]
pub struct AppState {
    /// The active dataset, its preview and report.
    pub dataset: RwSignal<Option<DatasetView>>,
    /// The user's recipe; sent with every Train and Export request. Change it with
    /// [`AppState::edit_recipe`] so the edit can be undone.
    pub recipe: RwSignal<Recipe>,
    /// Earlier and undone versions of the recipe.
    pub history: RwSignal<History>,
    pub trained: RwSignal<Option<TrainedModel>>,
    /// How the quality report is made: the chosen target, Spearman or not.
    pub profile: RwSignal<ProfileOptions>,
    /// How to read files: for the next files opened and for re-reading the active one.
    pub read_options: RwSignal<IngestOptions>,
    /// The files behind each loaded dataset, by index (several when they were appended;
    /// none for the bundled sample or a join).
    pub sources: StoredValue<Vec<Vec<File>>, LocalStorage>,
    pub alert: RwSignal<Option<StageAlert>>,
    pub job: RwSignal<Option<JobStatus>>,
    client: StoredValue<WorkerClient, LocalStorage>,
}

impl AppState {
    /// Creates the state and starts the worker.
    pub fn new() -> Self {
        let job = RwSignal::new(None);
        let alert = RwSignal::new(None);
        let client =
            WorkerClient::start(job, move |message| alert.set(Some(StageAlert { stage: Stage::Data, message })));
        AppState {
            dataset: RwSignal::new(None),
            recipe: RwSignal::new(Recipe::default()),
            history: RwSignal::new(History::default()),
            trained: RwSignal::new(None),
            read_options: RwSignal::new(IngestOptions::default()),
            profile: RwSignal::new(ProfileOptions::default()),
            sources: StoredValue::new_local(Vec::new()),
            alert,
            job,
            client: StoredValue::new_local(client),
        }
    }

    /// Runs a job in the worker. On success `on_answer` gets the answer; on failure the
    /// message becomes `stage`'s alert and nothing else changes.
    pub fn run(
        self,
        stage: Stage,
        label: &str,
        request: Request,
        files: Vec<File>,
        on_answer: impl FnOnce(Answer) + 'static,
    ) {
        self.alert.set(None);
        self.client.with_value(|client| {
            client.call(label, request, files, move |result| match result {
                Ok(answer) => on_answer(answer),
                Err(message) => self.fail(stage, message),
            })
        });
    }

    /// Runs a job whose outcome, failure included, `done` shows itself (a preview, say). It
    /// runs in the background: the page's buttons stay usable meanwhile.
    pub fn ask(self, label: &str, request: Request, done: impl FnOnce(Outcome) + 'static) {
        self.client.with_value(|client| client.call_in_background(label, request, done));
    }

    /// What the worker holds, as the requests (and files) that built it: the saved session's loads.
    pub fn session(self) -> Session<File> {
        self.client.with_value(WorkerClient::session)
    }

    /// Changes the recipe, remembering the version before for undo. Edits that change
    /// nothing are not remembered.
    pub fn edit_recipe(self, edit: impl FnOnce(&mut Recipe)) {
        self.change_recipe(|history, current| history.edit(current, edit));
    }

    /// Before other data is opened: the steps Sift added for a model of the last dataset name
    /// its columns, so they go (the user's own steps stay, and the edit can be undone);
    /// training adds what the new data needs.
    pub fn forget_automatic_steps(self) {
        self.edit_recipe(|recipe| recipe.steps.retain(|s| !s.automatic));
    }

    /// Takes back the last edit of the recipe.
    pub fn undo(self) {
        self.change_recipe(History::undo);
    }

    /// Does again the last undone edit.
    pub fn redo(self) {
        self.change_recipe(History::redo);
    }

    /// Shows the recipe that `change` (an edit, undo or redo) answers from the history and
    /// the current recipe; when it answers none, neither the recipe nor the history changes.
    fn change_recipe(self, change: impl FnOnce(&mut History, &Recipe) -> Option<Recipe>) {
        let current = self.recipe.get_untracked();
        let mut next = None;
        self.history.maybe_update(|history| {
            next = change(history, &current);
            next.is_some()
        });
        if let Some(next) = next {
            self.recipe.set(next);
        }
    }

    /// Shows `message` as `stage`'s alert.
    pub fn fail(self, stage: Stage, message: String) {
        self.alert.set(Some(StageAlert { stage, message }));
    }

    /// Stops the running job (the worker restarts and restores the data).
    pub fn cancel(self) {
        self.client.with_value(WorkerClient::cancel);
    }

    /// Whether a job the person started is running or waiting (a background preview is not).
    pub fn busy(self) -> bool {
        self.job.with(|job| job.as_ref().is_some_and(|job| job.busy))
    }

    /// Loads files or the sample, or joins two datasets; on success the last new dataset
    /// becomes the active one.
    pub fn load(self, label: &str, request: Request, files: Vec<File>) {
        self.load_then(label, request, files, || {});
    }

    /// [`AppState::load`], then `then` once the new dataset is shown.
    pub fn load_then(self, label: &str, request: Request, files: Vec<File>, then: impl FnOnce() + 'static) {
        let opened = files.clone();
        self.run(Stage::Data, label, request, files, move |answer| {
            if let Answer::Dataset(view) = &answer {
                self.sources.update_value(|sources| {
                    for added in view.datasets.iter().skip(sources.len()) {
                        sources.push(opened.iter().filter(|f| added.files.contains(&f.name())).cloned().collect());
                    }
                });
            }
            self.show(answer);
            then();
        });
    }

    /// Changes how the report is made (if it changes) and asks the worker for the new report.
    pub fn reprofile(self, change: impl FnOnce(&mut ProfileOptions)) {
        let mut options = self.profile.get_untracked();
        change(&mut options);
        if options == self.profile.get_untracked() || self.dataset.with_untracked(|d| d.is_none()) {
            self.profile.set(options);
            return;
        }
        self.profile.set(options.clone());
        self.run(
            Stage::Quality,
            "Updating the quality report",
            Request::Profile { options },
            Vec::new(),
            move |answer| self.show(answer),
        );
    }

    /// One `<option>` per column of the active dataset, labelled "name (type)".
    pub fn column_options(self) -> impl IntoView {
        self.dataset.with(|d| {
            d.iter()
                .flat_map(|d| d.columns.iter())
                .map(|c| view! { <option value=c.name.clone()>{format!("{} ({})", c.name, c.column_type.name())}</option> })
                .collect_view()
        })
    }

    /// Takes in an answer that carries the active dataset.
    pub fn show(self, answer: Answer) {
        if let Answer::Dataset(view) = answer {
            self.dataset.set(Some(*view));
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// The state provided by [`crate::ui::App`].
pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
