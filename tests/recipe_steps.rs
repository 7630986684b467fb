//! Every kind of recipe step: its schema matches its JSON, its defaults fit and apply on
//! mixed data without panicking, and the recipe document keeps its promises (version 1
//! recipes still read, disabled steps skipped, prediction keeps every row, missing columns
//! named, statistics learned from training rows only).

use serde_json::{json, Value};
use sift::engine::base::table::{Column, ColumnData, Table};
use sift::engine::recipe::{
    catalogue, Comparison, FilterAction, FilterNumber, FitContext, FittedStep, ImputeStrategy, Recipe, RecipeStep,
    StandardScale, Step,
};

/// A table with every column type, gaps, repeats and a target `y`; `offset` shifts the values.
fn mixed(rows: usize, offset: f64) -> Table {
    let num = (0..rows)
        .map(|i| if i % 7 == 3 { f64::NAN } else { (i as f64 * 1.7 + offset).sin() * 10.0 + offset })
        .collect();
    let int = (0..rows).map(|i| (i % 11 != 5).then_some((i * i % 23) as i64)).collect();
    let flag = (0..rows).map(|i| (i % 13 != 0).then_some(i % 3 == 0)).collect();
    let day = (0..rows).map(|i| (i % 9 != 4).then_some(18_000 + (i * 37 % 400) as i32)).collect();
    let when = (0..rows).map(|i| (i % 8 != 2).then_some(1_600_000_000_000 + (i as i64) * 3_600_123)).collect();
    let cat = (0..rows).map(|i| (i % 10 != 7).then_some((i * 7 % 4) as u32)).collect();
    let levels = vec!["north".into(), "South".into(), " east".into(), "west".into()];
    let note =
        (0..rows).map(|i| (i % 6 != 1).then(|| format!("note {} about  {}", i % 5, ["a", "b"][i % 2]))).collect();
    let y = (0..rows).map(|i| Some((i % 3) as u32)).collect();
    Table::new(
        "mixed",
        vec![
            Column::new("num", ColumnData::Number(num)),
            Column::new("int", ColumnData::Integer(int)),
            Column::new("flag", ColumnData::Boolean(flag)),
            Column::new("day", ColumnData::Date(day)),
            Column::new("when", ColumnData::DateTime(when)),
            Column::new("cat", ColumnData::Category { codes: cat, levels }),
            Column::new("note", ColumnData::Text(note)),
            Column::new("num2", ColumnData::Number((0..rows).map(|i| i as f64 * 0.5 - 3.0).collect())),
            Column::new("num3", ColumnData::Integer((0..rows).map(|i| Some((i * 13 % 7) as i64)).collect())),
            Column::new("y", ColumnData::Category { codes: y, levels: vec!["a".into(), "b".into(), "c".into()] }),
        ],
    )
    .unwrap()
}

fn context() -> FitContext {
    FitContext { target: Some("y".into()), seed: 7 }
}

#[path = "common/every_step.rs"]
mod every_step_common;

/// A step of every kind on suitable columns of `table` (the target `y` left out).
fn every_step(table: &Table) -> Vec<Step> {
    every_step_common::every_step(table, &context())
}

#[test]
fn the_catalogue_covers_every_family_and_names_kinds_once() {
    let all = catalogue();
    assert!(all.len() >= 35, "{} kinds", all.len());
    let mut kinds: Vec<&str> = all.iter().map(|i| i.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), all.len(), "kinds repeat");
    for family in sift::engine::recipe::Family::ALL {
        assert!(all.iter().any(|i| i.family == family), "no step in {}", family.label());
    }
    for info in &all {
        assert!(info.explanation.ends_with('.') && !info.title.is_empty(), "{}", info.kind);
        assert!(!info.params.is_empty(), "{} has no parameters", info.kind);
    }
    assert!(serde_json::to_string(&all).unwrap().contains("\"type\":\"columns\""));
}

