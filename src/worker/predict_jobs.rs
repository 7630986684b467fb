//! The Predict stage's jobs: read a model (a model JSON file the page attached, or the model
//! just trained), describe it, and predict a CSV with it. The predictions CSV is written by
//! [`predictions_csv`], the same function `sift predict` uses, so both give the same bytes.

use crate::engine::base::error::{Error, Result};
use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::engine::artifact::onnx::model_onnx;
use crate::engine::artifact::python::pipeline_script;
use crate::engine::artifact::{predictions_csv, Artifact, SchemaColumn};
use crate::engine::ingest::{read_csv, IngestOptions};
use crate::engine::learn::{Algorithm, Task};
use crate::worker::dataset::FileBytes;
use crate::worker::protocol::{FileDownload, MAX_OPEN_BYTES};

/// Rows of the predictions shown on the page.
pub const PREDICTION_PREVIEW_ROWS: usize = 20;

/// Where the Predict stage takes its model from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelSource {
    /// The model last trained in this session.
    Trained,
    /// A model JSON file, attached as the request's first file.
    File,
}

/// What a model is and what it needs, for the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// The model file's name, or `None` for the model just trained.
    pub file: Option<String>,
    pub task: Task,
    pub algorithm: Algorithm,
    /// The column it predicts (empty for clustering).
    pub target: String,
    /// Class names (empty unless it classifies).
    pub classes: Vec<String>,
    /// The input columns a CSV must have, with their types.
    pub inputs: Vec<SchemaColumn>,
    pub created_at: String,
}

/// The outcome of a prediction, for the page: the model, the first rows of the predictions
/// CSV and the input columns the model did not use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PredictionsView {
    pub model: ModelInfo,
    /// The predicted CSV's name.
    pub file: String,
    pub rows: usize,
    /// The predictions CSV's header and first [`PREDICTION_PREVIEW_ROWS`] rows, as written.
    pub header: Vec<String>,
    pub preview: Vec<Vec<String>>,
    /// Columns of the CSV the model does not use (kept in the output, ignored by the model).
    pub ignored: Vec<String>,
}

/// Reads and describes the model of `source` (`files[0]` for a file).
pub fn inspect(source: ModelSource, files: &[FileBytes], trained: Option<&Artifact>) -> Result<ModelInfo> {
    let chosen = model(source, files, trained)?;
    Ok(describe(&chosen.artifact, chosen.file))
}

/// Predicts the CSV attached after the model file (or alone, for the model just trained):
/// the page's view and the predictions CSV to download.
pub fn predict(
    source: ModelSource,
    files: &[FileBytes],
    trained: Option<&Artifact>,
) -> Result<(PredictionsView, FileDownload)> {
    let Chosen { artifact, file: model_file, rest } = model(source, files, trained)?;
    let csv = rest.first().ok_or("choose a CSV file to predict")?;
    if csv.is_partial() {
        return Err(too_large(&csv.name, "predict it with `sift predict` on the command line, or split it"));
    }
    let table = read_csv(&csv.name, &csv.bytes, &IngestOptions::default())?;
    let text = predictions_csv(&artifact, &table)
        .map_err(|e| e.context(format_args!("'{}' does not fit the model", csv.name)))?;
    let (header, preview) = first_rows(&text)?;
    let ignored = table
        .columns
        .iter()
        .filter(|c| !artifact.schema.iter().any(|s| s.name == c.name))
        .map(|c| c.name.clone())
        .collect();
    let view = PredictionsView {
        model: describe(&artifact, model_file),
        file: csv.name.clone(),
        rows: table.row_count(),
        header,
        preview,
        ignored,
    };
    let download = FileDownload::text(format!("{}-predictions.csv", stem(&csv.name)), "text/csv", text);
    Ok((view, download))
}

/// The model of `source` as an ONNX file (what `sift onnx` writes), named as its model file
/// with `.onnx`, or `trained_name` for the model just trained.
pub fn onnx(
    source: ModelSource,
    files: &[FileBytes],
    trained: Option<&Artifact>,
    trained_name: String,
) -> Result<FileDownload> {
    let (artifact, name) = model_as(source, files, trained, trained_name, "onnx")?;
    Ok(FileDownload::binary(name, "application/octet-stream", &model_onnx(&artifact)?))
}

/// The model of `source` as a scikit-learn script (what `sift python` writes), named as its
/// model file with `.py`, or `trained_name` for the model just trained.
pub fn python(
    source: ModelSource,
    files: &[FileBytes],
    trained: Option<&Artifact>,
    trained_name: String,
) -> Result<FileDownload> {
    let (artifact, name) = model_as(source, files, trained, trained_name, "py")?;
    Ok(FileDownload::text(name, "text/x-python", pipeline_script(&artifact)?))
}

/// The model of `source`, and the name of its file in another format: the model file's stem
/// with `.<extension>`, or `trained_name` for the model just trained.
fn model_as<'a>(
    source: ModelSource,
    files: &'a [FileBytes],
    trained: Option<&'a Artifact>,
    trained_name: String,
    extension: &str,
) -> Result<(Cow<'a, Artifact>, String)> {
    let Chosen { artifact, file, .. } = model(source, files, trained)?;
    let name = file.map_or(trained_name, |f| format!("{}.{extension}", stem(&f)));
    Ok((artifact, name))
}

/// A model read for a job: the artifact, its file's name (none for the model just trained)
/// and the files attached after it.
struct Chosen<'a> {
    artifact: Cow<'a, Artifact>,
    file: Option<String>,
    rest: &'a [FileBytes],
}

/// The model of `source`.
fn model<'a>(source: ModelSource, files: &'a [FileBytes], trained: Option<&'a Artifact>) -> Result<Chosen<'a>> {
    match source {
        ModelSource::Trained => {
            let artifact =
                trained.ok_or("no model has been trained in this session yet: train one, or open a model JSON")?;
            Ok(Chosen { artifact: Cow::Borrowed(artifact), file: None, rest: files })
        }
        ModelSource::File => {
            let (file, rest) = files.split_first().ok_or("choose a model JSON file")?;
            if file.is_partial() {
                return Err(too_large(&file.name, "this is not a model Sift wrote"));
            }
            let text = std::str::from_utf8(&file.bytes)
                .map_err(|_| Error::other(format!("'{}' is not a Sift model: it is not text (JSON)", file.name)))?;
            let artifact =
                Artifact::from_json(text).map_err(|e| e.context(format_args!("'{}' cannot be used", file.name)))?;
            Ok(Chosen { artifact: Cow::Owned(artifact), file: Some(file.name.clone()), rest })
        }
    }
}

fn describe(artifact: &Artifact, file: Option<String>) -> ModelInfo {
    ModelInfo {
        file,
        task: artifact.task,
        algorithm: artifact.algorithm,
        target: artifact.target.clone(),
        classes: artifact.classes.clone(),
        inputs: artifact.schema.clone(),
        created_at: artifact.created_at.clone(),
    }
}

/// The header and first rows of CSV text, as the cells read back.
fn first_rows(text: &str) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let fail = |e: csv::Error| format!("the predictions could not be read back: {e}");
    let header = reader.headers().map_err(fail)?.iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .take(PREDICTION_PREVIEW_ROWS)
        .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
        .collect::<Result<_, _>>()
        .map_err(fail)?;
    Ok((header, rows))
}

fn too_large(name: &str, advice: &str) -> Error {
    Error::other(format!(
        "'{name}' is larger than {} MB, more than the page can read: {advice}",
        MAX_OPEN_BYTES / 1_000_000
    ))
}

/// A file name without its extension.
fn stem(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    }
}
