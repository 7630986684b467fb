//! Several files in the worker: files with the same columns are appended (with
//! `source_file`), others open side by side and can be joined on a key.

use sift::engine::base::error::Error;
use sift::engine::ingest::IngestOptions;
use sift::worker::protocol::{Answer, DatasetView, JoinKind, JoinRequest, JoinSpec, Request};
use sift::worker::workspace::{FileBytes, Workspace};

fn open(ws: &mut Workspace, files: &[(&str, &str)]) -> Result<DatasetView, Error> {
    let names = files.iter().map(|(n, _)| n.to_string()).collect();
    let bytes = files.iter().map(|(n, t)| FileBytes::whole(*n, t.as_bytes().to_vec())).collect();
    view(ws.handle(Request::LoadFiles { names, options: IngestOptions::default() }, bytes, "now"))
}

fn view(answer: Result<Answer, Error>) -> Result<DatasetView, Error> {
    match answer? {
        Answer::Dataset(view) => Ok(*view),
        other => panic!("expected a dataset, got {other:?}"),
    }
}

fn column(view: &DatasetView, name: &str) -> Vec<Option<String>> {
    let i = view.columns.iter().position(|c| c.name == name).expect(name);
    view.preview.iter().map(|row| row[i].clone()).collect()
}

const JAN: &str = "id,amount\n1,10\n2,20\n";
const FEB: &str = "id,amount\n3,30.5\n";
const PEOPLE: &str = "person,name\n1,Ann\n3,Cy\n";

#[test]
fn files_with_the_same_columns_are_appended_with_their_source() {
    let mut ws = Workspace::new();
    let v = open(&mut ws, &[("jan.csv", JAN), ("feb.csv", FEB)]).unwrap();
    assert_eq!(v.datasets.len(), 1);
    assert_eq!((v.name.as_str(), v.rows), ("jan.csv + feb.csv", 3));
    assert_eq!(v.columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["id", "amount", "source_file"]);
    assert_eq!(v.columns[1].column_type.name(), "number", "integers appended to numbers are numbers");
    assert_eq!(
        column(&v, "source_file"),
        [Some("jan.csv"), Some("jan.csv"), Some("feb.csv")].map(|s| s.map(String::from))
    );
    assert!(v.made_from.as_deref().unwrap().starts_with("Appended 2 files"), "{:?}", v.made_from);
}

#[test]
fn an_appended_dataset_is_re_read_from_all_its_files() {
    let mut ws = Workspace::new();
    open(&mut ws, &[("jan.csv", JAN), ("feb.csv", FEB)]).unwrap();
    let options = IngestOptions { has_header: Some(false), ..IngestOptions::default() };
    let files = vec![FileBytes::whole("jan.csv", JAN.into()), FileBytes::whole("feb.csv", FEB.into())];
    let v = view(ws.handle(Request::Reread { index: 0, options }, files, "now")).unwrap();
    assert_eq!(v.rows, 5, "two header lines become rows");
    assert_eq!(v.columns.last().unwrap().name, "source_file");
}

#[test]
fn different_files_open_side_by_side_and_join() {
    let mut ws = Workspace::new();
    let v = open(&mut ws, &[("jan.csv", JAN), ("people.csv", PEOPLE)]).unwrap();
    assert_eq!(v.datasets.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(), ["jan.csv", "people.csv"]);
    let join = |kind| {
        Request::Join(JoinRequest {
            left: 0,
            right: 1,
            spec: JoinSpec { left_key: "id".into(), right_key: "person".into(), how: kind },
        })
    };
    let left = view(ws.handle(join(JoinKind::Left), vec![], "now")).unwrap();
    assert_eq!((left.name.as_str(), left.rows, left.active), ("jan ⋈ people", 2, 2));
    assert_eq!(column(&left, "name"), [Some("Ann".to_string()), None]);
    assert!(left.made_from.as_deref().unwrap().contains("left join"), "{:?}", left.made_from);
    let inner = view(ws.handle(join(JoinKind::Inner), vec![], "now")).unwrap();
    assert_eq!((inner.rows, inner.datasets.len()), (1, 4));
    let err = ws.handle(Request::Reread { index: 3, options: IngestOptions::default() }, vec![], "now").unwrap_err();
    assert!(err.contains("joined table cannot be read again"), "{err}");
}

#[test]
fn a_bad_join_changes_nothing() {
    let mut ws = Workspace::new();
    open(&mut ws, &[("jan.csv", JAN), ("people.csv", PEOPLE)]).unwrap();
    let bad = JoinRequest {
        left: 0,
        right: 1,
        spec: JoinSpec { left_key: "nope".into(), right_key: "person".into(), how: JoinKind::Inner },
    };
    let err = ws.handle(Request::Join(bad), vec![], "now").unwrap_err();
    assert!(err.contains("no column named 'nope'"), "{err}");
    let v = view(ws.handle(Request::Activate { index: 1 }, vec![], "now")).unwrap();
    assert_eq!(v.datasets.len(), 2);
}

#[test]
fn only_the_files_with_the_same_columns_are_appended() {
    let mut ws = Workspace::new();
    let v = open(&mut ws, &[("jan.csv", JAN), ("people.csv", PEOPLE), ("feb.csv", FEB)]).unwrap();
    let names: Vec<&str> = v.datasets.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["jan.csv + feb.csv", "people.csv"]);
    assert_eq!(v.datasets[0].files, ["jan.csv", "feb.csv"]);
    assert_eq!(v.datasets[1].files, ["people.csv"]);
}

#[test]
fn a_join_request_survives_its_trip_as_json() {
    let request = Request::Join(JoinRequest {
        left: 0,
        right: 1,
        spec: JoinSpec { left_key: "id".into(), right_key: "person".into(), how: JoinKind::Inner },
    });
    let json = serde_json::to_string(&request).unwrap();
    assert_eq!(serde_json::from_str::<Request>(&json).unwrap(), request, "{json}");
}
