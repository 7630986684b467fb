//! What `sift sql` and `sift onnx` translate: a model file, or a recipe fitted on a file.

use sift::engine::artifact::Artifact;
use sift::engine::base::error::{Error, Result};
use sift::engine::base::table::Table;
use sift::engine::recipe::{FitContext, Recipe};

use crate::args::Args;
use crate::{fit_context, load, read_recipe, read_text};

/// The model file named by the one positional argument, or with `--recipe R --fit DATA` the
/// recipe with the table to fit it on.
pub enum Source {
    Model(Box<Artifact>),
    Recipe { data: Table, recipe: Recipe, context: FitContext },
}

/// What `args` asks to translate; `--target` and `--seed` only go with a recipe.
pub fn source(args: &Args, notes: &mut Vec<String>) -> Result<Source> {
    match (args.value("recipe"), args.value("fit")) {
        (Some(recipe), Some(data)) => {
            args.at_most(0)?;
            Ok(Source::Recipe {
                data: load(data, args, notes)?,
                recipe: read_recipe(recipe)?,
                context: fit_context(args)?,
            })
        }
        (Some(_), None) => Err("--recipe needs --fit DATA.csv, the file to fit it on (as sift clean does)".into()),
        (None, Some(_)) => Err("--fit needs --recipe RECIPE.json, the recipe to fit".into()),
        (None, None) => {
            args.at_most(1)?;
            for option in ["target", "seed"] {
                if args.value(option).is_some() {
                    return Err(Error::other(format!(
                        "--{option} goes with --recipe and --fit; a model file is already fitted"
                    )));
                }
            }
            Ok(Source::Model(Box::new(Artifact::from_json(&read_text(args.positional(0, "MODEL.json")?)?)?)))
        }
    }
}
