//! The fitted recipe, and the model after it, as one SQL `SELECT` for DuckDB or Spark
//! (`sift sql`, docs/sql.md).
//!
//! The statement reads the input table as the engine's own reader made it, casts the columns
//! Sift's schema names to Sift's types (`step_00_input`), then runs one CTE per fitted step,
//! named after it (`step_03_one_hot`) with its explanation as a comment, and ends with what
//! `sift clean` writes (the recipe's columns) or what `sift predict` writes (every input
//! column as read, `prediction`, and `probability_<class>` where the model gives them).

use crate::engine::base::cells::booleans::{FALSE_WORDS, TRUE_WORDS};
use crate::engine::base::error::{Error, Result};
use crate::engine::base::sql::{Dialect, ModelSql};
use crate::engine::base::table::ColumnType;
use crate::engine::base::table::Table;
use crate::engine::ingest::DEFAULT_MISSING_TOKENS;
use crate::engine::learn::Model;
use crate::engine::recipe::sql::{as_double, SqlColumn, SqlFrame};
use crate::engine::recipe::{FitContext, FittedRecipe, FittedStep, Recipe, RecipeStep};

use super::{Artifact, SchemaColumn};

/// The name of the column that carries each input row, whole, to the predictions.
const ROW: &str = "sift_row";

/// One fitted step with the sentence its CTE's comment gives.
pub struct ExplainedStep<'a> {
    pub step: &'a FittedStep,
    /// "Impute missing (median): age — Fills missing numbers with …".
    pub comment: String,
}

/// The statement that returns what `sift predict MODEL FILE` writes for a file read into
/// table `table`.
pub fn model_statement(artifact: &Artifact, dialect: Dialect, table: &str) -> Result<String> {
    let steps = explained_steps(&artifact.recipe.steps, &artifact.recipe.fitted);
    let mut query = Query::new(dialect, table, &artifact.schema, true)?;
    for step in steps.iter().filter(|s| !s.step.removes_rows()) {
        query.add_step(step)?;
    }
    if query.names() != artifact.features {
        return Err(Error::other(format!(
            "after the recipe the columns are [{}] but the model expects [{}]",
            query.names().join(", "),
            artifact.features.join(", ")
        )));
    }
    let features: Vec<String> = query.frame.columns.iter().map(|(name, _)| dialect.ident(name)).collect();
    query.add_features()?;
    let outputs = prediction_columns(&artifact.model, &artifact.classes, &features, dialect)?;
    Ok(query.finish(outputs))
}

/// The statement that returns what `sift clean` writes: `steps` (fitted on a file whose
/// columns are `schema`) applied to table `table`, rows removed where a step removes them.
pub fn recipe_statement(
    schema: &[SchemaColumn],
    steps: &[ExplainedStep],
    dialect: Dialect,
    table: &str,
) -> Result<String> {
    let mut query = Query::new(dialect, table, schema, false)?;
    for step in steps {
        query.add_step(step)?;
    }
    let outputs = query.frame.columns.iter().map(|(name, _)| (dialect.ident(name), name.clone())).collect();
    Ok(query.finish(outputs))
}

/// The statement that returns what `sift clean` writes for `recipe` fitted on `table` with
/// `context`, applied to table `name` (columns as `table`'s).
pub fn fitted_recipe_statement(
    table: &Table,
    recipe: &Recipe,
    context: &FitContext,
    dialect: Dialect,
    name: &str,
) -> Result<String> {
    let schema: Vec<SchemaColumn> =
        table.columns.iter().map(|c| SchemaColumn { name: c.name.clone(), column_type: c.column_type() }).collect();
    let (fitted, _) = recipe.fit_transform(table.clone(), context)?;
    recipe_statement(&schema, &explained_steps(&recipe.steps, &fitted), dialect, name)
}

/// The enabled steps of a recipe (`steps`) with their fitted forms (`fitted`), in order.
pub fn explained_steps<'a>(steps: &'a [RecipeStep], fitted: &'a FittedRecipe) -> Vec<ExplainedStep<'a>> {
    let enabled = steps.iter().filter(|s| s.enabled);
    fitted
        .steps
        .iter()
        .zip(enabled.map(Some).chain(std::iter::repeat(None)))
        .map(|(step, entry)| ExplainedStep {
            step,
            comment: entry
                .map_or_else(|| step.info().explanation, |e| format!("{} — {}", e.step.describe(), e.step.explain())),
        })
        .collect()
}

