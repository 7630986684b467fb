//! A step as the recipe, the UI and the worker use it, whatever its kind: made with defaults,
//! edited as JSON, described, checked against a table, fitted.

use crate::engine::base::error::{Error, Result};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::schema::{ParamKind, StepInfo};
use super::step::FitContext;
use super::{catalogue, param_checks, FittedStep, Step};
use crate::engine::base::format::a_or_an;
use crate::engine::base::table::names::{closest, visible};
use crate::engine::base::table::Table;

impl Step {
    /// A step of `kind` with sensible defaults, on `columns` (the first column parameter takes
    /// the first column, a list takes the rest; see [`StepInfo::defaults`]).
    pub fn with_defaults(kind: &str, columns: &[String], context: &FitContext) -> Result<Step> {
        read_filled(Value::Object(info_for(kind)?.defaults(columns, context.seed)), &[])
    }

    /// A step from its JSON object, as a form edits it. Parameters left out take their
    /// defaults; a missing column parameter or a wrong value is an error naming the field.
    pub fn from_value(value: Value) -> Result<Step> {
        read_filled(value, &[])
    }

    /// The step as a JSON object whose fields are its parameters' names, plus `kind`.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// The JSON `kind`, e.g. `"impute"`.
    pub fn kind(&self) -> String {
        self.info().kind
    }

    /// Every column the step reads (the values of its column parameters).
    pub fn columns(&self) -> Vec<String> {
        param_checks::column_names(&self.info(), &self.to_value())
    }

    /// The step with `column` taken out of its column lists; `None` when a list it needs is
    /// left empty, or when the column is a single-column parameter of the step.
    pub fn without_column(&self, column: &str) -> Option<Step> {
        if !self.columns().iter().any(|c| c == column) {
            return Some(self.clone());
        }
        let info = self.info();
        let mut value = self.to_value();
        for param in &info.params {
            let Some(field) = value.get_mut(&param.name) else { continue };
            match (&param.kind, field) {
                (ParamKind::Columns { empty_means_all, .. }, Value::Array(names)) => {
                    names.retain(|n| n.as_str() != Some(column));
                    if names.is_empty() && !empty_means_all {
                        return None;
                    }
                }
                (ParamKind::Column { .. }, Value::String(name)) if name == column => return None,
                _ => {}
            }
        }
        serde_json::from_value(value).ok()
    }

    /// A short title, e.g. "Impute missing (median): bill_length_mm, body_mass_g".
    pub fn describe(&self) -> String {
        let info = self.info();
        let mut title = info.title;
        if let Some(detail) = self.kind_detail() {
            title = format!("{title} ({detail})");
        }
        let columns = self.columns();
        if columns.is_empty() {
            title
        } else {
            format!("{title}: {}", columns.join(", "))
        }
    }

    /// One plain-language sentence saying what the step does.
    pub fn explain(&self) -> String {
        self.kind_explain().unwrap_or_else(|| self.info().explanation)
    }

    /// Checks the parameters against `table`: columns that do not exist (all named), columns
    /// of the wrong type, numbers out of bounds.
    pub fn check(&self, table: &Table) -> Result<()> {
        param_checks::check(&self.info(), &self.to_value(), table)
    }

    /// Checks the step against `table`, then learns its parameters from it.
    pub fn fit(&self, table: &Table, context: &FitContext) -> Result<FittedStep> {
        self.check(table)?;
        self.kind_fit(table, context)
    }

    /// Checks, learns and transforms the training rows (see [`super::StepKind::fit_transform`]).
    pub fn fit_transform(&self, table: Table, context: &FitContext) -> Result<(FittedStep, Table)> {
        self.check(&table)?;
        self.kind_fit_transform(table, context)
    }
}

/// The description of `kind`, or an error listing the kinds there are.
pub fn info_for(kind: &str) -> Result<StepInfo> {
    let all = catalogue();
    match all.iter().position(|info| info.kind == kind) {
        Some(i) => Ok(all[i].clone()),
        None => Err(Error::other(format!(
            "there is no step kind '{kind}'; the kinds are: {}",
            all.iter().map(|i| i.kind.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// A step's JSON object as `T` (a step, or a recipe entry), the parameters it leaves out
/// filled with their defaults. A field that is neither a parameter of the kind nor one of
/// `wrapper` (a recipe entry's `enabled` and `automatic`) is refused, with the closest known
/// field: a misspelled `"bin": 2` must not leave the default bins in place silently.
pub fn read_filled<T: DeserializeOwned>(value: Value, wrapper: &[&str]) -> Result<T> {
    let Value::Object(mut object) = value else {
        return Err("a step must be a JSON object with a \"kind\"".into());
    };
    let kind = object.get("kind").and_then(Value::as_str).ok_or("a step has no \"kind\"")?.to_string();
    let info = info_for(&kind)?;
    let known: Vec<&str> = info.params.iter().map(|p| p.name.as_str()).chain(wrapper.iter().copied()).collect();
    let unknown: Vec<&String> = object.keys().filter(|k| *k != "kind" && !known.contains(&k.as_str())).collect();
    if !unknown.is_empty() {
        return Err(unknown_fields(&kind, &unknown, &known));
    }
    info.fill_defaults(&mut object, 0);
    serde_json::from_value(Value::Object(object))
        .map_err(|e| Error::other(format!("the '{kind}' step could not be read: {e}")))
}

/// "unknown field 'bin' in a bins step; did you mean 'bins'? (its fields are kind, columns, …)".
fn unknown_fields(kind: &str, unknown: &[&String], known: &[&str]) -> Error {
    let named: Vec<String> = unknown.iter().map(|f| format!("'{}'", visible(f))).collect();
    let hints: Vec<String> = unknown.iter().filter_map(|f| closest(f, known).map(|k| format!("'{k}'"))).collect();
    let hint = if hints.is_empty() { String::new() } else { format!("; did you mean {}?", hints.join(", ")) };
    let noun = if unknown.len() == 1 { "field" } else { "fields" };
    let message = format!(
        "unknown {noun} {} in {} {kind} step{hint} (its fields are kind, {})",
        named.join(", "),
        a_or_an(kind),
        known.join(", ")
    );
    Error::invalid_param(unknown.first().map_or("", |f| f.as_str()), message)
}
