//! `sift onnx`: a model, or a recipe fitted on a file, as an ONNX model file (docs/onnx.md).

use sift::engine::artifact::onnx::{model_onnx, recipe_onnx};
use sift::engine::base::error::Result;

use crate::args::Args;
use crate::source::{source, Source};
use crate::write_file;

/// Writes the model file `args` asks for to `-o`.
pub fn onnx_command(args: &Args, notes: &mut Vec<String>) -> Result<String> {
    let output = args.required("o")?;
    let bytes = match source(args, notes)? {
        Source::Recipe { data, recipe, context } => recipe_onnx(&data, &recipe, &context)?,
        Source::Model(artifact) => model_onnx(&artifact)?,
    };
    write_file(output, &bytes).map(|()| String::new())
}
