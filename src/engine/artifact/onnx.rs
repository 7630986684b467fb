//! The fitted recipe, and the model after it, as one ONNX graph (`sift onnx`, docs/onnx.md).
//!
//! One graph input per column of the model's schema, named as the column (`[N, 1]`; see
//! `engine::recipe::onnx` for how each type is held); the recipe's steps in prediction mode
//! (steps that remove rows are skipped, as `sift predict` skips them); the model's inputs as
//! one `double [N, features]` matrix; then the outputs `label` (`string [N]` class names,
//! `double [N]` numbers or `int64 [N]` clusters) and, where Sift gives class scores,
//! `probabilities` (`double [N, classes]`, in the model file's class order).
//!
//! Where `sift predict` refuses a row (a model input missing, infinite or beyond ±1e100 after
//! the recipe), the graph cannot stop: it gives that row the empty label, NaN, or cluster -1,
//! and NaN probabilities, never a made-up prediction.

use crate::engine::base::error::{Error, Result};
use crate::engine::base::onnx::proto::data_type;
use crate::engine::base::onnx::{int, Dim, GraphBuilder, ModelOnnx, NAME_PREFIX};
use crate::engine::learn::MAX_MAGNITUDE;
use crate::engine::recipe::onnx::{elem_type, OnnxColumn, OnnxFrame};

use super::sql::explained_steps;
use super::Artifact;

/// The name of the output with each row's prediction.
pub const LABEL: &str = "label";
/// The name of the output with each row's class probabilities.
pub const PROBABILITIES: &str = "probabilities";

/// The model file (`.onnx` bytes) that predicts what `sift predict` predicts for `artifact`.
pub fn model_onnx(artifact: &Artifact) -> Result<Vec<u8>> {
    let mut graph = GraphBuilder::new();
    let mut frame = OnnxFrame::default();
    for column in &artifact.schema {
        if column.name.starts_with(NAME_PREFIX) || column.name == LABEL || column.name == PROBABILITIES {
            return Err(Error::other(format!(
                "an input column may not be called '{}' in ONNX (Sift names its outputs '{LABEL}' and '{PROBABILITIES}', and its own values '{NAME_PREFIX}…')",
                column.name
            )));
        }
        graph.input(&column.name, elem_type(column.column_type), &[Dim::Rows, Dim::Fixed(1)]);
        frame.columns.push(OnnxColumn::new(column.name.clone(), column.column_type, column.name.clone()));
    }
    let steps = explained_steps(&artifact.recipe.steps, &artifact.recipe.fitted);
    for (index, explained) in steps.iter().enumerate().filter(|(_, s)| !s.step.removes_rows()) {
        let step = explained.step;
        frame.columns = step.onnx(&mut graph, &frame).map_err(|why| {
            Error::other(format!("step {} ({}) cannot be written as ONNX: {why}", index + 1, step.info().title))
        })?;
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