#[test]
fn schema_parameters_are_exactly_the_json_fields() {
    let table = mixed(40, 0.0);
    for (info, step) in catalogue().iter().zip(every_step(&table)) {
        let Value::Object(fields) = step.to_value() else { panic!() };
        let mut keys: Vec<&str> = fields.keys().map(String::as_str).filter(|k| *k != "kind").collect();
        let mut names: Vec<&str> = info.params.iter().map(|p| p.name.as_str()).collect();
        keys.sort_unstable();
        names.sort_unstable();
        assert_eq!(keys, names, "{}", info.kind);
        assert_eq!(fields["kind"], json!(info.kind));
        assert_eq!(Step::from_value(step.to_value()).unwrap(), step, "{} round trip", info.kind);
        assert!(!step.describe().is_empty() && step.explain().ends_with('.'), "{}", info.kind);
    }
}

#[test]
fn every_step_fits_applies_and_keeps_rows_for_prediction() {
    let train = mixed(60, 0.0);
    let other = mixed(25, 3.0);
    let empty = mixed(0, 0.0);
    for step in every_step(&train) {
        let kind = step.kind();
        let recipe = Recipe { steps: vec![RecipeStep::new(step)], ..Recipe::default() };
        let (fitted, out) = recipe.fit_transform(train.clone(), &context()).unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert!(out.row_count() <= train.row_count(), "{kind}");
        let applied = fitted.apply(&other).unwrap_or_else(|e| panic!("{kind} on other rows: {e}"));
        let predicted = fitted.apply_for_prediction(&other).unwrap_or_else(|e| panic!("{kind} for prediction: {e}"));
        assert_eq!(predicted.row_count(), other.row_count(), "{kind} must keep every row when predicting");
        assert_eq!(applied.column_names(), predicted.column_names(), "{kind}");
        // No rows at all: an error is fine, a panic is not.
        let _ = fitted.apply(&empty);
        let _ = recipe.fit(&empty, &context());
        let json = serde_json::to_string(&fitted).unwrap();
        let back: sift::engine::recipe::FittedRecipe = serde_json::from_str(&json).unwrap();
        // Debug text, because NaN != NaN.
        assert_eq!(
            format!("{:?}", back.apply(&other).unwrap()),
            format!("{applied:?}"),
            "{kind}: fitted JSON round trip"
        );
    }
}

/// Extremes: infinities, −0, huge numbers, far-away dates, empty strings, all-missing columns,
/// a category code with no level.
fn odd(rows: usize) -> Table {
    let cycle = |i: usize, n: usize| i % n;
    let num = (0..rows).map(|i| [f64::INFINITY, f64::NEG_INFINITY, f64::NAN, -0.0, 1e308, -1.0][cycle(i, 6)]).collect();
    // Dates far beyond what a file holds (table text formatting overflows near i32::MAX days).
    let day = (0..rows).map(|i| [Some(-3_000_000), Some(3_000_000), None, Some(0)][cycle(i, 4)]).collect();
    let when = (0..rows).map(|i| [Some(-100_000_000_000_000), Some(100_000_000_000_000), None][cycle(i, 3)]).collect();
    let text = (0..rows).map(|i| [Some(""), Some(" "), None, Some("ÉÉ é")][cycle(i, 4)].map(String::from)).collect();
    Table::new(
        "odd",
        vec![
            Column::new("num", ColumnData::Number(num)),
            Column::new("int", ColumnData::Integer(vec![None; rows].into())),
            Column::new("flag", ColumnData::Boolean(vec![None; rows])),
            Column::new("day", ColumnData::Date(day)),
            Column::new("when", ColumnData::DateTime(when)),
            Column::new("cat", ColumnData::Category { codes: vec![Some(9); rows].into(), levels: vec!["only".into()] }),
            Column::new("note", ColumnData::Text(text)),
            Column::new("num2", ColumnData::Number(vec![i64::MAX as f64; rows].into())),
            Column::new(
                "num3",
                ColumnData::Integer((0..rows).map(|i| Some([i64::MIN, i64::MAX, 0][cycle(i, 3)])).collect()),
            ),
            Column::new("y", ColumnData::Category { codes: vec![None; rows].into(), levels: vec![] }),
        ],
    )
    .unwrap()
}

