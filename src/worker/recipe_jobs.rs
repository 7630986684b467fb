//! The recipe jobs of the worker: a step's before/after preview on the first rows of the
//! active dataset, and opening a saved recipe against it.

use crate::engine::recipe::{preview_step, FitContext, Recipe, Step, StepPreview};
use crate::engine::table::Table;

/// The preview runs on at most this many first rows, so it answers while the user edits.
pub const PREVIEW_SOURCE_ROWS: usize = 100_000;

/// What `step` would do at position `index` of `recipe` (after the enabled steps before it),
/// on the first [`PREVIEW_SOURCE_ROWS`] rows of `table`.
pub fn preview(table: &Table, recipe: &Recipe, index: usize, step: &Step, context: &FitContext) -> Result<StepPreview, String> {
    let rows: Vec<usize> = (0..table.row_count().min(PREVIEW_SOURCE_ROWS)).collect();
    let head = if rows.len() < table.row_count() { table.take(&rows) } else { table.clone() };
    let before = recipe.table_before(index.min(recipe.steps.len()), head, context)?;
    preview_step(&before, step, context)
}

/// A saved recipe from its JSON text, checked against `table`: a clear message names any
/// column it uses that the data lacks.
pub fn open_recipe(table: &Table, text: &str, context: &FitContext) -> Result<Recipe, String> {
    let recipe = Recipe::from_json(text)?;
    recipe.check_columns(table, context)?;
    Ok(recipe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::recipe::ImputeStrategy;
    use crate::engine::table::{Column, ColumnData};

    fn table() -> Table {
        Table::new("t", vec![Column::new("x", ColumnData::Number(vec![1.0, f64::NAN, 3.0]))]).unwrap()
    }

    #[test]
    fn previews_a_draft_step() {
        let step = Step::impute(vec!["x".into()], ImputeStrategy::Mean);
        let p = preview(&table(), &Recipe::default(), 0, &step, &FitContext::default()).unwrap();
        assert_eq!(p.columns_changed, ["x"]);
        assert_eq!(p.rows_changed, 1);
    }

    #[test]
    fn a_recipe_naming_absent_columns_is_refused_with_their_names() {
        let mut recipe = Recipe::default();
        recipe.steps.push(crate::engine::recipe::RecipeStep::new(Step::drop_columns(vec!["nope".into()])));
        let err = open_recipe(&table(), &recipe.to_json(), &FitContext::default()).unwrap_err();
        assert!(err.contains("'nope'"), "{err}");
    }
}
