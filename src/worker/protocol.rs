//! Messages between the UI thread and the worker.
//!
//! Each [`Request`] travels as JSON in a message `{ id, request, files }` where `files` holds
//! the browser `File` objects of a [`Request::LoadFiles`] (the worker reads them itself, so
//! the UI never holds a whole dataset). Every request gets exactly one [`Reply`] with the same
//! id; long jobs may send [`WorkerMessage::Progress`] before it.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};

pub use crate::engine::artifact::SchemaColumn;
pub use crate::engine::base::dates::{format_iso_date, format_iso_datetime};
/// The one description of a parameter, of which [`Param`] (a step's) and [`ParamSpec`] (a
/// hyperparameter's) are the two kinds.
pub use crate::engine::base::params;
pub use crate::engine::base::sql::Dialect;
pub use crate::engine::base::table::ColumnType;
pub use crate::engine::combine::{JoinKind, JoinSpec};
pub use crate::engine::ingest::{IngestOptions, IngestReport, RaggedRows};
pub use crate::engine::learn::{specs as hyperparameters, ParamKind as HyperKind, ParamSpec, ParamValue, Params};
pub use crate::engine::learn::{Algorithm, Task};
pub use crate::engine::profile::{Alert, ColumnProfile, Correlations, ProfileOptions, Report};
pub use crate::engine::recipe::{
    catalogue, ColumnChange, ColumnStats, Family, FitContext, ImputeStrategy, Param, ParamKind, Recipe, RecipeStep,
    Step, StepInfo, StepPreview,
};
pub use crate::engine::recipe::{ColumnsAtSteps, Merge, SpellingGroup, SpellingKey, StepColumn, ValueCount};
pub use crate::engine::train::{ClassCurve, ClusterSize, Importance};
pub use crate::engine::train::{ClassScore, Evaluation, TrainOptions, TrainSummary};
pub use crate::engine::train::{CrossValidation, Entry, GridPoint, GridSearch, MeanStd, MAX_GRID_POINTS};
pub use crate::engine::Error;
pub use crate::worker::predict_jobs::{ModelInfo, ModelSource, PredictionsView, PREDICTION_PREVIEW_ROWS};
pub use crate::worker::recipe_jobs::{Applied, ClusterProposal};

/// Something the UI asks the worker to do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Request {
    /// Parse the attached files (their names, in order). Files with the same columns are
    /// appended into one dataset with a `source_file` column. All or nothing: if one file
    /// fails, nothing already loaded changes. The last dataset becomes the active one.
    LoadFiles {
        names: Vec<String>,
        #[serde(default)]
        options: IngestOptions,
    },
    /// Read dataset `index` again with other options (its files attached, unless it is a
    /// bundled sample; a joined dataset cannot be re-read); it becomes the active dataset.
    /// On error it stays as it was.
    Reread { index: usize, options: IngestOptions },
    /// Join two loaded datasets into a new one, which becomes the active dataset.
    Join(JoinRequest),
    /// Load a bundled sample dataset by name (see [`SAMPLES`]).
    LoadSample { name: String },
    /// Profile again with these options (a target enables the imbalance and leakage alerts;
    /// Spearman adds rank correlations); they stay in force for later reports.
    Profile { options: ProfileOptions },
    /// Make another loaded dataset the active one.
    Activate { index: usize },
    /// Train on the active dataset with the user's recipe (automatic steps are added as needed).
    Train { recipe: Recipe, options: TrainOptions },
    /// The active dataset with the recipe fitted on all its rows and applied, as CSV.
    ExportCleanedCsv { recipe: Recipe },
    /// The last trained model as JSON.
    ExportModel,
    /// The recipe as JSON.
    ExportRecipe { recipe: Recipe },
    /// One SQL `SELECT` in `dialect` over a table named `input` (`sift sql`): with no recipe,
    /// the last trained model's (what `sift predict` writes); with one, the recipe fitted on
    /// the active dataset's rows (what the cleaned CSV holds).
    ExportSql { dialect: Dialect, recipe: Option<Recipe> },
    /// The model as one ONNX file, recipe and model in one graph (`sift onnx`; docs/onnx.md):
    /// the model just trained, or the attached model JSON. A model with a step or algorithm
    /// that has no exact ONNX translation is refused, naming it.
    ExportOnnx { model: ModelSource },
    /// The model as a scikit-learn script that rebuilds the recipe and the algorithm and
    /// reports the same metrics (`sift python`; docs/python.md): the model just trained, or the
    /// attached model JSON. A step or algorithm with no scikit-learn twin is refused, naming it.
    ExportPython { model: ModelSource },
    /// What `step` would do at position `index` of `recipe` (replacing nothing: the steps
    /// from `index` on are left out), on the first rows of the active dataset.
    PreviewStep { recipe: Recipe, index: usize, step: Step, context: FitContext },
    /// Read a saved recipe and check it against the active dataset.
    OpenRecipe { text: String, context: FitContext },
    /// The columns (names and types) each step of `recipe` sees and those after its last
    /// step, with each step's problem, on the first rows of the active dataset.
    RecipeColumns { recipe: Recipe, context: FitContext },
    /// Similar spellings of `column` as step `index` of `recipe` sees it, on every row.
    ProposeClusters {
        recipe: Recipe,
        index: usize,
        column: String,
        method: SpellingKey,
        ngram_size: usize,
        context: FitContext,
    },
    /// Fit `recipe` on every row of the active dataset and apply it, answering the shape
    /// (the cleaned CSV without writing it; the recipe benchmark times it).
    ApplyRecipe { recipe: Recipe, context: FitContext },
    /// Panics inside a job; used by the end-to-end test of crash recovery.
    Crash,
    /// Read and describe a model: the attached model JSON, or the model just trained.
    InspectModel { model: ModelSource },
    /// Make `json` (a model JSON Sift wrote) the model just trained, without training: how a
    /// saved session brings its model back. Answers the model's description.
    RestoreModel { json: String },
    /// Predict the attached CSV (attached after the model JSON, for a model file); the
    /// predictions CSV is kept for [`Request::ExportPredictions`].
    Predict { model: ModelSource },
    /// The predictions CSV of the last [`Request::Predict`].
    ExportPredictions,
    /// Cross-validate `options` on `folds` folds (stratified for classification), the recipe
    /// fitted inside each fold.
    CrossValidate { recipe: Recipe, options: TrainOptions, folds: usize },
    /// Cross-validate every combination of `grid`'s values (each hyperparameter with the
    /// values to try; the others as in `options.params`), at most [`MAX_GRID_POINTS`].
    GridSearch { recipe: Recipe, options: TrainOptions, grid: Vec<(String, Vec<ParamValue>)>, folds: usize },
    /// Train each of `algorithms` (default hyperparameters) on the same split and rank them.
    CompareModels { recipe: Recipe, options: TrainOptions, algorithms: Vec<Algorithm> },
}