#[test]
fn odd_data_gives_errors_or_results_never_panics() {
    for rows in [0, 1, 2, 13] {
        let t = odd(rows);
        for step in every_step(&mixed(30, 0.0)) {
            let recipe = Recipe { steps: vec![RecipeStep::new(step)], ..Recipe::default() };
            if let Ok((fitted, _)) = recipe.fit_transform(t.clone(), &context()) {
                let _ = fitted.apply(&t);
                let _ = fitted.apply_for_prediction(&t);
            }
            let _ = recipe.check_columns(&t, &context());
            let _ = sift::engine::recipe::preview(&t, &recipe, 0, &context());
        }
    }
}

#[test]
fn wrong_columns_get_clear_messages() {
    let t = mixed(20, 0.0);
    let step = Step::standard_scale(vec!["nope".into(), "num".into(), "gone".into()]);
    assert_eq!(
        step.fit(&t, &context()).unwrap_err(),
        "there are no columns named 'nope', 'gone'; did you mean 'note' for 'nope'?"
    );
    let err = Step::standard_scale(vec!["cat".into(), "note".into()]).fit(&t, &context()).unwrap_err();
    assert!(err.contains("'cat' is a category column") && err.contains("'note' is a text column"), "{err}");
    assert!(err.contains("number, integer, boolean, date or datetime"), "{err}");
    let err = Step::with_defaults("bins", &["num".into()], &context()).unwrap();
    let mut value = err.to_value();
    value["bins"] = json!(1);
    let err = Step::from_value(value).unwrap().fit(&t, &context()).unwrap_err();
    assert_eq!(err, "'Bins' must be at least 2 (it is 1)");
    assert!(Step::with_defaults("no_such_step", &[], &context()).unwrap_err().contains("one_hot"));
}

