//! `sift onnx`: a model, or a recipe fitted on a file, as an ONNX model file (docs/onnx.md).

use sift::engine::artifact::onnx::{model_onnx, recipe_onnx};
use sift::engine::artifact::Artifact;
use sift::engine::base::error::{Error, Result};

use crate::args::Args;
use crate::{fit_context, load, read_recipe, read_text, write_file};

/// Writes the model file `args` asks for to `-o`.
pub fn onnx_command(args: &Args, notes: &mut Vec<String>) -> Result<String> {
    let output = args.required("o")?;
    let bytes = match (args.value("recipe"), args.value("fit")) {
        (Some(recipe), Some(data)) => {
            args.at_most(0)?;
            recipe_onnx(&load(data, args, notes)?, &read_recipe(recipe)?, &fit_context(args)?)?
        }
        (Some(_), None) => {
            return Err("--recipe needs --fit DATA.csv, the file to fit it on (as sift clean does)".into())
        }
        (None, Some(_)) => return Err("--fit needs --recipe RECIPE.json, the recipe to fit".into()),
        (None, None) => {
            args.at_most(1)?;
            for option in ["target", "seed"] {
                if args.value(option).is_some() {
                    return Err(Error::other(format!(
                        "--{option} goes with --recipe and --fit; a model file is already fitted"
                    )));
                }
            }
            model_onnx(&Artifact::from_json(&read_text(args.positional(0, "MODEL.json")?)?)?)?
        }
    };
    write_file(output, &bytes).map(|()| String::new())
}
