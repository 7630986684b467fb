//! A step of every kind in the catalogue, with its defaults, on suitable columns of a table:
//! what the guard tests (`recipe_steps.rs`, `hostile_recipe.rs`) push data through.

use serde_json::json;
use sift::engine::base::table::{Column, ColumnType, Table};
use sift::engine::recipe::{catalogue, FitContext, ParamKind, Step, StepInfo};

/// Columns of `table` (not `target`) for each column parameter of `info`, in order
/// (complete ones for PCA, which needs them).
pub fn columns_for(info: &StepInfo, table: &Table, target: &str) -> Vec<String> {
    let complete = |c: &Column| info.kind != "pca" || c.data.missing_count() == 0;
    let allowed = |types: &[ColumnType], c: &Column| {
        c.name != target && complete(c) && (types.is_empty() || types.contains(&c.column_type()))
    };
    let mut chosen: Vec<String> = Vec::new();
    for param in &info.params {
        match &param.kind {
            ParamKind::Column { types } => {
                if let Some(c) = table.columns.iter().find(|c| allowed(types, c) && !chosen.contains(&c.name)) {
                    chosen.push(c.name.clone());
                }
            }
            ParamKind::Columns { types, .. } => {
                let more: Vec<String> = table
                    .columns
                    .iter()
                    .filter(|c| allowed(types, c) && !chosen.contains(&c.name))
                    .take(2)
                    .map(|c| c.name.clone())
                    .collect();
                chosen.extend(more);
            }
            _ => {}
        }
    }
    chosen
}

/// A step of every kind, with defaults, on suitable columns of `table`, and names and text
/// filled in where the defaults leave them empty. `context.target` is left out of the columns.
pub fn every_step(table: &Table, context: &FitContext) -> Vec<Step> {
    let target = context.target.clone().unwrap_or_default();
    catalogue()
        .iter()
        .map(|info| {
            let step = Step::with_defaults(&info.kind, &columns_for(info, table, &target), context)
                .unwrap_or_else(|e| panic!("{}: {e}", info.kind));
            let mut value = step.to_value();
            for (field, text) in [("to", "made"), ("find", "o"), ("text", "e")] {
                if value.get(field) == Some(&json!("")) {
                    value[field] = json!(text);
                }
            }
            Step::from_value(value).unwrap()
        })
        .collect()
}
