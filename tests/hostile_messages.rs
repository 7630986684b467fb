//! Issue 17, "messages that point at the wrong thing": each hostile input gets a message that
//! names the input column, the data row and the value as the user sees them — never an index
//! into a shuffled split, a model input after one-hot encoding, 309 digits or smartcore's words.

use sift::engine::artifact::Artifact;
use sift::engine::base::error::Error;
use sift::engine::base::table::Table;
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::learn::{Algorithm, Params, Task};
use sift::engine::recipe::{Recipe, RecipeStep, Step};
use sift::engine::train::{train, TrainOptions};

fn penguins_text() -> String {
    std::fs::read_to_string("public/samples/penguins.csv").unwrap()
}

fn read(text: &str) -> Table {
    read_csv("t.csv", text.as_bytes(), &IngestOptions::default()).unwrap()
}

fn options(target: &str, algorithm: Algorithm) -> TrainOptions {
    TrainOptions {
        target: target.into(),
        task: None,
        algorithm,
        params: Params::new(),
        test_share: 0.25,
        seed: 42,
        group: None,
    }
}

fn train_error(table: &Table, target: &str, algorithm: Algorithm) -> Error {
    match train(table, &Recipe::default(), &options(target, algorithm), "now") {
        Ok(_) => panic!("training on this table should fail"),
        Err(e) => {
            eprintln!("{e}");
            e
        }
    }
}

/// The penguins file with line `line` (1-based, the header is line 1) changed by `edit`.
fn penguins_with(line: usize, edit: impl Fn(&str) -> String) -> Table {
    let text: Vec<String> =
        penguins_text().lines().enumerate().map(|(i, l)| if i + 1 == line { edit(l) } else { l.to_string() }).collect();
    read(&(text.join("\n") + "\n"))
}

/// Replaces field `field` (0-based) of a CSV line.
fn set_field(line: &str, field: usize, value: &str) -> String {
    let mut cells: Vec<&str> = line.split(',').collect();
    cells[field] = value;
    cells.join(",")
}

#[test]
fn an_infinite_input_is_named_by_column_data_row_and_value() {
    // Line 201 is data row 200; body_mass_g is field 5. Scaling spreads the infinity over
    // every row, which used to be reported as "'body_mass_g' is missing in row 1".
    let table = penguins_with(201, |l| set_field(l, 5, "1e309"));
    for algorithm in [Algorithm::RandomForest, Algorithm::LogisticRegression] {
        let err = train_error(&table, "species", algorithm);
        assert!(
            err.contains("'body_mass_g'") && err.contains("infinite") && err.contains("data row 200"),
            "{algorithm:?}: {err}"
        );
        assert!(!err.contains("row 1;") && !err.contains("missing"), "{err}");
    }
}

#[test]
fn an_infinite_value_in_a_file_to_predict_is_named_by_column_and_data_row() {
    let trained =
        train(&read(&penguins_text()), &Recipe::default(), &options("species", Algorithm::RandomForest), "now")
            .unwrap();
    let table = penguins_with(11, |l| set_field(l, 5, "-1e309"));
    let err = trained.artifact.predict_table(&table.without("species")).unwrap_err();
    assert!(err.contains("'body_mass_g' is infinite in data row 10"), "{err}");
}

#[test]
fn a_huge_input_is_named_short_by_column_and_data_row() {
    // 1e200 is finite, but a model takes numbers within ±1e100. The user's own scaling step
    // (of another column) leaves it as it is, after the automatic one-hot columns. The message
    // names the input column (not "feature 4" of the model's inputs), the data row (not a row
    // of the shuffled training split) and the value in short (not 201 digits).
    let table = penguins_with(51, |l| set_field(l, 3, "1e200"));
    let mut recipe = Recipe::default();
    recipe.steps.push(RecipeStep::new(Step::standard_scale(vec!["year".into()])));
    let err = match train(&table, &recipe, &options("species", Algorithm::RandomForest), "now") {
        Ok(_) => panic!("1e200 should be refused"),
        Err(e) => e,
    };
    assert!(err.contains("'bill_depth_mm' is 1e200 in data row 50"), "{err}");
    assert!(!err.contains("feature ") && !err.contains("training row") && !err.contains("000000"), "{err}");
}

