//! The page's "Download model ONNX" and "Download Python": the worker answers the bytes
//! `sift onnx` writes (a binary download that survives the trip as JSON) and the script `sift
//! python` writes, for the model just trained and for a model JSON file; a model that has no
//! exact ONNX translation is refused, naming the algorithm.

use sift::engine::artifact::onnx::model_onnx;
use sift::engine::artifact::python::pipeline_script;
use sift::engine::artifact::Artifact;
use sift::engine::learn::{Algorithm, Task};
use sift::engine::train::TrainOptions;
use sift::worker::protocol::{Answer, FileDownload, ModelSource, Request};
use sift::worker::workspace::{FileBytes, Workspace};

/// A workspace with `sample` loaded and `algorithm` trained on it; `target` empty to cluster.
fn trained(sample: &str, target: &str, algorithm: Algorithm) -> Workspace {
    let mut ws = Workspace::new();
    ws.handle(Request::LoadSample { name: sample.into() }, vec![], "now").unwrap();
    let options = TrainOptions {
        target: target.into(),
        task: target.is_empty().then_some(Task::Clustering),
        algorithm,
        params: Default::default(),
        test_share: 0.25,
        seed: 42,
        group: None,
    };
    ws.handle(Request::Train { recipe: Default::default(), options }, vec![], "2026-12-07T00:00:00Z").unwrap();
    ws
}

fn download(ws: &mut Workspace, request: Request, files: Vec<FileBytes>) -> FileDownload {
    match ws.handle(request, files, "now").unwrap() {
        Answer::Download(file) => file,
        other => panic!("expected a download, got {other:?}"),
    }
}

#[test]
fn the_model_just_trained_and_a_model_file_download_as_sift_onnx_writes_them() {
    let mut ws = Workspace::new();
    let asked = Request::ExportOnnx { model: ModelSource::Trained };
    assert!(ws.handle(asked, vec![], "now").unwrap_err().contains("no model has been trained"));

    let mut ws = trained("diabetes", "progression", Algorithm::LinearRegression);
    let json = download(&mut ws, Request::ExportModel, vec![]).content;
    let expected = model_onnx(&Artifact::from_json(&json).unwrap()).unwrap();

    let file = download(&mut ws, Request::ExportOnnx { model: ModelSource::Trained }, vec![]);
    assert_eq!(file.file_name, "diabetes-model.onnx");
    assert_eq!(file.mime, "application/octet-stream");
    assert!(file.binary);
    // The bytes as the page gets them: the answer travels as JSON.
    let sent: FileDownload = serde_json::from_str(&serde_json::to_string(&file).unwrap()).unwrap();
    assert_eq!(sent.bytes().unwrap(), expected);

    let model_file = FileBytes::whole("my model.json", json.into_bytes());
    let opened = download(&mut ws, Request::ExportOnnx { model: ModelSource::File }, vec![model_file]);
    assert_eq!(opened.file_name, "my model.onnx");
    assert_eq!(opened.bytes().unwrap(), expected);

    let not_json = FileBytes::whole("notes.json", b"\xff".to_vec());
    let err = ws.handle(Request::ExportOnnx { model: ModelSource::File }, vec![not_json], "now").unwrap_err();
    assert!(err.message().contains("'notes.json' is not a Sift model"), "{err}");
}

#[test]
fn a_model_without_an_exact_translation_is_refused_by_name() {
    let algorithm = Algorithm::Dbscan;
    let mut ws = trained("diabetes", "", algorithm);
    let err = ws.handle(Request::ExportOnnx { model: ModelSource::Trained }, vec![], "now").unwrap_err();
    assert!(err.message().contains("cannot be written as ONNX"), "{err}");
    assert!(err.message().contains(algorithm.label()), "{err}");
}

#[test]
fn text_downloads_stay_text() {
    let text = FileDownload::text("a.csv".into(), "text/csv", "x\n1\n".into());
    let json = serde_json::to_string(&text).unwrap();
    assert!(!json.contains("binary"), "{json}");
    assert_eq!(serde_json::from_str::<FileDownload>(&json).unwrap().bytes().unwrap(), b"x\n1\n");
}

#[test]
fn the_python_download_is_the_script_sift_python_writes() {
    let mut ws = trained("penguins", "species", Algorithm::RandomForest);
    let json = download(&mut ws, Request::ExportModel, vec![]).content;
    let expected = pipeline_script(&Artifact::from_json(&json).unwrap()).unwrap();

    let file = download(&mut ws, Request::ExportPython { model: ModelSource::Trained }, vec![]);
    assert_eq!(file.file_name, "penguins-pipeline.py");
    assert_eq!(file.mime, "text/x-python");
    assert!(!file.binary);
    assert_eq!(file.content, expected);
    assert!(file.content.contains("RandomForestClassifier"), "the algorithm's twin is in the script");

    let model_file = FileBytes::whole("class model.json", json.into_bytes());
    let opened = download(&mut ws, Request::ExportPython { model: ModelSource::File }, vec![model_file]);
    assert_eq!(opened.file_name, "class model.py");
    assert_eq!(opened.content, expected);
}
