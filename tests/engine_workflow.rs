//! The engine end to end on the bundled penguins data: ingest → profile → train → model JSON
//! → predict, natively.

use sift::engine::artifact::Artifact;
use sift::engine::base::table::{ColumnType, Table};
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::learn::{Algorithm, Task};
use sift::engine::profile::profile;
use sift::engine::recipe::{ImputeStrategy, Recipe, RecipeStep, Step};
use sift::engine::train::{train, Evaluation, TrainOptions};

fn penguins() -> Table {
    let bytes = std::fs::read("public/samples/penguins.csv").unwrap();
    read_csv("penguins.csv", &bytes, &IngestOptions::default()).unwrap()
}

fn options(target: &str, algorithm: Algorithm) -> TrainOptions {
    TrainOptions {
        target: target.into(),
        task: None,
        algorithm,
        params: Default::default(),
        test_share: 0.25,
        seed: 42,
        group: None,
    }
}

#[test]
fn penguins_load_with_the_types_and_gaps_pandas_sees() {
    // pandas.read_csv("penguins.csv"): 344 rows; isna().sum(): bill_length_mm 2, bill_depth_mm 2,
    // flipper_length_mm 2, body_mass_g 2, sex 11; bill_length_mm mean 43.9219298245614,
    // std 5.459583713926532, min 32.1, max 59.6.
    let t = penguins();
    assert_eq!((t.row_count(), t.column_count()), (344, 8));
    let types: Vec<ColumnType> = t.columns.iter().map(|c| c.column_type()).collect();
    use ColumnType::*;
    assert_eq!(types, [Category, Category, Number, Number, Integer, Integer, Category, Integer]);
    let report = profile(&t);
    let missing: Vec<usize> = report.columns.iter().map(|c| c.missing).collect();
    assert_eq!(missing, [0, 0, 2, 2, 2, 2, 11, 0]);
    let bill = &report.columns[2];
    assert!((bill.mean.unwrap() - 43.9219298245614).abs() < 1e-9 * 43.9);
    assert!((bill.std.unwrap() - 5.459583713926532).abs() < 1e-9 * 5.5);
    assert_eq!((bill.min, bill.max), (Some(32.1), Some(59.6)));
    assert_eq!(report.duplicate_rows, 0);
}

#[test]
fn training_on_raw_data_adds_visible_automatic_steps() {
    let t = penguins();
    let trained =
        train(&t, &Recipe::default(), &options("species", Algorithm::LogisticRegression), "2026-01-01T00:00:00Z")
            .unwrap();
    assert_eq!(trained.summary.task, Task::Classification);
    assert!(trained.recipe.steps.iter().all(|s| s.automatic));
    let kinds: Vec<String> = trained.recipe.steps.iter().map(|s| s.step.describe()).collect();
    assert!(kinds.iter().any(|k| k.starts_with("Impute missing (median)")), "{kinds:?}");
    assert!(kinds.iter().any(|k| k.starts_with("One-hot encode: island, sex")), "{kinds:?}");
    let Evaluation::Classification { accuracy, classes, confusion, .. } = &trained.summary.evaluation else {
        panic!("expected classification")
    };
    assert_eq!(classes, &["Adelie", "Chinstrap", "Gentoo"]);
    assert!(*accuracy > 0.9, "accuracy {accuracy}");
    assert_eq!(confusion.iter().flatten().sum::<usize>(), trained.summary.test_rows);
    assert_eq!(trained.summary.train_rows + trained.summary.test_rows, 344);

    // Retraining with the returned recipe adds nothing more.
    let again = train(&t, &trained.recipe, &options("species", Algorithm::LogisticRegression), "now").unwrap();
    assert_eq!(again.recipe, trained.recipe);
    assert!(again.summary.added_steps.is_empty());
}

