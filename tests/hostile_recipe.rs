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

// ---- #6: misspelled recipe fields, a byte order mark, a model given as a recipe ----

fn recipe_error(steps: Value) -> String {
    Recipe::from_json(&json!({"version": 2, "steps": steps}).to_string()).unwrap_err()
}

#[test]
fn misspelled_fields_are_refused_with_the_closest_known_one() {
    let err = recipe_error(json!([{"kind": "drop_columns", "columns": ["z"]}, {"kind": "impute", "columns": ["x"]}, {"kind": "bins", "columns": ["x"], "bin": 2}]));
    assert!(err.starts_with("step 3: unknown field 'bin' in a bins step; did you mean 'bins'?"), "{err}");
    let err = recipe_error(json!([{"kind": "impute", "columns": ["x"], "stratgy": "mean"}]));
    assert!(err.contains("unknown field 'stratgy'") && err.contains("did you mean 'strategy'?"), "{err}");
    let err = recipe_error(json!([{"kind": "standard_scale", "columns": ["x"], "enable": false}]));
    assert!(err.contains("unknown field 'enable'") && err.contains("did you mean 'enabled'?"), "{err}");
    let err = recipe_error(json!([{"kind": "one_hot", "columns": ["x"], "zzz": 1, "drop_frist": true}]));
    assert!(err.contains("unknown fields 'drop_frist', 'zzz'") && err.contains("did you mean 'drop_first'?"), "{err}");
    assert!(err.contains("its fields are kind, columns, max_categories, drop_first, automatic, enabled"), "{err}");
    let err = Recipe::from_json(r#"{"version": 2, "step": []}"#).unwrap_err();
    assert!(err.contains("unknown field 'step' in this recipe; did you mean 'steps'?"), "{err}");
    // A form's step (no recipe entry fields) is held to the same rule.
    let err = Step::from_value(json!({"kind": "bins", "columns": ["x"], "enabled": true})).unwrap_err();
    assert!(err.contains("unknown field 'enabled' in a bins step"), "{err}");
    // Every field every kind writes, and the entry's own, still read.
    for info in catalogue() {
        let entry = RecipeStep { automatic: true, enabled: false, ..RecipeStep::new(Step::with_defaults(&info.kind, &["x".into(), "y".into(), "z".into()], &FitContext::default()).unwrap()) };
        let recipe = Recipe { steps: vec![entry], ..Recipe::default() };
        assert_eq!(Recipe::from_json(&recipe.to_json()).unwrap(), recipe, "{}", info.kind);
    }
}

#[test]
fn a_byte_order_mark_is_skipped_and_a_model_is_named() {
    let text = "\u{feff}{\"version\": 2, \"steps\": [{\"kind\": \"drop_columns\", \"columns\": [\"a\"]}]}";
    assert_eq!(Recipe::from_json(text).unwrap().steps.len(), 1);
    let model = json!({"version": 3, "sift_version": "0.1.0", "recipe": {"steps": [], "fitted": {"steps": []}}, "model": {}});
    let err = Recipe::from_json(&model.to_string()).unwrap_err();
    assert!(err.starts_with("this is a Sift model, not a recipe"), "{err}");
}

// ---- Messages: invisible characters, close names, "an integer" ----

#[test]
fn invisible_characters_in_names_are_shown_and_close_names_suggested() {
    let t = Table::new("t", vec![numbers("t\u{200b}", &[1.0]), numbers("height", &[2.0])]).unwrap();
    let err = t.require("t").unwrap_err();
    assert_eq!(err, "there is no column named 't'; did you mean 't\\u{200b}'?");
    let err = Step::standard_scale(vec!["t".into()]).fit(&t, &FitContext::default()).unwrap_err();
    assert_eq!(err, "there is no column named 't'; did you mean 't\\u{200b}'?");
    let err = Step::standard_scale(vec!["t".into(), "heigth".into()]).fit(&t, &FitContext::default()).unwrap_err();
    assert!(err.contains("did you mean 't\\u{200b}' for 't', 'height' for 'heigth'?"), "{err}");
    let err = t.require("\u{a0}x").unwrap_err();
    assert_eq!(err, "there is no column named '\\u{a0}x'");
}

#[test]
fn column_types_take_the_right_article() {
    let t = Table::new("t", vec![Column::new("n", ColumnData::Integer(vec![Some(1), Some(2)].into()))]).unwrap();
    let err = step(json!({"kind": "date_parts", "columns": ["n"]})).fit(&t, &FitContext::default()).unwrap_err();
    assert!(err.contains("'n' is an integer column"), "{err}");
    let err = step(json!({"kind": "trim_whitespace", "columns": ["n"]})).fit(&t, &FitContext::default()).unwrap_err();
    assert!(err.contains("'n' is an integer column") && !err.contains("a integer"), "{err}");
}
