//! The worker's job handler: loads, failures that leave data intact, train, exports.

use std::sync::atomic::{AtomicUsize, Ordering};

use sift::engine::base::error::Error;
use sift::engine::base::table::ColumnData;
use sift::engine::ingest::{ready, Pending};
use sift::engine::learn::Algorithm;
use sift::engine::profile::{Analyst, ColumnAnalysis, Finished};
use sift::engine::recipe::Recipe;
use sift::engine::train::TrainOptions;
use sift::worker::protocol::{Answer, Request};
use sift::worker::workspace::{FileBytes, Workspace};

fn load(ws: &mut Workspace, name: &str, bytes: &[u8]) -> Result<Answer, Error> {
    ws.handle(
        Request::LoadFiles { names: vec![name.into()], options: Default::default() },
        vec![FileBytes::whole(name, bytes.to_vec())],
        "now",
    )
}

fn dataset(answer: Answer) -> (String, usize) {
    match answer {
        Answer::Dataset(view) => (view.name, view.rows),
        other => panic!("expected a dataset, got {other:?}"),
    }
}

#[test]
fn a_bad_file_leaves_the_loaded_data_usable() {
    let mut ws = Workspace::new();
    let (name, rows) = dataset(ws.handle(Request::LoadSample { name: "penguins".into() }, vec![], "now").unwrap());
    assert_eq!((name.as_str(), rows), ("penguins.csv", 344));
    assert!(load(&mut ws, "empty.csv", b"").unwrap_err().contains("empty"));
    assert!(load(&mut ws, "x.bin", b"\x89PNG\0\0\x01\x02").unwrap_err().contains("binary"));
    assert!(load(&mut ws, "r.csv", b"a,b,c\n1,2,3\n1,2,3,4\n").unwrap_err().contains("line 3"));
    let (name, rows) = dataset(ws.handle(Request::Activate { index: 0 }, vec![], "now").unwrap());
    assert_eq!((name.as_str(), rows), ("penguins.csv", 344));
}

#[test]
fn train_then_export_model_recipe_and_cleaned_csv() {
    let mut ws = Workspace::new();
    assert!(ws.handle(Request::ExportModel, vec![], "now").unwrap_err().contains("train a model first"));
    ws.handle(Request::LoadSample { name: "penguins".into() }, vec![], "now").unwrap();
    let options = TrainOptions {
        target: "species".into(),
        task: None,
        algorithm: Algorithm::RandomForest,
        params: Default::default(),
        test_share: 0.25,
        seed: 42,
        group: None,
    };
    let recipe =
        match ws.handle(Request::Train { recipe: Recipe::default(), options }, vec![], "2026-11-21T00:00:00Z").unwrap()
        {
            Answer::Trained { recipe, .. } => recipe,
            other => panic!("{other:?}"),
        };
    assert!(!recipe.steps.is_empty());
    let Answer::Download(model) = ws.handle(Request::ExportModel, vec![], "now").unwrap() else { panic!() };
    assert_eq!(model.file_name, "penguins-model.json");
    let json: serde_json::Value = serde_json::from_str(&model.content).unwrap();
    for key in
        ["version", "schema", "recipe", "target", "classes", "algorithm", "model", "evaluation", "seed", "created_at"]
    {
        assert!(!json[key].is_null(), "model JSON lacks {key}");
    }
    assert_eq!(json["created_at"], "2026-11-21T00:00:00Z");
    let Answer::Download(csv) = ws.handle(Request::ExportCleanedCsv { recipe: recipe.clone() }, vec![], "now").unwrap()
    else {
        panic!()
    };
    let header = csv.content.lines().next().unwrap();
    assert!(header.contains("island_Biscoe") && header.contains("species"), "{header}");
    assert_eq!(csv.content.lines().count(), 345);
    let Answer::Download(r) = ws.handle(Request::ExportRecipe { recipe: recipe.clone() }, vec![], "now").unwrap()
    else {
        panic!()
    };
    assert_eq!(Recipe::from_json(&r.content).unwrap(), recipe);
}

