//! The saved session: everything a reload must bring back, as one versioned JSON document.
//!
//! The page saves it in the browser as the person works and reads it back on startup. Data is
//! not in it: each opened file is stored apart (as the browser's own `Blob`) and the document
//! names it by a key; the worker reads the files again through the loads recorded by
//! [`Session`] ([`SavedSession::replay`]). The trained model travels as its model JSON and is
//! restored without training ([`Request::RestoreModel`]), so a 100 MB dataset is read again
//! but never retrained.
//!
//! Reading is a boundary like a model file: the document comes from storage another version
//! of Sift (or a broken disk) may have written. [`SavedSession::read`] checks the format
//! version first, then the whole document, then that its loads are only loads; anything else is
//! [`Dropped`] with a sentence for the person, never a panic.

use serde::{Deserialize, Serialize};

use crate::client::history::History;
use crate::client::session::Session;
use crate::client::train_form::TrainForm;
use crate::worker::protocol::{
    Algorithm, CrossValidation, Entry, GridSearch, IngestOptions, ModelInfo, ParamSpec, PredictionsView,
    ProfileOptions, Recipe, Request, Task, TrainSummary,
};

/// The document format this version writes and reads. Raise it when a change cannot be read
/// by the serde defaults, and add the step from the old format to [`migrate`].
pub const FORMAT: u32 = 1;

/// How the document names a stored file.
pub type FileKey = String;

/// Everything a reload brings back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedSession {
    /// The document format ([`FORMAT`]).
    pub format: u32,
    /// The Sift that saved it (`CARGO_PKG_VERSION`), for messages.
    pub sift_version: String,
    /// When it was saved: milliseconds since 1970-01-01 UTC, the page's clock.
    pub saved_at: f64,
    /// The requests that loaded the data, in order, with the keys of their files.
    pub loads: Vec<SavedLoad>,
    /// The active dataset's index.
    pub active: usize,
    pub profile: ProfileOptions,
    pub read_options: IngestOptions,
    pub recipe: Recipe,
    pub history: History,
    pub form: TrainForm,
    pub model: Option<SavedModel>,
    #[serde(default)]
    pub results: SavedResults,
    #[serde(default)]
    pub predict: SavedPredict,
}

/// One load: a request that read files, a sample or a join, or made the report again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedLoad {
    pub request: Request,
    pub files: Vec<FileKey>,
}

/// The model just trained: what the page shows and the model JSON the worker restores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedModel {
    /// The dataset it was trained on, by name.
    pub dataset: String,
    pub summary: TrainSummary,
    pub json: String,
}

/// The Train stage's validation results.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedResults {
    pub cross_validation: Option<CrossValidation>,
    pub grid: Option<GridResult>,
    pub leaderboard: Option<Leaderboard>,
}

/// A finished grid search and what it searched over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GridResult {
    pub search: GridSearch,
    pub algorithm: Algorithm,
    pub specs: Vec<ParamSpec>,
    /// The parameters given several values, in form order.
    pub names: Vec<String>,
    pub folds: usize,
}

/// A finished comparison of models.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Leaderboard {
    pub task: Task,
    pub entries: Vec<Entry>,
}

/// The Predict stage: the chosen model (a model file, or the model just trained), the CSV and
/// the last predictions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedPredict {
    pub model_file: Option<FileKey>,
    pub model: Option<ModelInfo>,
    pub csv_file: Option<FileKey>,
    pub csv_name: Option<String>,
    pub result: Option<PredictionsView>,
}

/// A stored document that was not restored, and why, in a sentence for the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    pub message: String,
}

impl Dropped {
    /// The sentence for a document dropped because of `why`.
    pub fn because(why: impl std::fmt::Display) -> Dropped {
        Dropped {
            message: format!(
                "Your saved session could not be restored and was dropped: {why}. Open your data again to start anew."
            ),
        }
    }
}