#[test]
fn a_huge_or_infinite_target_is_named_by_data_row() {
    // Data row 50 (line 51) of the regression target: was "the target of training row 38".
    for (value, said) in [("1e309", "infinite"), ("1e200", "1e200")] {
        let table = penguins_with(51, |l| set_field(l, 4, value));
        let err = train_error(&table, "flipper_length_mm", Algorithm::RandomForest);
        assert!(
            err.contains("'flipper_length_mm'") && err.contains(said) && err.contains("data row 50"),
            "{value}: {err}"
        );
        assert!(!err.contains("training row"), "{err}");
    }
}

#[test]
fn counts_in_messages_agree_in_number() {
    let table = read("x,y\n1,2\n2,\n3,\n4,\n");
    let err = train_error(&table, "y", Algorithm::RandomForest);
    assert!(err.contains("only 1 row has a value for 'y'"), "{err}");
}

#[test]
fn numbers_in_messages_are_short() {
    use sift::engine::base::format::{a_or_an, count_of, short_number};
    assert_eq!(short_number(1e200), "1e200");
    assert_eq!(short_number(-1.7976931348623157e308), "-1.7976931348623157e308");
    assert_eq!(short_number(2.5e-300), "2.5e-300");
    assert_eq!(short_number(0.25), "0.25");
    assert_eq!(short_number(-3.0), "-3");
    assert_eq!(short_number(f64::INFINITY), "infinity");
    assert_eq!((a_or_an("integer"), a_or_an("number")), ("an", "a"));
    assert_eq!((count_of(1, "row"), count_of(1204, "row")), ("1 row".to_string(), "1,204 rows".to_string()));
}

/// A small trained model's JSON (logistic regression on penguins).
fn model_json() -> String {
    let table = read(&penguins_text());
    let trained = train(&table, &Recipe::default(), &options("species", Algorithm::LogisticRegression), "now").unwrap();
    trained.artifact.to_json().unwrap()
}

fn read_error(json: &str) -> Error {
    match Artifact::from_json(json) {
        Ok(_) => panic!("this model file should be refused"),
        Err(e) => {
            eprintln!("{e}");
            e
        }
    }
}

/// The path (serde_path_to_error's form) and a mutable reference to the first fractional
/// number under `value`, depth first.
fn first_float(value: &mut serde_json::Value, path: String) -> Option<(String, &mut serde_json::Value)> {
    match value {
        serde_json::Value::Number(n) if n.is_f64() => Some((path, value)),
        serde_json::Value::Array(items) => {
            items.iter_mut().enumerate().find_map(|(i, v)| first_float(v, format!("{path}[{i}]")))
        }
        serde_json::Value::Object(fields) => fields.iter_mut().find_map(|(k, v)| first_float(v, format!("{path}.{k}"))),
        _ => None,
    }
}

#[test]
fn a_model_field_of_the_wrong_type_is_named_by_its_json_path() {
    let json = model_json();
    // A top-level field.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["split"]["test_share"] = serde_json::Value::Null;
    let err = read_error(&value.to_string());
    assert!(err.contains("split.test_share") && err.contains("null"), "{err}");
    // A number deep inside the model: was "invalid type: null, expected f64" and nothing else.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let (path, number) = first_float(&mut value["model"], "model".into()).unwrap();
    *number = serde_json::Value::Null;
    let err = read_error(&value.to_string());
    assert!(err.contains(&path), "{path}: {err}");
}

#[test]
fn a_model_version_of_the_wrong_type_says_so() {
    let json = model_json();
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["version"] = serde_json::json!("2");
    let err = read_error(&value.to_string());
    assert!(err.contains("must be a whole number") && err.contains("\"2\""), "{err}");
    assert!(!err.contains("no \"version\" field"), "{err}");
    value["version"] = serde_json::json!(99);
    assert!(read_error(&value.to_string()).contains("version 99 is not supported"));
}

#[test]
fn a_recipe_given_as_a_model_is_named_a_recipe() {
    let mut recipe = Recipe::default();
    recipe.steps.push(RecipeStep::new(Step::standard_scale(vec!["year".into()])));
    let json = serde_json::to_string(&recipe).unwrap();
    let err = read_error(&json);
    assert!(err.contains("this is a recipe, not a model"), "{err}");
    assert!(!err.contains("sift_version"), "{err}");
}

#[test]
fn a_model_saved_with_a_byte_order_mark_reads() {
    let json = model_json();
    let with_bom = format!("\u{feff}{json}");
    let artifact = Artifact::from_json(&with_bom).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(artifact.target, "species");
}

