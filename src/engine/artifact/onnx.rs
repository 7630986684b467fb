//! The fitted recipe, and the model after it, as one ONNX graph (`sift onnx`, docs/onnx.md).
//!
//! One graph input per column of the model's schema, named as the column (`[N, 1]`; see
//! `engine::recipe::onnx` for how each type is held); the recipe's steps in prediction mode
//! (steps that remove rows are skipped, as `sift predict` skips them); the model's inputs as
//! one `double [N, features]` matrix; then the outputs `label` (`string [N]` class names,
//! `double [N]` numbers or `int64 [N]` clusters) and, where Sift gives class scores,
//! `probabilities` (`double [N, classes]`, in the model file's class order).
//!
//! `sift onnx --recipe R --fit DATA` writes the fitted recipe alone ([`recipe_onnx`]): the same
//! inputs, and one output `cleaned/<column>` (`[N, 1]`) per column `sift clean` writes.
//!
//! Where `sift predict` refuses a row (a model input missing, infinite or beyond ±1e100 after
//! the recipe), the graph cannot stop: it gives that row the empty label, NaN, or cluster -1,
//! and NaN probabilities, never a made-up prediction.

use crate::engine::base::error::{Error, Result};
use crate::engine::base::onnx::proto::data_type;
use crate::engine::base::onnx::{int, Dim, GraphBuilder, ModelOnnx, NAME_PREFIX};
use crate::engine::base::table::Table;
use crate::engine::learn::MAX_MAGNITUDE;
use crate::engine::recipe::onnx::{elem_type, OnnxColumn, OnnxFrame};
use crate::engine::recipe::{FitContext, Recipe};

use super::sql::{explained_steps, ExplainedStep};
use super::{Artifact, SchemaColumn};

/// The name of the output with each row's prediction.
pub const LABEL: &str = "label";
/// The name of the output with each row's class probabilities.
pub const PROBABILITIES: &str = "probabilities";
/// The start of the recipe graph's output names (`cleaned/age`).
pub const CLEANED: &str = "cleaned/";

/// The model file (`.onnx` bytes) that predicts what `sift predict` predicts for `artifact`.
pub fn model_onnx(artifact: &Artifact) -> Result<Vec<u8>> {
    let (mut graph, mut frame) = inputs(&artifact.schema)?;
    let steps = explained_steps(&artifact.recipe.steps, &artifact.recipe.fitted);
    for (index, explained) in steps.iter().enumerate().filter(|(_, s)| !s.step.removes_rows()) {
        add_step(&mut graph, &mut frame, index, explained)?;
    }
    if frame.names() != artifact.features {
        return Err(Error::other(format!(
            "after the recipe the columns are [{}] but the model expects [{}]",
            frame.names().join(", "),
            artifact.features.join(", ")
        )));
    }
    let (features, refused) = model_inputs(&mut graph, &frame)?;
    let predicted = artifact.model.onnx(&mut graph, &features).map_err(Error::other)?;
    outputs(&mut graph, predicted, &refused, &artifact.classes);
    Ok(graph.into_model_bytes("sift", env!("CARGO_PKG_VERSION")))
}

/// The model file of `recipe` fitted on `table` with `context`: what `sift clean --fit` writes
/// for a file with `table`'s columns, one `cleaned/<column>` output per column. A step that
/// removes rows refuses (a graph gives one output row per input row).
pub fn recipe_onnx(table: &Table, recipe: &Recipe, context: &FitContext) -> Result<Vec<u8>> {
    let schema: Vec<SchemaColumn> =
        table.columns.iter().map(|c| SchemaColumn { name: c.name.clone(), column_type: c.column_type() }).collect();
    let (fitted, _) = recipe.fit_transform(table.clone(), context)?;
    let (mut graph, mut frame) = inputs(&schema)?;
    for (index, explained) in explained_steps(&recipe.steps, &fitted).iter().enumerate() {
        if explained.step.removes_rows() {
            return Err(Error::other(format!(
                "step {} ({}) removes rows, and an ONNX graph gives one output row per input row",
                index + 1,
                explained.step.info().title
            )));
        }
        add_step(&mut graph, &mut frame, index, explained)?;
    }
    for column in &frame.columns {
        let name = format!("{CLEANED}{}", column.name);
        graph.rename(&column.value, &name);
        graph.output(&name, elem_type(column.column_type), &[Dim::Rows, Dim::Fixed(1)]);
    }
    Ok(graph.into_model_bytes("sift_recipe", env!("CARGO_PKG_VERSION")))
}