#[test]
fn rows_with_a_missing_target_are_left_out_and_counted() {
    let trained =
        train(&penguins(), &Recipe::default(), &options("body_mass_g", Algorithm::LinearRegression), "now").unwrap();
    assert_eq!(trained.summary.task, Task::Regression);
    assert_eq!(trained.summary.missing_target_rows, 2);
    let Evaluation::Regression { r2, mae, rmse, .. } = trained.summary.evaluation else {
        panic!("expected regression")
    };
    assert!(r2 > 0.7 && mae > 0.0 && rmse >= mae, "r2 {r2} mae {mae} rmse {rmse}");
}

#[test]
fn recipe_statistics_are_learned_from_training_rows_only() {
    let t = penguins();
    let recipe = Recipe {
        steps: vec![RecipeStep::new(Step::impute(vec!["bill_length_mm".into()], ImputeStrategy::Mean))],
        ..Recipe::default()
    };
    let trained = train(&t, &recipe, &options("species", Algorithm::DecisionTree), "now").unwrap();
    let json: serde_json::Value = serde_json::from_str(&trained.artifact.to_json().unwrap()).unwrap();
    let learned = json["recipe"]["fitted"]["steps"][0]["fills"][0][1]["value"].as_f64().unwrap();
    let whole_mean = profile(&t).columns[2].mean.unwrap();
    assert!((learned - whole_mean).abs() > 1e-9, "the fill must not be the mean over all rows");
}

#[test]
fn every_algorithm_round_trips_through_model_json_and_predicts() {
    let t = penguins();
    for (target, algorithm) in [
        ("species", Algorithm::LogisticRegression),
        ("species", Algorithm::DecisionTree),
        ("species", Algorithm::RandomForest),
        ("body_mass_g", Algorithm::LinearRegression),
        ("body_mass_g", Algorithm::RandomForest),
        ("body_mass_g", Algorithm::DecisionTree),
    ] {
        let trained = train(&t, &Recipe::default(), &options(target, algorithm), "now").unwrap();
        let direct = trained.artifact.predict(&t).unwrap();
        let loaded = Artifact::from_json(&trained.artifact.to_json().unwrap()).unwrap();
        let inputs = t.without(target);
        assert_eq!(loaded.predict(&inputs).unwrap(), direct, "{algorithm:?} on {target}");
        assert_eq!(direct.len(), 344);
    }
}

#[test]
fn predict_names_missing_columns_and_bad_models_get_clear_messages() {
    let t = penguins();
    let trained = train(&t, &Recipe::default(), &options("species", Algorithm::DecisionTree), "now").unwrap();
    let err = trained.artifact.predict(&t.without("island")).unwrap_err();
    assert!(err.contains("island"), "{err}");
    assert!(Artifact::from_json("{").unwrap_err().contains("not valid JSON"));
    assert!(Artifact::from_json(r#"{"version": 99}"#).unwrap_err().contains("version 99"));
    let mut json: serde_json::Value = serde_json::from_str(&trained.artifact.to_json().unwrap()).unwrap();
    json["features"].as_array_mut().unwrap().pop();
    let err = Artifact::from_json(&json.to_string()).unwrap_err();
    assert!(err.contains("inconsistent"), "{err}");
}

#[test]
fn a_step_on_the_target_is_refused_with_a_reason() {
    let recipe = Recipe { steps: vec![RecipeStep::new(Step::one_hot(vec!["species".into()]))], ..Recipe::default() };
    let err = train(&penguins(), &recipe, &options("species", Algorithm::DecisionTree), "now").err().unwrap();
    assert!(err.contains("target"), "{err}");
}

#[test]
fn switching_the_target_frees_it_from_earlier_automatic_steps() {
    let t = penguins();
    let first = train(&t, &Recipe::default(), &options("species", Algorithm::DecisionTree), "now").unwrap();
    assert!(first.recipe.steps.iter().any(|s| s.step.columns().contains(&"body_mass_g".to_string())));
    let second = train(&t, &first.recipe, &options("body_mass_g", Algorithm::LinearRegression), "now").unwrap();
    assert!(second.recipe.steps.iter().all(|s| !s.step.columns().contains(&"body_mass_g".to_string())));
    assert!(second.summary.added_steps.iter().any(|s| s.contains("species")), "{:?}", second.summary.added_steps);
}