#[test]
fn a_partly_read_file_opens_as_a_labelled_sample() {
    let mut ws = Workspace::new();
    let whole = "a,b\n1,x\n2,y\n3,z\n";
    // The worker read only the first 13 bytes of 16: the cut falls inside the last line.
    let file = FileBytes::partial("big.csv", whole.as_bytes()[..13].to_vec(), whole.len() as u64);
    let Answer::Dataset(view) = ws
        .handle(Request::LoadFiles { names: vec!["big.csv".into()], options: Default::default() }, vec![file], "now")
        .unwrap()
    else {
        panic!("expected a dataset")
    };
    assert_eq!(view.rows, 2);
    let note = view.sample_note.expect("a sample is labelled");
    assert!(note.contains("first 2 rows"), "{note}");
    let Answer::Dataset(view) = load(&mut ws, "small.csv", whole.as_bytes()).unwrap() else { panic!() };
    assert_eq!((view.rows, view.sample_note), (3, None));
}

#[test]
fn choosing_a_target_brings_the_target_alerts() {
    use sift::engine::profile::ProfileOptions;
    let mut ws = Workspace::new();
    // 'leak' copies the target; 'rare' is a target with one class under 10%.
    let mut csv = String::from("x,leak,label,rare\n");
    for i in 0..60 {
        let label = if i % 2 == 0 { "yes" } else { "no" };
        let rare = if i < 3 { "few" } else { "many" };
        csv.push_str(&format!("{},{}{},{label},{rare}\n", (i * 7) % 11, label, "_",));
    }
    load(&mut ws, "t.csv", csv.as_bytes()).unwrap();
    let kinds = |ws: &mut Workspace, target: &str| -> Vec<String> {
        let options = ProfileOptions { target: Some(target.into()), spearman: true };
        let Answer::Dataset(view) = ws.handle(Request::Profile { options }, vec![], "now").unwrap() else { panic!() };
        assert!(view.report.correlations.spearman.is_some(), "Spearman on request");
        view.report.alerts.iter().map(|a| a.kind.clone()).collect()
    };
    let label = kinds(&mut ws, "label");
    assert!(label.contains(&"target_leakage".to_string()), "{label:?}");
    let rare = kinds(&mut ws, "rare");
    assert!(rare.contains(&"imbalanced_target".to_string()), "{rare:?}");
}

/// Columns handed to [`SameThread`] analysts, in all tests of this file.
static HANDED_OVER: AtomicUsize = AtomicUsize::new(0);

/// An analyst that analyses each column as soon as it is given, on this thread.
#[derive(Default)]
struct SameThread(Finished);

impl Analyst for SameThread {
    fn has_room(&self) -> bool {
        true
    }

    fn give(&mut self, index: usize, name: &str, data: &ColumnData) -> Result<(), Error> {
        HANDED_OVER.fetch_add(1, Ordering::Relaxed);
        self.0.push((index, Some(ColumnAnalysis::of(name, data))));
        Ok(())
    }

    fn finished(&mut self, _wait: bool) -> Pending<'_, Finished> {
        ready(Ok(std::mem::take(&mut self.0)))
    }
}

#[test]
fn a_large_file_is_reported_on_with_the_analyst_the_same() {
    let mut csv = String::from("id,x,word\n");
    for i in 0..120_000u64 {
        csv.push_str(&format!("{i},{}.{},w{}\n", i * 7919 % 1000, i % 10, i % 13));
    }
    let report = |ws: &mut Workspace| match load(ws, "large.csv", csv.as_bytes()).unwrap() {
        Answer::Dataset(view) => view.report,
        other => panic!("expected a dataset, got {other:?}"),
    };
    let alone = report(&mut Workspace::new());
    let mut shared = Workspace::new();
    shared.set_analysts(|| Some(Box::new(SameThread::default())));
    assert_eq!(report(&mut shared), alone);
    assert!(HANDED_OVER.load(Ordering::Relaxed) >= 2, "the analyst was given the id and x columns");
}