impl SavedSession {
    /// A document of `session`'s loads, their files named by `key` (`None`: the file is not
    /// stored, and the session cannot be saved whole — then the load is left out, with all
    /// loads after it, which may depend on it).
    /// Of several report changes in a row only the last is kept: each made the same report
    /// again, which a 100 MB dataset should not wait for on every restore.
    pub fn loads_of<F: Clone>(session: &Session<F>, mut key: impl FnMut(&F) -> Option<FileKey>) -> Vec<SavedLoad> {
        let is_profile = |load: &SavedLoad| matches!(load.request, Request::Profile { .. });
        let mut loads: Vec<SavedLoad> = Vec::new();
        for (request, files) in session.loads() {
            let Some(files) = files.iter().map(&mut key).collect::<Option<Vec<_>>>() else {
                break;
            };
            let load = SavedLoad { request: request.clone(), files };
            if is_profile(&load) && loads.last().is_some_and(is_profile) {
                loads.pop();
            }
            loads.push(load);
        }
        loads
    }

    /// The document as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored document: this format, or an older one migrated; anything else (not
    /// JSON, cut short, another program's, a newer format, requests that are not loads) is
    /// [`Dropped`] with the reason.
    pub fn read(text: &str) -> Result<SavedSession, Dropped> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Dropped::because(format_args!("it is not a Sift session ({e})")))?;
        let format = value
            .get("format")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| Dropped::because("it has no format version, so it is not a Sift session"))?;
        let saved_by =
            value.get("sift_version").and_then(serde_json::Value::as_str).unwrap_or("an unknown version").to_string();
        if format > u64::from(FORMAT) {
            return Err(Dropped::because(format_args!(
                "it was saved by a newer Sift ({saved_by}, session format {format}); this Sift ({}) reads format {FORMAT} and older",
                env!("CARGO_PKG_VERSION")
            )));
        }
        let value = migrate(value, format as u32, &saved_by)?;
        let session: SavedSession = serde_path_to_error::deserialize(value)
            .map_err(|e| Dropped::because(format_args!("its field {} is wrong ({})", e.path(), e.inner())))?;
        session.check()?;
        Ok(session)
    }

    /// Every load is one, and each names as many files as it reads.
    fn check(&self) -> Result<(), Dropped> {
        for (i, load) in self.loads.iter().enumerate() {
            let files = match &load.request {
                Request::LoadFiles { names, .. } => names.len(),
                Request::Reread { .. } => load.files.len(),
                Request::LoadSample { .. } | Request::Join(_) | Request::Profile { .. } => 0,
                other => {
                    let kind = serde_json::to_value(other).ok().and_then(|v| v["kind"].as_str().map(String::from));
                    return Err(Dropped::because(format_args!(
                        "load {} is not a load but “{}”",
                        i + 1,
                        kind.unwrap_or_default()
                    )));
                }
            };
            if load.files.len() != files {
                return Err(Dropped::because(format_args!(
                    "load {} reads {} files but names {}",
                    i + 1,
                    files,
                    load.files.len()
                )));
            }
        }
        Ok(())
    }

    /// The requests that bring a fresh worker back to the saved state, with the keys of their
    /// files: every load, the model (restored, not trained again), then the active dataset.
    /// Nothing when nothing was loaded.
    pub fn replay(&self) -> Vec<(Request, Vec<FileKey>)> {
        if self.loads.is_empty() {
            return Vec::new();
        }
        let mut requests: Vec<_> = self.loads.iter().map(|l| (l.request.clone(), l.files.clone())).collect();
        if let Some(model) = &self.model {
            requests.push((Request::RestoreModel { json: model.json.clone() }, Vec::new()));
        }
        requests.push((Request::Activate { index: self.active }, Vec::new()));
        requests
    }

    /// Every stored file the document names, each once, in order of first use.
    pub fn file_keys(&self) -> Vec<FileKey> {
        let mut keys: Vec<FileKey> = Vec::new();
        let named = self.loads.iter().flat_map(|l| l.files.iter());
        for key in named.chain(self.predict.model_file.iter()).chain(self.predict.csv_file.iter()) {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        keys
    }
}

/// A document of format `from` as the current format reads it. Format 1 is the first, so an
/// older one (0) cannot be read.
fn migrate(value: serde_json::Value, from: u32, saved_by: &str) -> Result<serde_json::Value, Dropped> {
    match from {
        FORMAT => Ok(value),
        _ => Err(Dropped::because(format_args!(
            "it was saved by an older Sift ({saved_by}, session format {from}) whose sessions this Sift cannot read"
        ))),
    }
}