/// `prediction` and the probability columns as (expression, name).
fn prediction_columns(
    model: &Model,
    classes: &[String],
    features: &[String],
    dialect: Dialect,
) -> Result<Vec<(String, String)>> {
    Ok(match model.sql(features, dialect).map_err(Error::other)? {
        ModelSql::Value(value) => vec![(value, "prediction".into())],
        ModelSql::Cluster(cluster) => vec![(cluster, "prediction".into())],
        ModelSql::Classes { class_index, probabilities } => {
            let arms: String =
                classes.iter().enumerate().map(|(i, c)| format!(" WHEN {i} THEN {}", dialect.string(c))).collect();
            let mut outputs = vec![(format!("CASE {class_index}{arms} END"), "prediction".to_string())];
            for (p, class) in probabilities.unwrap_or_default().into_iter().zip(classes) {
                outputs.push((p, format!("probability_{class}")));
            }
            outputs
        }
    })
}

/// The statement as it is built: its CTEs and the columns after the last one.
struct Query {
    dialect: Dialect,
    ctes: Vec<String>,
    frame: SqlFrame,
    /// Whether each CTE carries the input row to the predictions.
    carry_row: bool,
    last: String,
}

impl Query {
    /// The first CTE: `table`'s columns that `schema` names, cast to Sift's types.
    fn new(dialect: Dialect, table: &str, schema: &[SchemaColumn], carry_row: bool) -> Result<Query> {
        if let Some(clash) = schema.iter().find(|c| c.name == ROW) {
            return Err(Error::other(format!(
                "a column may not be called '{}' in SQL (Sift uses that name)",
                clash.name
            )));
        }
        let columns: Vec<SqlColumn> = schema
            .iter()
            .map(|c| {
                SqlColumn::new(c.name.clone(), c.column_type, read_as(dialect, &dialect.ident(&c.name), c.column_type))
            })
            .collect();
        let row = match dialect {
            Dialect::DuckDb => "sift_source",
            Dialect::Spark => "struct(sift_source.*)",
        };
        let mut query = Query {
            dialect,
            ctes: Vec::new(),
            frame: SqlFrame { dialect, columns: Vec::new() },
            carry_row,
            last: String::new(),
        };
        let from = format!("{} AS sift_source", table_name(dialect, table));
        let carried = carry_row.then(|| format!("{row} AS {ROW}"));
        query.push_cte(
            "step_00_input",
            "The input table, each column cast to the type Sift reads it as.",
            columns,
            None,
            &from,
            carried,
        );
        Ok(query)
    }

    /// The names of the columns after the last CTE.
    fn names(&self) -> Vec<String> {
        self.frame.columns.iter().map(|(n, _)| n.clone()).collect()
    }

    /// One CTE for `step`.
    fn add_step(&mut self, explained: &ExplainedStep) -> Result<()> {
        let step = explained.step;
        let index = self.ctes.len();
        let kind = step.info().kind;
        let translated = step.sql(&self.frame).map_err(|why| {
            Error::other(format!(
                "step {index} ({}) cannot be written as {} SQL: {why}",
                step.info().title,
                self.dialect.name()
            ))
        })?;
        if let Some(clash) = translated.columns.iter().find(|c| c.name == ROW) {
            return Err(Error::other(format!(
                "step {index} makes a column called '{}', a name SQL export keeps for itself",
                clash.name
            )));
        }
        let from = self.last.clone();
        let carried = self.carry_row.then(|| ROW.to_string());
        self.push_cte(
            &format!("step_{index:02}_{kind}"),
            &explained.comment,
            translated.columns,
            translated.filter,
            &from,
            carried,
        );
        Ok(())
    }

