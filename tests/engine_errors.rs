//! The engine's one error type: representative failures of each stage carry the right kind
//! (with the line or the name code can act on), say the same sentence as before, and reach the
//! page as `{kind, message, line}`.

use serde_json::json;
use sift::engine::artifact::Artifact;
use sift::engine::base::error::{Error, ErrorKind, CANCELLED};
use sift::engine::base::table::{Column, ColumnData, Table};
use sift::engine::ingest::{read_csv, read_csv_with_progress, IngestOptions};
use sift::engine::learn::{Algorithm, Params, Progress};
use sift::engine::recipe::{FitContext, Recipe, RecipeStep, Step};
use sift::engine::train::{train, train_with_progress, TrainOptions};
use sift::worker::protocol::{Reply, Request};
use sift::worker::workspace::{FileBytes, Workspace};

fn read(text: &str) -> Error {
    read_csv("f.csv", text.as_bytes(), &IngestOptions::default()).unwrap_err()
}

fn table() -> Table {
    let x: Vec<f64> = (0..40).map(f64::from).collect();
    let y: Vec<Option<u32>> = (0..40).map(|i| Some(u32::from(i % 2 == 0))).collect();
    Table::new(
        "t",
        vec![
            Column::new("height", ColumnData::Number(x.clone().into())),
            Column::new("weight", ColumnData::Number(x.iter().map(|v| (v * 7.0) % 11.0).collect::<Vec<f64>>().into())),
            Column::new("label", ColumnData::Category { codes: y.into(), levels: vec!["no".into(), "yes".into()] }),
        ],
    )
    .unwrap()
}

fn options() -> TrainOptions {
    TrainOptions {
        target: "label".into(),
        task: None,
        algorithm: Algorithm::DecisionTree,
        params: Params::new(),
        test_share: 0.25,
        seed: 1,
        group: None,
    }
}

#[test]
fn a_ragged_csv_names_its_first_odd_line() {
    let e = read("a,b\n1,2\n3,4\n5\n6,7\n");
    assert_eq!(e.kind(), &ErrorKind::Ragged { line: 4 });
    assert_eq!(e.line(), Some(4));
    assert_eq!(
        e.to_string(),
        "'f.csv' line 4 has 1 fields but line 1 has 2; 1 of 5 rows differ (lines 4); fix those rows, or choose to skip ragged rows"
    );
}

#[test]
fn a_stray_quote_names_the_line_it_opens_on() {
    let e = read("a,b\n1,\"ab\"c\n");
    assert_eq!((e.kind().name(), e.line()), ("stray_quote", Some(2)));
    assert_eq!(
        e.message(),
        "'f.csv' line 2: the quote that opens column 2 closes before the cell ends (\"ab\"c), so its text would lose quotes; \
         fix that quote (a quote inside a quoted cell is written twice: \"\"), or choose to read quotes as text (Reading options → Quotes)"
    );
}

#[test]
fn files_that_are_not_csv_and_unknown_encodings_have_their_kinds() {
    let e = read("{\"a\": 1}");
    assert_eq!((e.kind(), e.line()), (&ErrorKind::NotCsv, None));
    let e = read("");
    assert_eq!(e.kind(), &ErrorKind::NotCsv);
    assert_eq!(e.to_string(), "'f.csv' is empty: it has 0 bytes; choose a CSV file with a header row and data");
    let options = IngestOptions { encoding: Some("klingon".into()), ..IngestOptions::default() };
    let e = read_csv("f.csv", b"a\n1\n", &options).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Encoding);
    assert_eq!(
        e.to_string(),
        "the encoding chosen for 'f.csv', 'klingon', is not an encoding name; use for example utf-8, windows-1252, latin1 or utf-16le"
    );
}

