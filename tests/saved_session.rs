//! The saved session (`client::saved_session`), natively: a session recorded against a real
//! worker's `Workspace` is saved, read back and replayed into a fresh workspace, which ends
//! with the same data and the same model without training; and every broken, foreign or
//! future document is dropped with a message, never a panic.

use sift::client::history::History;
use sift::client::saved_session::{FileKey, Leaderboard, SavedResults, SavedSession, FORMAT};
use sift::client::session::Session;
use sift::client::train_form::TrainForm;
use sift::engine::base::error::Error;
use sift::engine::learn::Algorithm;
use sift::engine::recipe::{Recipe, RecipeStep, Step};
use sift::engine::train::TrainOptions;
use sift::worker::protocol::{Answer, CrossValidation, ProfileOptions, Request, Task};
use sift::worker::workspace::{FileBytes, Workspace};

/// A file as the page holds it: its key in the store, its name and bytes.
type File = (FileKey, String, Vec<u8>);

const CSV: &[u8] = b"x,y,label\n1,2,a\n2,3,b\n3,4,a\n4,5,b\n5,6,a\n6,7,b\n7,8,a\n8,9,b\n9,1,a\n10,2,b\n\
    11,3,a\n12,4,b\n13,5,a\n14,6,b\n15,7,a\n16,8,b\n";

fn points() -> File {
    ("key-1".into(), "points.csv".into(), CSV.to_vec())
}

fn options(target: &str) -> TrainOptions {
    TrainOptions {
        target: target.into(),
        task: None,
        algorithm: Algorithm::DecisionTree,
        params: Default::default(),
        test_share: 0.25,
        seed: 42,
        group: None,
    }
}

fn handle(workspace: &mut Workspace, request: &Request, files: &[File]) -> Result<Answer, Error> {
    let files = files.iter().map(|(_, name, bytes)| FileBytes::whole(name, bytes.clone())).collect();
    workspace.handle(request.clone(), files, "2026-12-07T00:00:00Z")
}

fn model_json(workspace: &mut Workspace) -> String {
    match handle(workspace, &Request::ExportModel, &[]).unwrap() {
        Answer::Download(file) => file.content,
        other => panic!("not a download: {other:?}"),
    }
}

/// A session as the page makes it: the sample and a CSV loaded, a report with a target, a
/// recipe edit, a model trained and cross-validated; and the worker it was recorded on.
fn worked_session() -> (SavedSession, Workspace) {
    let mut workspace = Workspace::new();
    let mut session = Session::<File>::default();
    let mut recipe = Recipe::default();
    let mut history = History::default();
    recipe = history.edit(&recipe, |r| r.steps.push(RecipeStep::new(Step::drop_columns(vec!["x".into()])))).unwrap();
    let profile = ProfileOptions { target: Some("label".into()), ..Default::default() };
    let requests = [
        (Request::LoadSample { name: "penguins".into() }, vec![]),
        (Request::LoadFiles { names: vec!["points.csv".into()], options: Default::default() }, vec![points()]),
        (Request::Profile { options: ProfileOptions { spearman: true, ..Default::default() } }, vec![]),
        (Request::Profile { options: profile.clone() }, vec![]),
        (Request::Train { recipe: recipe.clone(), options: options("label") }, vec![]),
        (Request::Activate { index: 0 }, vec![]),
    ];
    let mut summary = None;
    for (request, files) in &requests {
        let answer = handle(&mut workspace, request, files).unwrap();
        if let Answer::Trained { summary: s, .. } = &answer {
            summary = Some(*s.clone());
        }
        session.record(request, files, &answer);
    }
    let cv = Request::CrossValidate { recipe: recipe.clone(), options: options("label"), folds: 3 };
    handle(&mut workspace, &Request::Activate { index: 1 }, &[]).unwrap();
    let Answer::CrossValidated(cv) = handle(&mut workspace, &cv, &[]).unwrap() else { panic!("no cross-validation") };
    handle(&mut workspace, &Request::Activate { index: 0 }, &[]).unwrap();
    // As the page receives it: through the worker's JSON message.
    let cv: CrossValidation = serde_json::from_str(&serde_json::to_string(&cv).unwrap()).unwrap();
    let saved = SavedSession {
        format: FORMAT,
        sift_version: env!("CARGO_PKG_VERSION").into(),
        saved_at: 1_796_601_600_000.0,
        loads: SavedSession::loads_of(&session, |(key, _, _)| Some(key.clone())),
        active: session.active(),
        profile,
        read_options: Default::default(),
        recipe,
        history,
        form: TrainForm { target: Some("label".into()), algorithm: Algorithm::DecisionTree, ..Default::default() },
        model: Some(sift::client::saved_session::SavedModel {
            dataset: "points.csv".into(),
            summary: summary.expect("trained"),
            json: model_json(&mut workspace),
        }),
        results: SavedResults {
            cross_validation: Some(cv),
            leaderboard: Some(Leaderboard { task: Task::Classification, entries: Vec::new() }),
            grid: None,
        },
        predict: Default::default(),
    };
    (saved, workspace)
}

