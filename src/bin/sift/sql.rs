//! `sift sql`: a model, or a recipe fitted on a file, as one SQL statement for DuckDB or
//! Spark (docs/sql.md).

use sift::engine::artifact::sql::{fitted_recipe_statement, model_statement};
use sift::engine::base::error::Result;
use sift::engine::base::sql::Dialect;

use crate::args::Args;
use crate::source::{source, Source};

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
    let statement = match source(args, notes)? {
        Source::Recipe { data, recipe, context } => fitted_recipe_statement(&data, &recipe, &context, dialect, table)?,
        Source::Model(artifact) => model_statement(&artifact, dialect, table)?,
    };
    Ok(statement)
}