/// Which datasets to join, and how.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JoinRequest {
    pub left: usize,
    pub right: usize,
    #[serde(flatten)]
    pub spec: JoinSpec,
}

pub use crate::worker::samples::{Sample, SAMPLES};

/// What the worker answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Answer {
    /// The active dataset after a load or activation.
    Dataset(Box<DatasetView>),
    /// Training finished.
    Trained { recipe: Recipe, summary: Box<TrainSummary> },
    /// A file for the browser to download.
    Download(FileDownload),
    /// A step's before/after preview.
    Preview(Box<StepPreview>),
    /// A recipe read from a file, checked against the active dataset.
    Recipe(Recipe),
    /// The columns before each recipe step and after the last.
    Columns(Box<ColumnsAtSteps>),
    /// Proposed clusters of similar spellings.
    Clusters(Box<ClusterProposal>),
    /// The data's shape after the whole recipe.
    Applied(Box<Applied>),
    /// A model read for the Predict stage.
    Model(Box<ModelInfo>),
    /// A CSV predicted: the first rows (the whole CSV waits in the worker for download).
    Predictions(Box<PredictionsView>),
    /// Cross-validated scores (mean and standard deviation over the folds).
    CrossValidated(Box<CrossValidation>),
    /// Every combination of a grid search, best first.
    GridSearched(Box<GridSearch>),
    /// Models trained on the same split, best first.
    Leaderboard { entries: Vec<Entry> },
}

/// The active dataset as the UI shows it: a summary, a preview page and the quality report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatasetView {
    /// Every loaded dataset; `active` indexes it.
    pub datasets: Vec<DatasetSummary>,
    pub active: usize,
    pub name: String,
    pub rows: usize,
    pub columns: Vec<ColumnSummary>,
    /// Set when only the start of a too-large file was opened: says so in plain words.
    pub sample_note: Option<String>,
    /// How the dataset was put together (files appended, or a join), in plain words.
    pub made_from: Option<String>,
    /// What reading the file detected or decided (encoding, delimiter, header, notes).
    pub ingest: IngestReport,
    /// The options the file was read with (`None` fields were detected).
    pub options: IngestOptions,
    /// The first rows as display text (`None` = missing), at most [`PREVIEW_ROWS`].
    pub preview: Vec<Vec<Option<String>>>,
    pub report: Report,
    /// For each of `report.alerts`, the recipe step that fixes it, where one exists.
    pub alert_fixes: Vec<Option<Step>>,
    /// How long reading the dataset and making its report took.
    #[serde(default)]
    pub seconds: Timings,
}

/// Seconds a dataset took to read from its files and to report on; `None` where it was not
/// timed (no clock, or not read from files).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    pub read: Option<f64>,
    pub report: Option<f64>,
}

/// Files larger than this are opened on a sample: their first bytes, cut at a line break.
/// A browser tab's WebAssembly memory is limited to 4 GiB, and parsing needs several times
/// the file's size.
pub const MAX_OPEN_BYTES: u64 = 256 * 1024 * 1024;

/// The name of the helper worker a worker starts to work on another core.
pub const HELPER_WORKER: &str = "helper";