#[test]
fn a_missing_column_in_a_recipe_names_the_column() {
    let t = table();
    let e = t.require("heigth").unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::MissingColumn { name: "heigth".into() });
    assert_eq!(e.to_string(), "there is no column named 'heigth'; did you mean 'height'?");
    let recipe =
        Recipe { steps: vec![RecipeStep::new(Step::standard_scale(vec!["heigth".into()]))], ..Recipe::default() };
    let e = recipe.fit(&t, &FitContext::default()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::MissingColumn { name: "heigth".into() });
    assert_eq!(
        e.to_string(),
        "step 1 (Standard scale: heigth): there is no column named 'heigth'; did you mean 'height'?"
    );
}

#[test]
fn a_bad_parameter_names_its_field_and_a_wrong_type_its_column() {
    let t = table();
    let mut value = Step::with_defaults("bins", &["height".into()], &FitContext::default()).unwrap().to_value();
    value["bins"] = json!(1);
    let e = Step::from_value(value).unwrap().fit(&t, &FitContext::default()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::InvalidParam { field: "bins".into() });
    assert_eq!(e.to_string(), "'Bins' must be at least 2 (it is 1)");
    let e = Step::standard_scale(vec!["label".into()]).fit(&t, &FitContext::default()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::WrongType { column: "label".into() });
    assert_eq!(
        e.to_string(),
        "'label' is a category column; this step takes number, integer, boolean, date or datetime columns"
    );
}

#[test]
fn a_model_file_that_cannot_be_read_is_a_model_error_and_a_file_without_its_columns_names_one() {
    let e = Artifact::from_json(r#"{"version": 99}"#).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::Model);
    assert!(e.contains("version 99"), "{e}");
    let trained = train(&table(), &Recipe::default(), &options(), "now").unwrap();
    let e = trained.artifact.predict(&table().without("weight")).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::MissingColumn { name: "weight".into() });
    assert_eq!(e.to_string(), "this file lacks columns the model needs: weight");
}

#[test]
fn a_cancelled_ingest_and_a_cancelled_training_are_cancelled() {
    let text: String =
        std::iter::once("a,b\n".to_string()).chain((0..20_000).map(|i| format!("{i},{}\n", i * 2))).collect();
    let e = read_csv_with_progress("f.csv", text.as_bytes(), &IngestOptions::default(), &mut |_, _| false).unwrap_err();
    assert!(e.is_cancelled());
    assert_eq!(e, CANCELLED);
    assert_eq!(e.to_string(), "cancelled");

    let mut stop = |_: f64, _: &str| false;
    let e = train_with_progress(&table(), &Recipe::default(), &options(), "now", &mut Progress::new(&mut stop))
        .err()
        .unwrap();
    assert!(e.is_cancelled(), "{e}");
    assert_eq!(e.to_string(), "cancelled");
}

#[test]
fn the_worker_reply_carries_kind_message_and_line() {
    let mut ws = Workspace::default();
    let files = vec![FileBytes::whole("f.csv", b"a,b\n1,2\n3\n".to_vec())];
    let load = Request::LoadFiles { names: vec!["f.csv".into()], options: IngestOptions::default() };
    let reply = Reply::new(7, ws.handle(load, files, "now"));
    let message = "'f.csv' line 3 has 1 fields but line 1 has 2; 1 of 3 rows differ (lines 3); fix those rows, or choose to skip ragged rows";
    assert_eq!(
        serde_json::to_value(&reply).unwrap(),
        json!({"id": 7, "result": {"Err": {"kind": "ragged", "message": message, "line": 3}}})
    );
    // A kind with no line sends none; the page reads the message back.
    let reply = Reply::new(8, Err(Error::missing_column("x", "there is no column named 'x'")));
    let value = serde_json::to_value(&reply).unwrap();
    assert_eq!(
        value,
        json!({"id": 8, "result": {"Err": {"kind": "missing_column", "message": "there is no column named 'x'"}}})
    );
    let back: Reply = serde_json::from_value(value).unwrap();
    assert_eq!(back.result.unwrap_err().message, "there is no column named 'x'");
}