/// A graph with one input per column of `schema`, and the frame of those columns.
fn inputs(schema: &[SchemaColumn]) -> Result<(GraphBuilder, OnnxFrame)> {
    let mut graph = GraphBuilder::new();
    let mut frame = OnnxFrame::default();
    for column in schema {
        if column.name.starts_with(NAME_PREFIX) || column.name == LABEL || column.name == PROBABILITIES {
            return Err(Error::other(format!(
                "an input column may not be called '{}' in ONNX (Sift names its outputs '{LABEL}' and '{PROBABILITIES}', and its own values '{NAME_PREFIX}…')",
                column.name
            )));
        }
        graph.input(&column.name, elem_type(column.column_type), &[Dim::Rows, Dim::Fixed(1)]);
        frame.columns.push(OnnxColumn::new(column.name.clone(), column.column_type, column.name.clone()));
    }
    Ok((graph, frame))
}

/// Adds step number `index` (from 0) to the graph; the frame becomes the columns after it.
fn add_step(graph: &mut GraphBuilder, frame: &mut OnnxFrame, index: usize, explained: &ExplainedStep) -> Result<()> {
    let step = explained.step;
    frame.columns = step.onnx(graph, frame).map_err(|why| {
        Error::other(format!("step {} ({}) cannot be written as ONNX: {why}", index + 1, step.info().title))
    })?;
    Ok(())
}

/// The model's inputs as one `double [N, F]` matrix of finite numbers (a refused row's values
/// replaced by 0), and which rows `sift predict` would refuse (`bool [N]`).
fn model_inputs(graph: &mut GraphBuilder, frame: &OnnxFrame) -> Result<(String, String)> {
    if let Some(text) = frame.columns.iter().find(|c| c.is_text()) {
        return Err(Error::other(format!(
            "model input '{}' is {} column, not a number",
            text.name,
            text.column_type.with_article()
        )));
    }
    let columns: Vec<&str> = frame.columns.iter().map(|c| c.value.as_str()).collect();
    let x = graph.node("Concat", &columns, vec![int("axis", 1)]);
    let nan = graph.node("IsNaN", &[&x], Vec::new());
    let magnitude = graph.node("Abs", &[&x], Vec::new());
    let limit = graph.doubles("max_magnitude", &[], vec![MAX_MAGNITUDE]);
    let huge = graph.node("Greater", &[&magnitude, &limit], Vec::new());
    let bad = graph.node("Or", &[&nan, &huge], Vec::new());
    let zero = graph.doubles("zero", &[], vec![0.0]);
    let clean = graph.node("Where", &[&bad, &zero, &x], Vec::new());
    let bad_number = graph.node("Cast", &[&bad], vec![int("to", data_type::DOUBLE as i64)]);
    let axes = graph.int64s("axis_1", &[1], vec![1]);
    let any = graph.node("ReduceMax", &[&bad_number, &axes], vec![int("keepdims", 0)]);
    let refused = graph.node("Cast", &[&any], vec![int("to", data_type::BOOL as i64)]);
    Ok((clean, refused))
}

/// `label` and, where the model gives them, `probabilities`, with the refused rows blanked.
fn outputs(graph: &mut GraphBuilder, predicted: ModelOnnx, refused: &str, classes: &[String]) {
    let rows = [Dim::Rows];
    match predicted {
        ModelOnnx::Value(value) => {
            let nan = graph.doubles("nan", &[], vec![f64::NAN]);
            let label = graph.node("Where", &[refused, &nan, &value], Vec::new());
            graph.rename(&label, LABEL);
            graph.output(LABEL, data_type::DOUBLE, &rows);
        }
        ModelOnnx::Cluster(cluster) => {
            let none = graph.int64s("no_cluster", &[], vec![-1]);
            let label = graph.node("Where", &[refused, &none, &cluster], Vec::new());
            graph.rename(&label, LABEL);
            graph.output(LABEL, data_type::INT64, &rows);
        }
        ModelOnnx::Classes { class_index, probabilities } => {
            let names = graph.strings("classes", &[classes.len() as i64], classes);
            let named = graph.node("Gather", &[&names, &class_index], vec![int("axis", 0)]);
            let empty = graph.strings("empty", &[], &[String::new()]);
            let label = graph.node("Where", &[refused, &empty, &named], Vec::new());
            graph.rename(&label, LABEL);
            graph.output(LABEL, data_type::STRING, &rows);
            if let Some(probabilities) = probabilities {
                let axes = graph.int64s("axis_1", &[1], vec![1]);
                let by_row = graph.node("Unsqueeze", &[refused, &axes], Vec::new());
                let nan = graph.doubles("nan", &[], vec![f64::NAN]);
                let blanked = graph.node("Where", &[&by_row, &nan, &probabilities], Vec::new());
                graph.rename(&blanked, PROBABILITIES);
                graph.output(PROBABILITIES, data_type::DOUBLE, &[Dim::Rows, Dim::Fixed(classes.len() as i64)]);
            }
        }
    }
}
