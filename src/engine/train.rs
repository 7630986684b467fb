//! Training: table + recipe + options → fitted recipe, model, evaluation and artifact.
//!
//! Rows with a missing target are left out; the rest are split (stratified for
//! classification); the recipe — plus any automatic steps the model needs — is fitted on the
//! training rows only and applied to both sides; the model is scored on the test rows.

use serde::{Deserialize, Serialize};

use crate::engine::artifact::{Artifact, SchemaColumn};
use crate::engine::auto_steps::automatic_steps;
use crate::engine::features::{class_labels, feature_matrix};
use crate::engine::learn::{self, Algorithm, Hyperparameters, Model, Prediction, Target, Task};
use crate::engine::recipe::{Recipe, RecipeStep};
use crate::engine::table::{ColumnType, Table};

/// What the user chose on the Train stage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainOptions {
    pub target: String,
    /// `None`: follow from the target's type.
    pub task: Option<Task>,
    pub algorithm: Algorithm,
    pub test_share: f64,
    pub seed: u64,
}

/// Scores of one class.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassScore {
    pub class: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// How good the model is on the test rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "task", rename_all = "snake_case")]
pub enum Evaluation {
    Classification {
        classes: Vec<String>,
        accuracy: f64,
        f1_macro: f64,
        per_class: Vec<ClassScore>,
        /// `confusion[actual][predicted]`.
        confusion: Vec<Vec<usize>>,
    },
    Regression { r2: f64, mae: f64, rmse: f64 },
}

/// What training did, for the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainSummary {
    pub task: Task,
    pub algorithm: Algorithm,
    pub target: String,
    pub train_rows: usize,
    pub test_rows: usize,
    /// Rows left out because their target was missing.
    pub missing_target_rows: usize,
    /// The model's input columns after the recipe.
    pub features: Vec<String>,
    /// Descriptions of the steps Sift added by itself in this run.
    pub added_steps: Vec<String>,
    pub evaluation: Evaluation,
}

/// Everything training produces.
pub struct Trained {
    /// The user's recipe with the automatic steps appended.
    pub recipe: Recipe,
    pub summary: TrainSummary,
    pub artifact: Artifact,
}

/// The task a target column implies: categories, text and booleans are classified; integers
/// with at most 10 distinct values too; other numbers are regressed.
pub fn infer_task(table: &Table, target: &str) -> Result<Task, String> {
    let column = table.require(target)?;
    match column.column_type() {
        ColumnType::Category | ColumnType::Text | ColumnType::Boolean => Ok(Task::Classification),
        ColumnType::Integer => {
            let distinct: std::collections::HashSet<_> =
                (0..column.data.len()).filter_map(|i| column.data.text_at(i)).collect();
            Ok(if distinct.len() <= 10 { Task::Classification } else { Task::Regression })
        }
        ColumnType::Number => Ok(Task::Regression),
        ColumnType::Date | ColumnType::DateTime => {
            Err(format!("'{target}' holds dates; choose a category or number column as the target"))
        }
    }
}

