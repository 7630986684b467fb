//! The worker's Predict jobs: a model from a file or the one just trained, a CSV with an
//! extra column and no target, the same bytes as `sift predict`, and clear refusals.

use sift::engine::artifact::{predictions_csv, Artifact};
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::learn::Algorithm;
use sift::engine::train::TrainOptions;
use sift::worker::protocol::{Answer, ModelSource, Request};
use sift::worker::workspace::{FileBytes, Workspace};

const NEW_PENGUINS: &str = include_str!("fixtures/predict/new_penguins.csv");
const MISSING_COLUMN: &str = include_str!("fixtures/predict/missing_column.csv");

fn trained(algorithm: Algorithm) -> (Workspace, String) {
    let mut ws = Workspace::new();
    ws.handle(Request::LoadSample { name: "penguins".into() }, vec![], "now").unwrap();
    let options = TrainOptions {
        target: "species".into(),
        task: None,
        algorithm,
        params: Default::default(),
        test_share: 0.25,
        seed: 42,
        group: None,
    };
    ws.handle(Request::Train { recipe: Default::default(), options }, vec![], "now").unwrap();
    let model = match ws.handle(Request::ExportModel, vec![], "now").unwrap() {
        Answer::Download(file) => file.content,
        other => panic!("expected a download, got {other:?}"),
    };
    (ws, model)
}

fn file(name: &str, text: &str) -> FileBytes {
    FileBytes::whole(name, text.as_bytes().to_vec())
}

fn download(ws: &mut Workspace) -> String {
    match ws.handle(Request::ExportPredictions, vec![], "now").unwrap() {
        Answer::Download(file) => {
            assert_eq!(file.file_name, "new_penguins-predictions.csv");
            file.content
        }
        other => panic!("expected a download, got {other:?}"),
    }
}

#[test]
fn a_model_file_predicts_a_csv_with_an_extra_column_like_the_cli() {
    let (mut ws, model) = trained(Algorithm::LogisticRegression);
    let files = vec![file("model.json", &model), file("new_penguins.csv", NEW_PENGUINS)];
    let view = match ws.handle(Request::Predict { model: ModelSource::File }, files, "now").unwrap() {
        Answer::Predictions(view) => view,
        other => panic!("expected predictions, got {other:?}"),
    };
    assert_eq!(view.rows, 8);
    assert_eq!(view.ignored, ["observer"]);
    assert_eq!(view.model.file.as_deref(), Some("model.json"));
    assert_eq!(view.header[8..], ["prediction", "probability_Adelie", "probability_Chinstrap", "probability_Gentoo"]);
    assert_eq!(view.preview.len(), 8);
    assert_eq!(view.preview[2][8], "Gentoo", "a long-billed heavy Biscoe penguin is a Gentoo");

    // Byte for byte what `sift predict` writes (it calls the same function on the same parse).
    let table = read_csv("new_penguins.csv", NEW_PENGUINS.as_bytes(), &IngestOptions::default()).unwrap();
    let cli = predictions_csv(&Artifact::from_json(&model).unwrap(), &table).unwrap();
    assert_eq!(download(&mut ws), cli);
}

#[test]
fn the_model_just_trained_predicts_without_a_file() {
    let (mut ws, model) = trained(Algorithm::RandomForest);
    let info = match ws.handle(Request::InspectModel { model: ModelSource::Trained }, vec![], "now").unwrap() {
        Answer::Model(info) => info,
        other => panic!("expected a model, got {other:?}"),
    };
    assert_eq!((info.file, info.target.as_str(), info.classes.len()), (None, "species", 3));
    assert!(info.inputs.iter().any(|c| c.name == "bill_depth_mm"));
    let files = vec![file("new_penguins.csv", NEW_PENGUINS)];
    ws.handle(Request::Predict { model: ModelSource::Trained }, files, "now").unwrap();
    let from_file = vec![file("model.json", &model), file("new_penguins.csv", NEW_PENGUINS)];
    let direct = download(&mut ws);
    ws.handle(Request::Predict { model: ModelSource::File }, from_file, "now").unwrap();
    assert_eq!(download(&mut ws), direct, "the downloaded model predicts as the one in memory");
}

#[test]
fn bad_models_and_csvs_are_refused_clearly_and_keep_the_last_predictions() {
    let (mut ws, model) = trained(Algorithm::DecisionTree);
    let mut predict = |model_text: &str, csv_name: &str, csv: &str| {
        let files = vec![file("model.json", model_text), file(csv_name, csv)];
        ws.handle(Request::Predict { model: ModelSource::File }, files, "now").map(|_| ())
    };
    predict(&model, "new_penguins.csv", NEW_PENGUINS).unwrap();

    let err = predict(&model, "missing.csv", MISSING_COLUMN).unwrap_err();
    assert!(err.contains("'missing.csv' does not fit the model") && err.contains("bill_depth_mm"), "{err}");
    let mistyped = NEW_PENGUINS.replacen("Torgersen,38.6", "Torgersen,long", 1);
    let err = predict(&model, "typed.csv", &mistyped).unwrap_err();
    assert!(err.contains("'bill_length_mm' should be number"), "{err}");

    let mut doc: serde_json::Value = serde_json::from_str(&model).unwrap();
    doc["features"].as_array_mut().unwrap().pop();
    let err = predict(&doc.to_string(), "new_penguins.csv", NEW_PENGUINS).unwrap_err();
    assert!(err.contains("'model.json' cannot be used") && err.contains("inconsistent"), "{err}");
    doc["version"] = 99.into();
    let err = predict(&doc.to_string(), "new_penguins.csv", NEW_PENGUINS).unwrap_err();
    assert!(err.contains("version 99 is not supported"), "{err}");
    let err = predict("{ not json", "new_penguins.csv", NEW_PENGUINS).unwrap_err();
    assert!(err.contains("not valid JSON"), "{err}");
    assert!(download(&mut ws).contains("prediction"), "the last good predictions are kept");
}

#[test]
fn without_a_trained_model_or_predictions_the_messages_say_what_to_do() {
    let mut ws = Workspace::new();
    let err = ws.handle(Request::InspectModel { model: ModelSource::Trained }, vec![], "now").unwrap_err();
    assert!(err.contains("no model has been trained"), "{err}");
    let err = ws.handle(Request::ExportPredictions, vec![], "now").unwrap_err();
    assert!(err.contains("no predictions"), "{err}");
    let err = ws.handle(Request::InspectModel { model: ModelSource::File }, vec![file("m.json", "\u{0}")], "now");
    assert!(err.unwrap_err().contains("'m.json' cannot be used"));
}