#[test]
fn a_saved_session_reads_back_as_it_was_written() {
    let (saved, _) = worked_session();
    let read = SavedSession::read(&saved.to_json()).unwrap();
    assert_eq!(read, saved);
    assert_eq!(read.loads.len(), 3, "the sample, the CSV and the report's last options");
    assert_eq!(read.loads[2].request, Request::Profile { options: saved.profile.clone() });
    assert_eq!(read.file_keys(), vec!["key-1".to_string()]);
    assert!(read.history.can_undo(), "the undo history is saved");
}

#[test]
fn the_replay_brings_back_the_data_and_the_model_without_training() {
    let (saved, mut original) = worked_session();
    let replay = SavedSession::read(&saved.to_json()).unwrap().replay();
    assert!(!replay.iter().any(|(r, _)| matches!(r, Request::Train { .. })), "nothing is trained again");
    assert!(matches!(replay.last(), Some((Request::Activate { index: 0 }, _))));
    let stored = [points()];
    let mut fresh = Workspace::new();
    for (request, keys) in replay {
        let files: Vec<File> = keys.iter().map(|k| stored.iter().find(|f| &f.0 == k).unwrap().clone()).collect();
        handle(&mut fresh, &request, &files).unwrap();
    }
    assert_eq!(model_json(&mut fresh), model_json(&mut original), "the same model, byte for byte");
    for request in [Request::Activate { index: 1 }, Request::Activate { index: 0 }] {
        assert_eq!(handle(&mut fresh, &request, &[]), handle(&mut original, &request, &[]), "{request:?}");
    }
    let predict = Request::InspectModel { model: sift::worker::protocol::ModelSource::Trained };
    assert_eq!(handle(&mut fresh, &predict, &[]), handle(&mut original, &predict, &[]));
}

#[test]
fn a_restored_model_is_recorded_for_the_replay_after_a_crash() {
    let (saved, _) = worked_session();
    let mut session = Session::<File>::default();
    let mut workspace = Workspace::new();
    for (request, _) in saved.replay().into_iter().filter(|(_, keys)| keys.is_empty()) {
        let answer = handle(&mut workspace, &request, &[]).unwrap();
        session.record(&request, &[], &answer);
    }
    assert!(session.replay().iter().any(|(r, _)| matches!(r, Request::RestoreModel { .. })));
}

#[test]
fn a_broken_model_json_is_an_error_not_a_panic() {
    let mut workspace = Workspace::new();
    for json in ["", "{", "{\"format\": 99}", "[1,2,3]"] {
        let error = handle(&mut workspace, &Request::RestoreModel { json: json.into() }, &[]).unwrap_err();
        assert!(error.message().contains("the saved model cannot be restored"), "{error}");
    }
    assert!(handle(&mut workspace, &Request::ExportModel, &[]).is_err(), "no model after a failed restore");
}

