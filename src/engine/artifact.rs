//! The model JSON: everything needed to predict on a new CSV with no other file.
//!
//! Input schema + recipe (definition and fitted parameters) + model + target and classes +
//! evaluation + provenance (seed, split, creation time, Sift version).

use crate::engine::base::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};

use crate::engine::base::table::{format_number, Column, ColumnData, ColumnType, Integers, Nullable, Table};
use crate::engine::features::{feature_matrix_from, Origin};
use crate::engine::learn::{Algorithm, Model, Params, Prediction, ScoreKind, Task};
use crate::engine::recipe::{FittedRecipe, Recipe, RecipeStep};

pub mod evaluation;
pub mod onnx;
pub mod python;
mod saved_form;
pub mod sql;
pub mod training;

use evaluation::Evaluation;
use training::{TrainOptions, TrainSummary};

/// Version of the model JSON this Sift writes (2: any algorithm, SVMs and forests in a form
/// that predicts after loading, hyperparameters by name, importance-ready evaluation).
pub const MODEL_VERSION: u32 = 2;
/// Versions this Sift reads.
pub const READABLE_MODEL_VERSIONS: [u32; 2] = [1, 2];

/// A trained model with its recipe, schema and evaluation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Artifact {
    pub version: u32,
    pub sift_version: String,
    pub created_at: String,
    /// The input columns the model expects (the target excluded).
    pub schema: Vec<SchemaColumn>,
    pub recipe: ArtifactRecipe,
    /// Column names of the model's input matrix, in order.
    pub features: Vec<String>,
    pub target: String,
    pub task: Task,
    /// Class names, label order (empty for regression).
    pub classes: Vec<String>,
    pub algorithm: Algorithm,
    pub hyperparameters: Params,
    pub seed: u64,
    pub split: SplitRecord,
    pub evaluation: Evaluation,
    pub model: Model,
}

/// One expected input column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchemaColumn {
    pub name: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
}

/// The recipe as the user wrote it and with its learned parameters.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ArtifactRecipe {
    pub steps: Vec<RecipeStep>,
    pub fitted: FittedRecipe,
}

/// How the rows were split.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SplitRecord {
    pub test_share: f64,
    /// The column whose groups of rows were kept whole on one side (files before it: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub train_rows: usize,
    pub test_rows: usize,
    pub missing_target_rows: usize,
}