/// Trains and evaluates a model on `table` as `options` say. `created_at` is stored in the model.
pub fn train(table: &Table, recipe: &Recipe, options: &TrainOptions, created_at: &str) -> Result<Trained, String> {
    let target = options.target.as_str();
    let task = match options.task {
        Some(task) => task,
        None => infer_task(table, target)?,
    };
    if !options.algorithm.supports(task) {
        return Err(format!(
            "{} cannot do {}; choose one of: {}",
            options.algorithm.label(),
            task_name(task),
            Algorithm::for_task(task).iter().map(|a| a.label()).collect::<Vec<_>>().join(", ")
        ));
    }
    if !(options.test_share > 0.0 && options.test_share < 1.0) {
        return Err(format!("the test share must be between 0 and 1 (it is {})", options.test_share));
    }
    let recipe = &recipe.automatic_steps_without(target);
    check_recipe_leaves_target_alone(recipe, target)?;

    let target_data = &table.require(target)?.data;
    let kept: Vec<usize> = (0..table.row_count()).filter(|&i| !target_data.is_missing(i)).collect();
    let missing_target_rows = table.row_count() - kept.len();
    if kept.len() < 4 {
        return Err(format!("only {} rows have a value for '{target}'; training needs at least 4", kept.len()));
    }
    let rows = table.take(&kept);
    let (y, classes) = target_values(&rows, target, task)?;
    let (train_idx, test_idx) = match &y {
        Target::Classes { labels, .. } => learn::stratified_split(labels, options.test_share, options.seed),
        Target::Values(_) => learn::train_test_split(kept.len(), options.test_share, options.seed),
    }
    .map_err(|e| e.to_string())?;

    let inputs = rows.without(&options.target);
    let train_inputs = inputs.take(&train_idx);
    let user_fitted = recipe.fit(&train_inputs)?;
    let added = automatic_steps(&user_fitted.apply(&train_inputs)?, &user_fitted.apply(&table.without(target))?);
    let mut full_recipe = recipe.clone();
    full_recipe.steps.extend(added.iter().cloned().map(|step| RecipeStep { step, automatic: true }));

    let fitted = full_recipe.fit(&train_inputs)?;
    let prepared = fitted.apply(&inputs)?;
    let x = feature_matrix(&prepared)?;
    let (x_train, x_test) = (x.take(&train_idx), x.take(&test_idx));
    let (y_train, y_test) = (y.take(&train_idx), y.take(&test_idx));
    let params = Hyperparameters::default();
    let model = Model::fit(task, options.algorithm, &params, options.seed, &x_train, &y_train)
        .map_err(|e| e.to_string())?;
    let evaluation = evaluate(&model, &x_test, &y_test, &classes)?;

    let summary = TrainSummary {
        task,
        algorithm: options.algorithm,
        target: options.target.clone(),
        train_rows: train_idx.len(),
        test_rows: test_idx.len(),
        missing_target_rows,
        features: prepared.column_names(),
        added_steps: added.iter().map(|s| s.describe()).collect(),
        evaluation: evaluation.clone(),
    };
    let schema = inputs.columns.iter().map(|c| SchemaColumn { name: c.name.clone(), column_type: c.column_type() }).collect();
    let artifact = Artifact::new(schema, &full_recipe, fitted, &summary, classes, params, options, model, created_at);
    Ok(Trained { recipe: full_recipe, summary, artifact })
}

fn task_name(task: Task) -> &'static str {
    match task {
        Task::Classification => "classification",
        Task::Regression => "regression",
    }
}

fn check_recipe_leaves_target_alone(recipe: &Recipe, target: &str) -> Result<(), String> {
    for (i, entry) in recipe.steps.iter().enumerate() {
        if entry.step.columns().iter().any(|c| c == target) {
            return Err(format!(
                "step {} ({}) uses the target column '{target}'; remove '{target}' from that step, the target is never changed by the recipe",
                i + 1,
                entry.step.describe()
            ));
        }
    }
    Ok(())
}

/// The target as class labels (with the sorted class names) or numbers.
fn target_values(rows: &Table, target: &str, task: Task) -> Result<(Target, Vec<String>), String> {
    let data = &rows.require(target)?.data;
    match task {
        Task::Classification => {
            let (labels, classes) = class_labels(data);
            if classes.len() < 2 {
                return Err(format!(
                    "'{target}' has only one class ({}); a classifier needs at least two",
                    classes.first().map_or("none", String::as_str)
                ));
            }
            Ok((Target::Classes { labels, n_classes: classes.len() }, classes))
        }
        Task::Regression => {
            let values = data.to_numbers().ok_or_else(|| {
                format!(
                    "'{target}' is a {} column, so it can only be classified, not regressed; choose the task Classification",
                    data.column_type().name()
                )
            })?;
            Ok((Target::Values(values), Vec::new()))
        }
    }
}

fn evaluate(model: &Model, x: &learn::Features, y: &Target, classes: &[String]) -> Result<Evaluation, String> {
    let prediction = model.predict(x).map_err(|e| e.to_string())?;
    match (y, prediction) {
        (Target::Classes { labels, n_classes }, Prediction::Classes(predicted)) => {
            let m = learn::classification_metrics(labels, &predicted, *n_classes).map_err(|e| e.to_string())?;
            Ok(Evaluation::Classification {
                classes: classes.to_vec(),
                accuracy: m.accuracy,
                f1_macro: m.f1_macro,
                per_class: m
                    .per_class
                    .iter()
                    .zip(classes)
                    .map(|(c, name)| ClassScore {
                        class: name.clone(),
                        precision: c.precision,
                        recall: c.recall,
                        f1: c.f1,
                        support: c.support,
                    })
                    .collect(),
                confusion: m.confusion,
            })
        }
        (Target::Values(actual), Prediction::Values(predicted)) => {
            let m = learn::regression_metrics(actual, &predicted).map_err(|e| e.to_string())?;
            Ok(Evaluation::Regression { r2: m.r2, mae: m.mae, rmse: m.rmse })
        }
        _ => Err("the model predicted the wrong kind of values for this task".into()),
    }
}