    /// The model's inputs as `DOUBLE`s, as Sift's feature matrix reads them.
    fn add_features(&mut self) -> Result<()> {
        let columns = self
            .frame
            .columns
            .iter()
            .map(|(name, column_type)| {
                let expr = as_double(&self.dialect.ident(name), *column_type, self.dialect).ok_or_else(|| {
                    format!("model input '{name}' is {} column, not a number", column_type.with_article())
                })?;
                Ok(SqlColumn::new(name.clone(), ColumnType::Number, expr))
            })
            .collect::<Result<Vec<_>>>()?;
        let from = self.last.clone();
        let carried = self.carry_row.then(|| ROW.to_string());
        self.push_cte("model_inputs", "The model's inputs as numbers.", columns, None, &from, carried);
        Ok(())
    }

    fn push_cte(
        &mut self,
        name: &str,
        comment: &str,
        columns: Vec<SqlColumn>,
        filter: Option<String>,
        from: &str,
        carried: Option<String>,
    ) {
        let d = self.dialect;
        let mut select: Vec<String> = carried.into_iter().collect();
        select.extend(columns.iter().map(|c| aliased(&c.expr, &d.ident(&c.name))));
        let filter = filter.map(|f| format!("\n  WHERE {f}")).unwrap_or_default();
        self.ctes.push(format!(
            "-- {}\n{name} AS (\n  SELECT\n    {}\n  FROM {from}{filter}\n)",
            comment.replace(['\n', '\r'], " "),
            select.join(",\n    ")
        ));
        self.frame.columns = columns.into_iter().map(|c| (c.name, c.column_type)).collect();
        self.last = name.to_string();
    }

    /// The statement: the CTEs, then `outputs` (expression, name) — after the input row's
    /// columns when the row is carried.
    fn finish(self, outputs: Vec<(String, String)>) -> String {
        let d = self.dialect;
        let mut select: Vec<String> = Vec::new();
        if self.carry_row {
            select.push(match d {
                Dialect::DuckDb => format!("unnest({ROW})"),
                Dialect::Spark => format!("{ROW}.*"),
            });
        }
        select.extend(outputs.into_iter().map(|(expr, name)| aliased(&expr, &d.ident(&name))));
        format!(
            "-- Written by Sift {} for {}.\nWITH\n{}\nSELECT\n  {}\nFROM {}\n",
            env!("CARGO_PKG_VERSION"),
            d.name(),
            self.ctes.join(",\n"),
            select.join(",\n  "),
            self.last
        )
    }
}

/// `expr AS name`, or just `name` for a column passed on unchanged.
fn aliased(expr: &str, name: &str) -> String {
    if expr == name {
        name.to_string()
    } else {
        format!("{expr} AS {name}")
    }
}

/// A column of the input table, as the engine read it, as Sift's type `column_type`, read as
/// Sift reads a cell: a missing-value token (after trimming) (`NA`, `null`, an empty cell, …)
/// is `NULL` (the engines read them as text), and a boolean is any of Sift's words for one
/// (`yes`, `n`, …, in any case). A value the type cannot hold stops the query (as
/// `sift predict` refuses the file), never a `NULL`.
fn read_as(dialect: Dialect, column: &str, column_type: ColumnType) -> String {
    let text = format!("trim(CAST({column} AS {}))", dialect.type_name(ColumnType::Text));
    let tokens: Vec<String> = DEFAULT_MISSING_TOKENS.iter().map(|t| dialect.string(t)).collect();
    let words = |words: &[&str]| words.iter().map(|w| dialect.string(w)).collect::<Vec<_>>().join(", ");
    let value = match column_type {
        ColumnType::Category | ColumnType::Text => format!("CAST({column} AS {})", dialect.type_name(column_type)),
        ColumnType::Boolean => format!(
            "CASE WHEN lower({text}) IN ({}) THEN TRUE WHEN lower({text}) IN ({}) THEN FALSE ELSE CAST({column} AS BOOLEAN) END",
            words(&TRUE_WORDS),
            words(&FALSE_WORDS)
        ),
        _ => format!("CAST({column} AS {})", dialect.type_name(column_type)),
    };
    format!("CASE WHEN {text} IN ({}) THEN NULL ELSE {value} END", tokens.join(", "))
}

/// `name` as a table reference: each dot-separated part quoted (`db.t` → `"db"."t"`).
fn table_name(dialect: Dialect, name: &str) -> String {
    name.split('.').map(|part| dialect.ident(part)).collect::<Vec<_>>().join(".")
}