impl Artifact {
    /// Assembles an artifact after training.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        schema: Vec<SchemaColumn>,
        recipe: &Recipe,
        fitted: FittedRecipe,
        summary: &TrainSummary,
        classes: Vec<String>,
        options: &TrainOptions,
        model: Model,
        created_at: &str,
    ) -> Artifact {
        Artifact {
            version: MODEL_VERSION,
            sift_version: env!("CARGO_PKG_VERSION").to_string(),
            created_at: created_at.to_string(),
            schema,
            recipe: ArtifactRecipe { steps: recipe.steps.clone(), fitted },
            features: summary.features.clone(),
            target: summary.target.clone(),
            task: summary.task,
            classes,
            algorithm: summary.algorithm,
            hyperparameters: summary.params.clone(),
            seed: options.seed,
            split: SplitRecord {
                test_share: options.test_share,
                group: summary.group.clone(),
                train_rows: summary.train_rows,
                test_rows: summary.test_rows,
                missing_target_rows: summary.missing_target_rows,
            },
            evaluation: summary.evaluation.clone(),
            model,
        }
    }

    /// The artifact as JSON, checked to read back with [`Artifact::from_json`]. JSON has no
    /// infinity or NaN (serde writes them as `null`), so a learned number that is not finite
    /// would give a file that no Sift can read: that is an error here, naming the part (and
    /// the column, where the part says) that holds it, never a file that fails later.
    pub fn to_json(&self) -> Result<String> {
        let text = serde_json::to_string(self)
            .map_err(|e| Error::other(format!("the model could not be written as JSON: {e}")))?;
        match Artifact::from_json(&text) {
            Ok(_) => Ok(text),
            Err(e) => Err(Error::new(format!(
                "the model could not be saved: {}",
                saved_form::unreadable_part(self).unwrap_or(e.to_string())
            ))),
        }
    }

    /// Reads a model JSON, with a clear message for malformed JSON, a recipe given instead, an
    /// unknown version, a field of the wrong type (named by its JSON path, e.g.
    /// `model.estimator.weights[3]`) or parts that disagree with each other. A UTF-8 byte-order
    /// mark (Windows Notepad writes one) is skipped.
    pub fn from_json(text: &str) -> Result<Artifact> {
        Artifact::read_json(text).map_err(|e| Error::of(ErrorKind::Model, e.message()))
    }

    /// [`Artifact::from_json`]'s reading, with its errors of any kind.
    fn read_json(text: &str) -> Result<Artifact> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| Error::other(format!("this model file is not valid JSON: {e}")))?;
        let Some(fields) = value.as_object() else {
            return Err(Error::other(format!(
                "this JSON is not a Sift model: it is {}, not an object with a \"version\" and a \"model\"",
                json_kind(&value)
            )));
        };
        if fields.contains_key("steps") && !fields.contains_key("model") {
            return Err("this is a recipe, not a model: predicting needs a model file (saved by `sift train … -o MODEL.json` or the page's model download)".into());
        }
        match fields.get("version") {
            None => return Err("this JSON is not a Sift model: it has no \"version\" field".into()),
            Some(v) => match v.as_u64() {
                Some(v) if READABLE_MODEL_VERSIONS.iter().any(|r| u64::from(*r) == v) => {}
                Some(v) => {
                    return Err(Error::other(format!("model format version {v} is not supported (this Sift reads versions 1 to {MODEL_VERSION})")))
                }
                None => {
                    return Err(Error::other(format!(
                        "the model format \"version\" must be a whole number (this Sift reads 1 to {MODEL_VERSION}), not {} {v}",
                        json_kind(v)
                    )))
                }
            },
        }
        let artifact: Artifact = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            format!("this model file could not be read: {}", at_path(&path, &e.into_inner().to_string()))
        })?;
        artifact.check_consistent()?;
        Ok(artifact)
    }

    fn check_consistent(&self) -> Result<()> {
        if self.model.n_features() != self.features.len() {
            return Err(Error::other(format!(
                "this model file is inconsistent: the model takes {} inputs but {} feature names are listed",
                self.model.n_features(),
                self.features.len()
            )));
        }
        if self.model.task() != self.task {
            return Err("this model file is inconsistent: its task does not match its model".into());
        }
        if self.task == Task::Classification && self.classes.len() != self.model.n_classes() {
            return Err("this model file is inconsistent: its class names do not match its model".into());
        }
        if self.task == Task::Classification && self.classes.len() < 2 {
            return Err("this model file is inconsistent: a classifier needs at least two classes".into());
        }
        Ok(())
    }

    /// Predicts one value per row of `table`: class names, numbers or cluster numbers as text.
    /// The table must have the schema's columns (extra columns are ignored).
    pub fn predict(&self, table: &Table) -> Result<Vec<String>> {
        Ok(self.predict_table(table)?.prediction)
    }

    /// Predicts every row of `table`, with each class's probability where the model gives
    /// probabilities: the columns of a predictions CSV.
    pub fn predict_table(&self, table: &Table) -> Result<Predictions> {
        let inputs = self.conform(table)?;
        let prepared = self.recipe.fitted.apply_for_prediction(&inputs)?;
        let names = prepared.column_names();
        if names != self.features {
            return Err(Error::other(format!(
                "after the recipe this file has the columns [{}] but the model expects [{}]",
                names.join(", "),
                self.features.join(", ")
            )));
        }
        let x = feature_matrix_from(&prepared, Origin { inputs: &inputs, rows: None, data_rows: None })?;
        if x.rows() != table.row_count() {
            return Err(Error::new(row_count_changed(table.row_count(), x.rows())));
        }
        let predicted = self.model.predict_with_scores(&x).map_err(|e| e.naming_features(&names))?;
        if predicted.prediction.len() != table.row_count() {
            return Err(Error::other(format!(
                "the model gave {} predictions for the {} rows of this file; nothing was written, as rows would be left without a prediction",
                predicted.prediction.len(),
                table.row_count()
            )));
        }
        let prediction = match predicted.prediction {
            Prediction::Classes(labels) => labels
                .into_iter()
                .map(|l| {
                    self.classes
                        .get(l as usize)
                        .cloned()
                        .ok_or_else(|| format!("the model predicted class {l}, which this model file does not name"))
                })
                .collect::<Result<_, _>>()?,
            Prediction::Values(values) => values.into_iter().map(format_number).collect(),
            Prediction::Clusters(labels) => labels.into_iter().map(|l| l.to_string()).collect(),
        };
        let probabilities = match predicted.scores {
            Some(scores) if scores.kind == ScoreKind::Probability => {
                self.classes.iter().enumerate().map(|(c, name)| (name.clone(), scores.column(c))).collect()
            }
            _ => Vec::new(),
        };
        Ok(Predictions { prediction, probabilities })
    }

    /// The schema's columns of `table`, in schema order, converted to the schema's types.
    fn conform(&self, table: &Table) -> Result<Table> {
        let missing: Vec<&str> =
            self.schema.iter().filter(|c| table.column(&c.name).is_none()).map(|c| c.name.as_str()).collect();
        if let Some(first) = missing.first() {
            return Err(Error::missing_column(
                *first,
                format!("this file lacks columns the model needs: {}", missing.join(", ")),
            ));
        }
        let mut columns = Vec::with_capacity(self.schema.len());
        let mut mistyped = Vec::new();
        let mut first_mistyped = None;
        for expected in &self.schema {
            let Some(column) = table.column(&expected.name) else { continue };
            match convert(&column.data, expected.column_type) {
                Some(data) => columns.push(Column::new(expected.name.clone(), data)),
                None => {
                    first_mistyped.get_or_insert(expected.name.as_str());
                    mistyped.push(format!(
                        "'{}' should be {} but is {}",
                        expected.name,
                        expected.column_type.name(),
                        column.column_type().name()
                    ))
                }
            }
        }
        if let Some(column) = first_mistyped {
            return Err(Error::wrong_type(
                column,
                format!("some columns have the wrong type: {}", mistyped.join("; ")),
            ));
        }
        Table::new(table.name.clone(), columns)
    }
}

