//! Issue 17, "messages that point at the wrong thing": each hostile input gets a message that
//! names the input column, the data row and the value as the user sees them — never an index
//! into a shuffled split, a model input after one-hot encoding, 309 digits or smartcore's words.

use sift::engine::artifact::Artifact;
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::learn::{Algorithm, Params};
use sift::engine::recipe::{Recipe, RecipeStep, Step};
use sift::engine::table::Table;
use sift::engine::train::{train, TrainOptions};

fn penguins_text() -> String {
    std::fs::read_to_string("public/samples/penguins.csv").unwrap()
}

fn read(text: &str) -> Table {
    read_csv("t.csv", text.as_bytes(), &IngestOptions::default()).unwrap()
}

fn options(target: &str, algorithm: Algorithm) -> TrainOptions {
    TrainOptions { target: target.into(), task: None, algorithm, params: Params::new(), test_share: 0.25, seed: 42 }
}

fn train_error(table: &Table, target: &str, algorithm: Algorithm) -> String {
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
        assert!(err.contains("'body_mass_g'") && err.contains("infinite") && err.contains("data row 200"), "{algorithm:?}: {err}");
        assert!(!err.contains("row 1;") && !err.contains("missing"), "{err}");
    }
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
        assert!(err.contains("'flipper_length_mm'") && err.contains(said) && err.contains("data row 50"), "{value}: {err}");
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
    use sift::engine::format::{a_or_an, count_of, short_number};
    assert_eq!(short_number(1e200), "1e200");
    assert_eq!(short_number(-1.7976931348623157e308), "-1.7976931348623157e308");
    assert_eq!(short_number(2.5e-300), "2.5e-300");
    assert_eq!(short_number(0.25), "0.25");
    assert_eq!(short_number(-3.0), "-3");
    assert_eq!(short_number(f64::INFINITY), "infinity");
    assert_eq!((a_or_an("integer"), a_or_an("number")), ("an", "a"));
    assert_eq!((count_of(1, "row"), count_of(1204, "row")), ("1 row".to_string(), "1,204 rows".to_string()));
}
