//! Hostile inputs through the recipe (issue 17): a table keeps its rows when a step removes
//! every column, misspelled recipe fields are refused, extreme magnitudes never give a silent
//! zero, an overflowing fitted constant or a panic, and messages show what they name.

use serde_json::{json, Value};
use sift::engine::recipe::{catalogue, FitContext, FittedRecipe, ParamKind, Recipe, RecipeStep, Step, StepInfo};
use sift::engine::table::{Column, ColumnData, ColumnType, Table};

fn numbers(name: &str, values: &[f64]) -> Column {
    Column::new(name, ColumnData::Number(values.to_vec().into()))
}

fn recipe_of(steps: Vec<Step>) -> Recipe {
    Recipe { steps: steps.into_iter().map(RecipeStep::new).collect(), ..Recipe::default() }
}

fn step(value: Value) -> Step {
    Step::from_value(value).unwrap()
}

// ---- #2: the row count of a table with no columns ----

#[test]
fn pca_over_every_column_keeps_every_row() {
    let t = Table::new("t", vec![numbers("a", &[1.0, 2.0, 3.0, 4.0]), numbers("b", &[1.0, 5.0, 3.0, 1.0])]).unwrap();
    let recipe = recipe_of(vec![step(json!({"kind": "pca", "columns": ["a", "b"], "components": 1}))]);
    let (fitted, out) = recipe.fit_transform(t.clone(), &FitContext::default()).unwrap();
    assert_eq!(out.row_count(), 4);
    assert_eq!(out.column_names(), ["pca_1"]);
    let ColumnData::Number(scores) = &out.columns[0].data else { panic!() };
    assert!(scores.iter().all(f64::is_finite), "{scores:?}");
    assert_eq!(fitted.apply_for_prediction(&t).unwrap().row_count(), 4);
}

#[test]
fn dropping_or_keeping_no_column_keeps_every_row() {
    let t = Table::new("t", vec![numbers("a", &[1.0, 2.0, 3.0]), numbers("b", &[4.0, 5.0, 6.0])]).unwrap();
    let drop = recipe_of(vec![Step::drop_columns(vec!["a".into(), "b".into()])]);
    let (fitted, out) = drop.fit_transform(t.clone(), &FitContext::default()).unwrap();
    assert_eq!((out.column_count(), out.row_count()), (0, 3));
    assert_eq!(fitted.apply_for_prediction(&t).unwrap().row_count(), 3);
    // Then a filter over no column keeps them all, and a new column can still be computed.
    let again = recipe_of(vec![
        Step::drop_columns(vec!["a".into(), "b".into()]),
        step(json!({"kind": "drop_missing", "columns": []})),
        step(json!({"kind": "drop_duplicates", "columns": []})),
    ]);
    assert_eq!(again.fit_transform(t.clone(), &FitContext::default()).unwrap().1.row_count(), 1, "three empty rows are duplicates");
    let keep = recipe_of(vec![step(json!({"kind": "keep_columns", "columns": ["a"]})), Step::drop_columns(vec!["a".into()])]);
    assert_eq!(keep.fit_transform(t.clone(), &FitContext::default()).unwrap().1.row_count(), 3);
    // Taking rows of a table with no column counts them; JSON keeps the count.
    let empty = out.take(&[0, 2]);
    assert_eq!(empty.row_count(), 2);
    let back: Table = serde_json::from_str(&serde_json::to_string(&empty).unwrap()).unwrap();
    assert_eq!(back.row_count(), 2);
    assert_eq!(Table::with_rows("t", vec![], 5).unwrap().row_count(), 5);
    assert!(Table::with_rows("t", vec![numbers("a", &[1.0])], 5).unwrap_err().contains("'a' has 1 rows"));
}
