//! What the user chose on the Train stage, shared by its panels: target, algorithm, task,
//! split (and the column its rows are grouped by), seed, folds and each algorithm's hyperparameter texts, and the options they make.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::client::train_form::TrainForm;
use crate::ui::state::AppState;
use crate::worker::protocol::{
    hyperparameters, Algorithm, ColumnSummary, ColumnType, DatasetView, ParamSpec, Params, Task, TrainOptions,
};
use crate::worker::samples::sample_read_as;

/// The text of each hyperparameter field, by algorithm and parameter name (absent: default).
pub type Texts = HashMap<(Algorithm, String), String>;

/// Copyable handles on the Train stage's choices.
#[derive(Clone, Copy)]
pub struct Setup {
    pub state: AppState,
    /// The target the user picked (`None`: the default one).
    pub chosen_target: RwSignal<Option<String>>,
    /// The target in force: the chosen one if it still exists, else the default.
    pub target: Memo<Option<String>>,
    /// The column the user picked under "Group rows by" (`None`: rows are split one by one).
    pub chosen_group: RwSignal<Option<String>>,
    /// The group column in force: the chosen one while it exists and is not the target.
    pub group: Memo<Option<String>>,
    pub algorithm: RwSignal<Algorithm>,
    /// `None`: automatic (from the target's type, or clustering for a clustering algorithm).
    pub task: RwSignal<Option<Task>>,
    pub test_share: RwSignal<String>,
    pub seed: RwSignal<String>,
    pub folds: RwSignal<String>,
    pub params: RwSignal<Texts>,
    /// Bumped when the hyperparameter texts change from outside the form, so it redraws.
    pub params_version: RwSignal<u32>,
}

impl Setup {
    /// Fresh choices over the active dataset of `state`. The page makes one, in
    /// [`crate::ui::App`], and provides it as context ([`use_setup`]).
    pub fn new(state: AppState) -> Setup {
        let chosen_target = RwSignal::new(None::<String>);
        let target = Memo::new(move |_| {
            state.dataset.with(|d| {
                let columns = d.as_ref().map(|d| d.columns.as_slice()).unwrap_or_default();
                match chosen_target.get() {
                    Some(name) if columns.iter().any(|c| c.name == name) => Some(name),
                    _ => d.as_ref().and_then(suggested_target).or_else(|| default_target(columns)),
                }
            })
        });
        let chosen_group = RwSignal::new(None::<String>);
        let group = Memo::new(move |_| {
            let chosen = chosen_group.get()?;
            let exists = state.dataset.with(|d| d.iter().flat_map(|d| d.columns.iter()).any(|c| c.name == chosen));
            (exists && target.get().as_deref() != Some(chosen.as_str())).then_some(chosen)
        });
        let setup = Setup {
            state,
            chosen_target,
            target,
            chosen_group,
            group,
            algorithm: RwSignal::new(Algorithm::RandomForest),
            task: RwSignal::new(None),
            test_share: RwSignal::new(String::new()),
            seed: RwSignal::new(String::new()),
            folds: RwSignal::new(String::new()),
            params: RwSignal::new(Texts::new()),
            params_version: RwSignal::new(0),
        };
        setup.set_form(TrainForm::default());
        setup
    }

    /// Every choice as plain data (tracked: an effect that saves it reruns on any change).
    pub fn form(self) -> TrainForm {
        let mut params: Vec<_> =
            self.params.with(|t| t.iter().map(|((a, name), text)| (*a, name.clone(), text.clone())).collect());
        params.sort_by(|a, b| (a.0.label(), &a.1).cmp(&(b.0.label(), &b.1)));
        TrainForm {
            target: self.chosen_target.get(),
            group: self.chosen_group.get(),
            algorithm: self.algorithm.get(),
            task: self.task.get(),
            test_share: self.test_share.get(),
            seed: self.seed.get(),
            folds: self.folds.get(),
            params,
        }
    }

    /// Sets every choice from `form`; the hyperparameter form redraws.
    pub fn set_form(self, form: TrainForm) {
        self.chosen_target.set(form.target);
        self.chosen_group.set(form.group);
        self.algorithm.set(form.algorithm);
        self.task.set(form.task);
        self.test_share.set(form.test_share);
        self.seed.set(form.seed);
        self.folds.set(form.folds);
        self.params.set(form.params.into_iter().map(|(a, name, text)| ((a, name), text)).collect());
        self.params_version.update(|v| *v += 1);
    }

    /// The task training will do, as far as the page can tell (the worker decides again).
    pub fn effective_task(self) -> Option<Task> {
        if let Some(task) = self.task.get() {
            return Some(task);
        }
        if self.algorithm.get().supports(Task::Clustering) {
            return Some(Task::Clustering);
        }
        let target = self.target.get()?;
        self.state.dataset.with(|d| {
            let column = d.as_ref()?.report.columns.iter().find(|c| c.name == target)?;
            // The engine's rule (learn::infer_task), read from the quality report.
            match column.column_type {
                ColumnType::Category | ColumnType::Text | ColumnType::Boolean => Some(Task::Classification),
                ColumnType::Integer if column.distinct <= 10 => Some(Task::Classification),
                ColumnType::Integer | ColumnType::Number => Some(Task::Regression),
                ColumnType::Date | ColumnType::DateTime => None,
            }
        })
    }