#[test]
fn a_load_whose_file_is_not_stored_ends_the_saved_loads() {
    let mut session = Session::<File>::default();
    let mut workspace = Workspace::new();
    let load = Request::LoadFiles { names: vec!["points.csv".into()], options: Default::default() };
    for (request, files) in [(Request::LoadSample { name: "penguins".into() }, vec![]), (load, vec![points()])] {
        let answer = handle(&mut workspace, &request, &files).unwrap();
        session.record(&request, &files, &answer);
    }
    let loads = SavedSession::loads_of(&session, |_| None);
    assert_eq!(loads.len(), 1, "the sample needs no file; the CSV and what follows are left out");
}

fn dropped(text: &str) -> String {
    match SavedSession::read(text) {
        Ok(session) => panic!("read {text:.80}… as {session:?}"),
        Err(dropped) => {
            assert!(dropped.message.starts_with("Your saved session could not be restored and was dropped: "));
            dropped.message
        }
    }
}

#[test]
fn garbage_and_foreign_documents_are_dropped_with_a_message() {
    assert!(dropped("").contains("not a Sift session"));
    assert!(dropped("\u{0}\u{1}garbage").contains("not a Sift session"));
    assert!(dropped("[1, 2]").contains("no format version"));
    assert!(dropped("{\"name\": \"someone else's\"}").contains("no format version"));
    assert!(dropped("{\"format\": \"one\"}").contains("no format version"));
}

#[test]
fn every_truncation_of_a_document_is_dropped_not_a_panic() {
    let (saved, _) = worked_session();
    let json = saved.to_json();
    let cuts: Vec<usize> =
        (0..json.len()).step_by(97).chain([json.len() - 1]).filter(|i| json.is_char_boundary(*i)).collect();
    for cut in cuts {
        dropped(&json[..cut]);
    }
}

#[test]
fn a_newer_or_older_format_is_dropped_and_says_which() {
    let (saved, _) = worked_session();
    let newer = SavedSession { format: FORMAT + 1, sift_version: "9.0.0".into(), ..saved.clone() };
    let message = dropped(&newer.to_json());
    assert!(message.contains("newer Sift (9.0.0, session format 2)"), "{message}");
    let older = SavedSession { format: 0, ..saved };
    assert!(dropped(&older.to_json()).contains("older Sift"));
}

#[test]
fn a_wrong_field_is_named() {
    let (saved, _) = worked_session();
    let mut value: serde_json::Value = serde_json::from_str(&saved.to_json()).unwrap();
    value["active"] = "first".into();
    assert!(dropped(&value.to_string()).contains("its field active is wrong"));
    value["active"] = 0.into();
    value["form"]["algorithm"] = "a_brand_new_algorithm".into();
    assert!(dropped(&value.to_string()).contains("form.algorithm"));
}

#[test]
fn a_load_that_is_not_a_load_or_names_the_wrong_files_is_dropped() {
    let (saved, _) = worked_session();
    let mut crash = saved.clone();
    crash.loads[0].request = Request::Crash;
    assert!(dropped(&crash.to_json()).contains("load 1 is not a load but “crash”"));
    let mut missing = saved;
    missing.loads[1].files.clear();
    assert!(dropped(&missing.to_json()).contains("load 2 reads 1 files but names 0"));
}

#[test]
fn results_and_predict_are_optional_in_the_document() {
    let (saved, _) = worked_session();
    let mut value: serde_json::Value = serde_json::from_str(&saved.to_json()).unwrap();
    let object = value.as_object_mut().unwrap();
    object.remove("results");
    object.remove("predict");
    let read = SavedSession::read(&value.to_string()).unwrap();
    assert_eq!(read.results, SavedResults::default());
    assert_eq!(read.model, saved.model);
}
