//! The page's SQL downloads: the worker answers the statement `sift sql` prints, for the model
//! just trained and for the recipe fitted on the active dataset, in both dialects.

use sift::engine::artifact::sql::{fitted_recipe_statement, model_statement};
use sift::engine::artifact::Artifact;
use sift::engine::learn::Algorithm;
use sift::engine::recipe::{FitContext, Recipe};
use sift::engine::train::TrainOptions;
use sift::worker::protocol::{Answer, Dialect, Request};
use sift::worker::workspace::Workspace;

fn download(ws: &mut Workspace, request: Request) -> (String, String) {
    match ws.handle(request, vec![], "now").unwrap() {
        Answer::Download(file) => (file.file_name, file.content),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_model_and_the_cleaning_download_as_the_statements_sift_sql_prints() {
    let mut ws = Workspace::new();
    let asked = Request::ExportSql { dialect: Dialect::DuckDb, recipe: None };
    assert!(ws.handle(asked, vec![], "now").unwrap_err().contains("train a model first"));
    ws.handle(Request::LoadSample { name: "penguins".into() }, vec![], "now").unwrap();
    let options = TrainOptions {
        target: "species".into(),
        task: None,
        algorithm: Algorithm::LogisticRegression,
        params: Default::default(),
        test_share: 0.25,
        seed: 42,
        group: None,
    };
    let Answer::Trained { recipe, .. } =
        ws.handle(Request::Train { recipe: Recipe::default(), options }, vec![], "2026-12-07T00:00:00Z").unwrap()
    else {
        panic!("no model")
    };
    let (_, json) = download(&mut ws, Request::ExportModel);
    let artifact = Artifact::from_json(&json).unwrap();
    for dialect in Dialect::ALL {
        let (name, sql) = download(&mut ws, Request::ExportSql { dialect, recipe: None });
        assert_eq!(name, format!("penguins-model-{}.sql", dialect.name()));
        assert_eq!(sql, model_statement(&artifact, dialect, "input").unwrap());
        assert!(sql.contains("prediction"), "{sql}");

        let (name, sql) = download(&mut ws, Request::ExportSql { dialect, recipe: Some(recipe.clone()) });
        assert_eq!(name, format!("penguins-cleaning-{}.sql", dialect.name()));
        let table = sift::engine::ingest::read_csv(
            "penguins.csv",
            &std::fs::read("public/samples/penguins.csv").unwrap(),
            &Default::default(),
        )
        .unwrap();
        let expected = fitted_recipe_statement(&table, &recipe, &FitContext::default(), dialect, "input").unwrap();
        assert_eq!(sql, expected);
    }
    assert_eq!(serde_json::to_string(&Dialect::Spark).unwrap(), "\"spark\"");
}
