//! Checks of a step's parameters against its schema and the table before it learns anything:
//! columns that do not exist (all of them named), columns of the wrong type, numbers out of
//! bounds, an empty column list.

use crate::engine::base::error::{Error, Result};
use serde_json::Value;

use super::schema::{Param, ParamKind, StepInfo};
use super::values::require_all;
use crate::engine::base::table::{Column, ColumnType, Table};

/// The column names a step's parameters hold (column and column-list parameters).
pub fn column_names(info: &StepInfo, step: &Value) -> Vec<String> {
    info.params.iter().flat_map(|p| param_columns(p, step)).collect()
}

fn param_columns(param: &Param, step: &Value) -> Vec<String> {
    let value = step.get(&param.name);
    match param.kind {
        ParamKind::Column { .. } => value.and_then(Value::as_str).map(String::from).into_iter().collect(),
        ParamKind::Columns { .. } => value
            .and_then(Value::as_array)
            .map(|names| names.iter().filter_map(Value::as_str).map(String::from).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// An error naming every problem of the first kind found: missing columns, then wrong types,
/// then an empty list, then numbers out of bounds.
pub fn check(info: &StepInfo, step: &Value, table: &Table) -> Result<()> {
    require_all(table, &column_names(info, step))?;
    for param in &info.params {
        check_param(param, step, table)?;
    }
    Ok(())
}

fn check_param(param: &Param, step: &Value, table: &Table) -> Result<()> {
    let value = step.get(&param.name).unwrap_or(&Value::Null);
    match &param.kind {
        ParamKind::Columns { types, empty_means_all } => {
            let names = param_columns(param, step);
            if names.is_empty() && !empty_means_all {
                return Err(Error::invalid_param(
                    &param.name,
                    format!("choose at least one column for '{}'", param.label),
                ));
            }
            check_types(&names, types, table)
        }
        ParamKind::Column { types } => check_types(&param_columns(param, step), types, table),
        ParamKind::Number { min, max, .. } => match value.as_f64() {
            Some(x) => check_bounds(&param.label, x, *min, *max).map_err(|m| Error::invalid_param(&param.name, m)),
            None => Ok(()),
        },
        ParamKind::Integer { min, max, .. } => match value.as_f64() {
            Some(x) => check_bounds(&param.label, x, min.map(|m| m as f64), max.map(|m| m as f64))
                .map_err(|m| Error::invalid_param(&param.name, m)),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

fn check_types(names: &[String], types: &[ColumnType], table: &Table) -> Result<()> {
    if types.is_empty() {
        return Ok(());
    }
    let wrong: Vec<&Column> =
        names.iter().filter_map(|name| table.column(name)).filter(|c| !types.contains(&c.column_type())).collect();
    let Some(first) = wrong.first() else { return Ok(()) };
    let said: Vec<String> =
        wrong.iter().map(|c| format!("'{}' is {} column", c.name, c.column_type().with_article())).collect();
    let allowed: Vec<&str> = types.iter().map(|t| t.name()).collect();
    Err(Error::wrong_type(&first.name, format!("{}; this step takes {} columns", said.join(", "), or_list(&allowed))))
}

fn check_bounds(label: &str, x: f64, min: Option<f64>, max: Option<f64>) -> Result<(), String> {
    if !x.is_finite() {
        return Err(format!("'{label}' must be a number"));
    }
    if let Some(min) = min.filter(|m| x < *m) {
        return Err(format!("'{label}' must be at least {min} (it is {x})"));
    }
    if let Some(max) = max.filter(|m| x > *m) {
        return Err(format!("'{label}' must be at most {max} (it is {x})"));
    }
    Ok(())
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