/// 40 rows: a column `x` that varies, `z` always 7, a number `y` always 5.5 and classes `c`.
fn constant_columns() -> String {
    let mut text = String::from("x,z,y,c\n");
    for i in 0..40 {
        text += &format!("{},7,5.5,{}\n", i % 7, if i % 2 == 0 { "a" } else { "b" });
    }
    text
}

#[test]
fn a_constant_target_is_said_in_words_about_the_data() {
    // Lasso and elastic net used to say smartcore's "Fit failed: tolerance shoud be > 0"; the
    // others fit a constant, as before.
    let table = read(&constant_columns());
    for algorithm in Algorithm::for_task(Task::Regression) {
        let mut o = options("y", algorithm);
        o.task = Some(Task::Regression);
        if let Err(err) = train(&table, &Recipe::default(), &o, "now") {
            assert!(
                err.contains("same target value (5.5)") && !err.contains("Fit failed") && !err.contains("shoud"),
                "{algorithm:?}: {err}"
            );
        }
    }
    let mut o = options("y", Algorithm::Lasso);
    o.task = Some(Task::Regression);
    assert!(train(&table, &Recipe::default(), &o, "now").is_err(), "lasso on a constant target");
}

#[test]
fn naive_bayes_names_the_column_without_spread() {
    // Only 'z' (always 7) is left as an input: was "naive Bayes finds row 1 impossible under every class".
    let text: Vec<String> =
        constant_columns().lines().map(|l| l.split(',').skip(1).collect::<Vec<_>>().join(",")).collect();
    let table = read(&(text.join("\n") + "\n"));
    let mut o = options("c", Algorithm::NaiveBayes);
    o.task = Some(Task::Classification);
    let err = match train(&table, &Recipe::default(), &o, "now") {
        Ok(_) => panic!("naive Bayes on a constant column should be refused"),
        Err(e) => e,
    };
    assert!(
        err.contains("'z'") && err.contains("the same value in every training row") && err.contains("zero variance"),
        "{err}"
    );
    assert!(!err.contains("impossible"), "{err}");
}

mod extremes {
    use super::*;
    use proptest::prelude::*;

    /// A CSV of `n` rows: `w` ordinary numbers, `x` ordinary but `value` in data row `row`,
    /// `c` two classes and `t` a number following `w`.
    fn file(n: usize, row: usize, value: &str, in_target: bool) -> String {
        let mut text = String::from("w,x,c,t\n");
        for i in 0..n {
            let x = if i == row && !in_target { value.to_string() } else { format!("{}", (i * 7 % 11) as f64 / 3.0) };
            let t = if i == row && in_target { value.to_string() } else { format!("{}", i * 3 % 17) };
            text += &format!("{},{x},{},{t}\n", i % 5, if i % 2 == 0 { "a" } else { "b" });
        }
        text
    }

    const VALUES: [&str; 6] = ["1e309", "-1e309", "1e200", "-1.7e308", "1e101", "-2e150"];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// An extreme value anywhere trains, or the message names its column and data row.
        #[test]
        fn an_extreme_value_is_named_where_it_is(n in 12usize..40, row_share in 0.0f64..1.0, v in 0usize..VALUES.len(),
                                                 in_target: bool, a in 0usize..3) {
            let row = ((n as f64 * row_share) as usize).min(n - 1);
            let table = read(&file(n, row, VALUES[v], in_target));
            let algorithm = [Algorithm::RandomForest, Algorithm::Ridge, Algorithm::Knn][a];
            let (target, column) = if in_target { ("t", "'t'") } else { ("c", "'x'") };
            let mut o = options(target, algorithm);
            o.task = Some(if in_target { Task::Regression } else { Task::Classification });
            if algorithm == Algorithm::Ridge && !in_target {
                o.algorithm = Algorithm::LogisticRegression;
            }
            let result = train(&table, &Recipe::default(), &o, "now");
            // An infinity never trains, nor does a target beyond ±1e100.
            prop_assert!(result.is_err() || !(VALUES[v].ends_with("e309") || in_target), "{} trained", VALUES[v]);
            if let Err(err) = result {
                let at = format!("data row {}", row + 1);
                prop_assert!(err.contains(column) && err.contains(&at), "{}: {}", VALUES[v], err);
                prop_assert!(err.len() < 400, "{}", err);
            }
        }
    }
}
