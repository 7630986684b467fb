//! `sift sql`: a model, or a recipe fitted on a file, as one SQL statement for DuckDB or
//! Spark (docs/sql.md).

use sift::engine::artifact::sql::{fitted_recipe_statement, model_statement};
use sift::engine::artifact::Artifact;
use sift::engine::base::error::{Error, Result};
use sift::engine::base::sql::Dialect;

use crate::args::Args;
use crate::{fit_context, load, read_recipe, read_text};

/// Prints the statement `args` asks for.
pub fn sql_command(args: &Args, notes: &mut Vec<String>) -> Result<String> {
    let dialect = match args.value("dialect") {
        None => Dialect::DuckDb,
        Some(name) => Dialect::parse(name).ok_or_else(|| {
            let names: Vec<&str> = Dialect::ALL.iter().map(|d| d.name()).collect();
            format!("unknown dialect '{name}'; use {}", names.join(" or "))
        })?,
    };
    let table = args.value("table").unwrap_or("input");
    if table.trim().is_empty() {
        return Err("--table needs a table name".into());
    }
    let statement = match (args.value("recipe"), args.value("fit")) {
        (Some(recipe), Some(data)) => {
            args.at_most(0)?;
            let recipe = read_recipe(recipe)?;
            fitted_recipe_statement(&load(data, args, notes)?, &recipe, &fit_context(args)?, dialect, table)?
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
            let artifact = Artifact::from_json(&read_text(args.positional(0, "MODEL.json")?)?)?;
            model_statement(&artifact, dialect, table)?
        }
    };
    Ok(statement)
}