/// "at PATH: message", joining a nested "at PATH: …" (a model's own fields) onto `path`.
fn at_path(path: &str, message: &str) -> String {
    match (path, message.strip_prefix("at ")) {
        (".", _) => message.to_string(),
        (_, Some(inner)) => format!("at {path}.{inner}"),
        (_, None) => format!("at {path}: {message}"),
    }
}

/// What kind of JSON value `value` is, for messages: "text", "a number", "a list"…
fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "true/false",
        serde_json::Value::Number(_) => "the number",
        serde_json::Value::String(_) => "the text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The error of a recipe that gave another number of rows than the file has, at prediction
/// time (where no step may add or remove rows).
pub(crate) fn row_count_changed(file_rows: usize, prepared_rows: usize) -> String {
    format!(
        "the recipe turned the {file_rows} rows of this file into {prepared_rows}; every row needs its own prediction, \
         so nothing was predicted (a step that keeps no input columns, such as a PCA over every column, loses the row count)"
    )
}

/// What a model says about each row of a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Predictions {
    /// The predicted class name, number or cluster of each row.
    pub prediction: Vec<String>,
    /// (class name, probability of each row), one per class, for models with probabilities.
    pub probabilities: Vec<(String, Vec<f64>)>,
}

/// The predictions CSV of `table`: its columns, then `prediction` and `probability_<class>`
/// per class where the model gives probabilities. `sift predict` and the page both write it.
pub fn predictions_csv(artifact: &Artifact, table: &Table) -> Result<String> {
    predictions_csv_rows(artifact, table, true)
}

/// [`predictions_csv`], with the header row only when `header` (a later part of a file
/// predicted in parts has none).
pub fn predictions_csv_rows(artifact: &Artifact, table: &Table, header: bool) -> Result<String> {
    let columns = artifact.predict_table(table)?.columns();
    // Each row gets its own prediction or the file is not written: never a padded blank.
    if let Some((name, values)) = columns.iter().find(|(_, values)| values.len() != table.row_count()) {
        return Err(Error::other(format!(
            "the '{name}' column has {} values for the {} rows of this file; nothing was written",
            values.len(),
            table.row_count()
        )));
    }
    let extra: Vec<(&str, &[String])> =
        columns.iter().map(|(name, values)| (name.as_str(), values.as_slice())).collect();
    crate::engine::export::write_csv_rows(table, &extra, crate::engine::export::CsvOptions::default(), header)
}

impl Predictions {
    /// The columns of a predictions CSV: `prediction`, then `probability_<class>` per class.
    pub fn columns(&self) -> Vec<(String, Vec<String>)> {
        let mut columns = vec![("prediction".to_string(), self.prediction.clone())];
        for (class, p) in &self.probabilities {
            columns.push((format!("probability_{class}"), p.iter().map(|v| format_number(*v)).collect()));
        }
        columns
    }
}

/// `data` as type `to`, when the values allow it (numbers stay numbers, labels stay labels).
fn convert(data: &ColumnData, to: ColumnType) -> Option<ColumnData> {
    let from = data.column_type();
    if from == to {
        return Some(data.clone());
    }
    let all_missing = data.missing_count() == data.len();
    let texts = || (0..data.len()).map(|i| data.text_at(i));
    match to {
        ColumnType::Number if from.is_numeric() || all_missing => {
            Some(ColumnData::Number((0..data.len()).map(|i| data.number_at(i).unwrap_or(f64::NAN)).collect()))
        }
        ColumnType::Integer if from == ColumnType::Number || all_missing => {
            let values: Integers = (0..data.len()).map(|i| data.number_at(i).map(|x| x as i64)).collect();
            let exact = (0..data.len()).all(|i| data.number_at(i).is_none_or(|x| x.fract() == 0.0));
            if exact {
                Some(ColumnData::Integer(values))
            } else {
                convert(data, ColumnType::Number)
            }
        }
        // Labels: any column but measurements (numbers, dates) can become a category.
        ColumnType::Category if !matches!(from, ColumnType::Number | ColumnType::Date) || all_missing => {
            let mut levels: Vec<String> = texts().flatten().collect();
            levels.sort();
            levels.dedup();
            let codes = texts().map(|t| t.and_then(|t| levels.binary_search(&t).ok()).map(|p| p as u32)).collect();
            Some(ColumnData::Category { codes, levels })
        }
        ColumnType::Text => Some(ColumnData::Text(texts().collect())),
        ColumnType::Boolean if all_missing => Some(ColumnData::Boolean(vec![None; data.len()])),
        ColumnType::Date if all_missing => Some(ColumnData::Date(Nullable::missing(data.len(), 0))),
        _ => None,
    }
}