/// Fewest cores on which a worker starts a helper worker, which reads half of a large file's
/// columns and analyses half of a large table's columns for the report. On two cores it was
/// measured not worth its memory: reading shared took as long (the browser's own work, handing
/// the file over twice, leaves too little of the second core), and the report, though 30 %
/// faster, made the open only 7 % faster for a third more memory (see docs/benchmarks.md).
pub const HELPER_MIN_CORES: u32 = 4;

/// How the page starts a worker, said in the worker's name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WorkerStart {
    /// Started again after a crash or a Cancel: no warm-up before `Ready` (the replay of the
    /// person's files warms it).
    pub restarted: bool,
    /// The machine's logical cores, as the page's `navigator.hardwareConcurrency` says.
    pub cores: u32,
}

impl WorkerStart {
    /// The worker's name: "sift", " restarted" if so, then " cores=N".
    pub fn name(self) -> String {
        format!("sift{} cores={}", if self.restarted { " restarted" } else { "" }, self.cores)
    }

    /// What a worker's `name` says.
    pub fn from_name(name: &str) -> Self {
        let words: Vec<&str> = name.split(' ').collect();
        if words.first() != Some(&"sift") {
            return WorkerStart::default();
        }
        let cores = words.iter().find_map(|w| w.strip_prefix("cores=")).and_then(|n| n.parse().ok()).unwrap_or(1);
        WorkerStart { restarted: words.contains(&"restarted"), cores }
    }

    /// Whether this worker starts a helper worker.
    pub fn has_helper(self) -> bool {
        self.cores >= HELPER_MIN_CORES
    }
}

/// The most folds cross-validation and grid search accept.
pub const MAX_FOLDS: usize = 20;

/// Rows in the preview page.
pub const PREVIEW_ROWS: usize = 20;

/// A loaded dataset's name, size and columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DatasetSummary {
    pub name: String,
    pub rows: usize,
    pub columns: Vec<ColumnSummary>,
    /// The files it was read from, by name (several when appended; none for the sample or
    /// a join).
    pub files: Vec<String>,
}

/// A column's name and inferred type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnSummary {
    pub name: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
}

/// A file to download.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileDownload {
    pub file_name: String,
    pub mime: String,
    /// The text; for a binary file, its bytes in base64 (messages travel as JSON).
    pub content: String,
    /// Whether `content` is base64 of a binary file's bytes (see [`FileDownload::bytes`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub binary: bool,
}

impl FileDownload {
    /// A text file.
    pub fn text(file_name: String, mime: &str, content: String) -> Self {
        FileDownload { file_name, mime: mime.to_string(), content, binary: false }
    }

    /// A binary file, its `bytes` carried as base64.
    pub fn binary(file_name: String, mime: &str, bytes: &[u8]) -> Self {
        FileDownload { file_name, mime: mime.to_string(), content: BASE64.encode(bytes), binary: true }
    }

    /// The file's bytes: the text's, or the binary file's decoded.
    pub fn bytes(&self) -> Result<Vec<u8>, String> {
        if !self.binary {
            return Ok(self.content.as_bytes().to_vec());
        }
        BASE64.decode(&self.content).map_err(|e| format!("the file '{}' arrived damaged: {e}", self.file_name))
    }
}

/// One message from the worker to the UI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorkerMessage {
    /// The worker has started and is ready for requests.
    Ready,
    /// Progress of job `id`: `fraction` in 0..=1 and what it is doing.
    Progress { id: u64, fraction: f64, message: String },
    /// The outcome of job `id`.
    Reply(Reply),
    /// The engine panicked; the worker is unusable and the UI must start a new one.
    Crashed { message: String },
}

/// The outcome of one request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reply {
    pub id: u64,
    pub result: Result<Answer, ReplyError>,
}

impl Reply {
    /// The reply to job `id`: its answer, or its error as the page receives it.
    pub fn new(id: u64, result: crate::engine::Result<Answer>) -> Reply {
        Reply { id, result: result.map_err(ReplyError::from) }
    }
}

/// An engine [`Error`] as the page receives it: `{"kind": "ragged", "message": "…", "line": 7}`.
/// The page shows `message`; `kind` is the [`ErrorKind`](crate::engine::ErrorKind)'s name and
/// `line` the file line, only for kinds that name one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyError {
    pub kind: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
}

impl From<Error> for ReplyError {
    fn from(error: Error) -> ReplyError {
        ReplyError { kind: error.kind().name().to_string(), message: error.message().to_string(), line: error.line() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_worker_start_reads_back_from_its_name() {
        for restarted in [false, true] {
            for cores in [1, 2, 4, 64] {
                let start = WorkerStart { restarted, cores };
                assert_eq!(WorkerStart::from_name(&start.name()), start);
                assert_eq!(start.has_helper(), cores >= 4);
            }
        }
        assert_eq!(WorkerStart::from_name(""), WorkerStart::default());
        assert_eq!(WorkerStart::from_name(HELPER_WORKER), WorkerStart::default());
    }
}