#[test]
fn version_1_recipes_still_read() {
    let v1 = r#"{
      "version": 1,
      "steps": [
        { "kind": "drop_columns", "columns": ["id"], "automatic": false },
        { "kind": "impute", "columns": ["bill_length_mm"], "strategy": "median", "automatic": true },
        { "kind": "one_hot", "columns": ["island", "sex"], "automatic": true },
        { "kind": "standard_scale", "columns": ["body_mass_g"], "automatic": false }
      ]
    }"#;
    let recipe = Recipe::from_json(v1).unwrap();
    assert_eq!(recipe.version, 2);
    assert_eq!(recipe.steps[1].step, Step::impute(vec!["bill_length_mm".into()], ImputeStrategy::Median));
    assert!(recipe.steps.iter().all(|s| s.enabled) && recipe.steps[1].automatic);
    assert_eq!(Recipe::from_json(&recipe.to_json()).unwrap(), recipe);
    // Version 1 fitted steps, as stored in version 1 model files.
    let fitted: FittedStep = serde_json::from_value(json!({
        "kind": "standard_scale", "scales": [{ "column": "x", "mean": 2.0, "std": 4.0 }]
    }))
    .unwrap();
    let t = Table::new("t", vec![Column::new("x", ColumnData::Number(vec![6.0].into()))]).unwrap();
    assert_eq!(fitted.apply(t).unwrap().columns[0].data, ColumnData::Number(vec![1.0].into()));
    let err = Recipe::from_json(r#"{"version": 9, "steps": []}"#).unwrap_err();
    assert!(err.contains("version 9"), "{err}");
    let err = Recipe::from_json(r#"{"version": 2, "steps": [{"kind": "bins"}]}"#).unwrap_err();
    assert!(err.contains("step 1") && err.contains("columns"), "{err}");
}

#[test]
fn the_documented_example_reads_and_round_trips() {
    let doc = std::fs::read_to_string("docs/formats.md").unwrap();
    let section = &doc[doc.find("## Recipe JSON").unwrap()..];
    let start = section.find("```json").unwrap() + "```json".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let recipe = Recipe::from_json(example).unwrap();
    assert_eq!(recipe.steps.len(), 7);
    assert!(!recipe.steps[4].enabled);
    assert_eq!(
        serde_json::from_str::<Value>(&recipe.to_json()).unwrap(),
        serde_json::from_str::<Value>(example).unwrap()
    );
}

#[test]
fn disabled_steps_are_skipped_and_row_steps_only_apply_to_data() {
    let t = mixed(30, 0.0);
    let filter = Step::FilterNumber(FilterNumber {
        column: "num2".into(),
        op: Comparison::Gt,
        value: 5.0,
        action: FilterAction::Keep,
    });
    let mut recipe = Recipe {
        steps: vec![RecipeStep::new(Step::drop_columns(vec!["note".into()])), RecipeStep::new(filter)],
        ..Recipe::default()
    };
    recipe.steps[0].enabled = false;
    let fitted = recipe.fit(&t, &context()).unwrap();
    assert_eq!(fitted.steps.len(), 1);
    let cleaned = fitted.apply(&t).unwrap();
    assert!(cleaned.column("note").is_some());
    assert_eq!(cleaned.row_count(), 30 - 17, "num2 = i / 2 − 3 > 5 for i ≥ 17");
    assert_eq!(fitted.apply_for_prediction(&t).unwrap().row_count(), 30);
    let json = recipe.to_json();
    assert!(json.contains("\"enabled\": false"), "{json}");
    assert_eq!(Recipe::from_json(&json).unwrap(), recipe);
}

#[test]
fn check_columns_names_every_missing_column_and_follows_new_ones() {
    let t = mixed(30, 0.0);
    let recipe = Recipe::from_json(
        r#"{"version": 2, "steps": [
            {"kind": "one_hot", "columns": ["cat"]},
            {"kind": "standard_scale", "columns": ["cat_north", "height"]},
            {"kind": "drop_columns", "columns": ["height", "weight"]},
            {"kind": "drop_columns", "columns": ["ghost"], "enabled": false}
        ]}"#,
    )
    .unwrap();
    let err = recipe.check_columns(&t, &context()).unwrap_err();
    assert!(err.contains("'height' (steps 2, 3), 'weight' (step 3)"), "{err}");
    assert!(!err.contains("cat_north") && !err.contains("ghost"), "{err}");
    let fine = Recipe { steps: recipe.steps[..1].to_vec(), ..Recipe::default() };
    assert_eq!(fine.check_columns(&t, &context()), Ok(()));
}

#[test]
fn statistics_are_learned_from_training_rows_only() {
    // Training rows 1..=4 (mean 2.5); test rows 100, 200 (mean 150): the test rows are scaled
    // with the training mean and standard deviation, never their own.
    let train =
        Table::new("t", vec![Column::new("x", ColumnData::Number(vec![1.0, 2.0, f64::NAN, 3.0, 4.0].into()))]).unwrap();
    let test =
        Table::new("t", vec![Column::new("x", ColumnData::Number(vec![100.0, 200.0, f64::NAN].into()))]).unwrap();
    let recipe = Recipe {
        steps: vec![
            RecipeStep::new(Step::impute(vec!["x".into()], ImputeStrategy::Mean)),
            RecipeStep::new(Step::StandardScale(StandardScale { columns: vec!["x".into()] })),
        ],
        ..Recipe::default()
    };
    let out = recipe.fit(&train, &FitContext::default()).unwrap().apply(&test).unwrap();
    // After imputing, training x = 1, 2, 2.5, 3, 4: mean 2.5, population std 1.
    let std = 1.0;
    let ColumnData::Number(v) = &out.columns[0].data else { panic!() };
    let want = [(100.0 - 2.5) / std, (200.0 - 2.5) / std, 0.0];
    for (got, want) in v.iter().zip(want) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
}