    /// The task whose hyperparameters the form shows: the effective one if the algorithm
    /// does it, else the first it does.
    pub fn spec_task(self) -> Task {
        let algorithm = self.algorithm.get();
        match self.effective_task() {
            Some(task) if algorithm.supports(task) => task,
            _ => Task::ALL.into_iter().find(|t| algorithm.supports(*t)).unwrap_or(Task::Classification),
        }
    }

    /// The hyperparameters of the chosen algorithm.
    pub fn specs(self) -> Vec<ParamSpec> {
        hyperparameters(self.algorithm.get(), self.spec_task())
    }

    /// The text of `spec`'s field for the chosen algorithm.
    pub fn text(self, spec: &ParamSpec) -> String {
        let algorithm = self.algorithm.get();
        self.params.with(|t| t.get(&(algorithm, spec.name.clone())).cloned()).unwrap_or_else(|| spec.default.text())
    }

    /// Sets the text of parameter `name` of the chosen algorithm.
    pub fn set_text(self, name: &str, text: String) {
        let algorithm = self.algorithm.get_untracked();
        self.params.update(|t| {
            t.insert((algorithm, name.to_string()), text);
        });
    }

    /// Every field back to its default, or to `values`; the form redraws.
    pub fn replace_texts(self, values: impl IntoIterator<Item = (String, String)>) {
        let algorithm = self.algorithm.get_untracked();
        self.params.update(|t| {
            for (name, text) in values {
                t.insert((algorithm, name), text);
            }
        });
        self.params_version.update(|v| *v += 1);
    }

    /// Forgets the chosen algorithm's edits; the form redraws with the defaults.
    pub fn reset_texts(self) {
        let algorithm = self.algorithm.get_untracked();
        self.params.update(|t| t.retain(|(a, _), _| *a != algorithm));
        self.params_version.update(|v| *v += 1);
    }

    /// The hyperparameters that differ from their defaults and apply (checked), or the first
    /// field's problem.
    pub fn param_values(self) -> Result<Params, String> {
        let specs = self.specs();
        let text = |name: &str| specs.iter().find(|s| s.name == name).map(|s| self.text(s)).unwrap_or_default();
        let mut params = Params::new();
        for spec in specs.iter().filter(|s| s.applies(text)) {
            let value = spec.check_text(&self.text(spec))?;
            if value != spec.default {
                params.set(&spec.name, value);
            }
        }
        Ok(params)
    }

    /// The options for a training or validation job, or what is wrong with them.
    pub fn options(self) -> Result<TrainOptions, String> {
        let algorithm = self.algorithm.get_untracked();
        let clustering = self.effective_task() == Some(Task::Clustering);
        let target = match self.target.get_untracked() {
            // The target select is disabled for clustering: no column is left out of it.
            _ if clustering => String::new(),
            Some(target) => target,
            None => return Err("Load data first: there is no column to predict yet.".into()),
        };
        let params = self.param_values().map_err(|e| format!("Check the hyperparameters: {e}."))?;
        let share = self.test_share.get_untracked();
        let test_share = share.trim().parse::<f64>().ok().filter(|x| *x > 0.0 && *x < 1.0).ok_or_else(|| {
            format!("The test share must be a number between 0 and 1, such as 0.25 (it is “{}”).", share.trim())
        })?;
        let seed = self.seed.get_untracked();
        let seed = seed
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("The seed must be a whole number, such as 42 (it is “{}”).", seed.trim()))?;
        let task = self.task.get_untracked().or(clustering.then_some(Task::Clustering));
        Ok(TrainOptions {
            target,
            task,
            algorithm,
            params,
            test_share,
            seed,
            // Clustering has no split to group (the select is disabled then).
            group: if clustering { None } else { self.group.get_untracked() },
        })
    }

    /// The number of folds, checked.
    pub fn fold_count(self) -> Result<usize, String> {
        use crate::worker::protocol::MAX_FOLDS;
        let text = self.folds.get_untracked();
        text.trim().parse::<usize>().ok().filter(|k| (2..=MAX_FOLDS).contains(k)).ok_or_else(|| {
            format!(
                "The number of folds must be a whole number from 2 to {MAX_FOLDS}, such as 5 (it is “{}”).",
                text.trim()
            )
        })
    }
}

/// The target a bundled sample suggests, when the dataset is one and still has that column.
fn suggested_target(view: &DatasetView) -> Option<String> {
    let files = view.datasets.get(view.active).map(|d| d.files.as_slice()).unwrap_or_default();
    let sample = sample_read_as(&view.name, files)?;
    view.columns.iter().any(|c| c.name == sample.target).then(|| sample.target.to_string())
}

/// The first category column, else the last column.
fn default_target(columns: &[ColumnSummary]) -> Option<String> {
    columns.iter().find(|c| c.column_type == ColumnType::Category).or(columns.last()).map(|c| c.name.clone())
}

/// The Train stage's choices provided by [`crate::ui::App`].
pub fn use_setup() -> Setup {
    expect_context::<Setup>()
}
