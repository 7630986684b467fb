//! Training puts number columns on one scale unless the user's recipe scales them, and a
//! scaling Sift added for an earlier target does not stop it scaling that column later.

use sift::worker::protocol::{Algorithm, Answer, Recipe, Request, Task, TrainOptions, TrainSummary};
use sift::worker::workspace::Workspace;

fn options(target: &str, algorithm: &str, task: Option<Task>) -> TrainOptions {
    TrainOptions {
        target: target.into(),
        task,
        algorithm: Algorithm::parse(algorithm).unwrap(),
        params: Default::default(),
        test_share: 0.25,
        seed: 42,
        group: None,
    }
}

fn train(ws: &mut Workspace, recipe: Recipe, options: TrainOptions) -> (Recipe, Box<TrainSummary>) {
    match ws.handle(Request::Train { recipe, options }, vec![], "now").unwrap() {
        Answer::Trained { recipe, summary } => (recipe, summary),
        other => panic!("expected a trained model, got {other:?}"),
    }
}

fn penguins() -> Workspace {
    let mut ws = Workspace::new();
    ws.handle(Request::LoadSample { name: "penguins".into() }, vec![], "now").unwrap();
    ws
}

fn silhouette(summary: &TrainSummary) -> f64 {
    summary.evaluation.headline()["silhouette"]
}

#[test]
fn clustering_scales_the_numbers_even_after_training_on_one_of_them() {
    let kmeans = || options("", "kmeans", Some(Task::Clustering));
    let (_, fresh) = train(&mut penguins(), Recipe::default(), kmeans());
    let scaled = fresh.added_steps.iter().find(|s| s.starts_with("Standard scale")).expect("a scaling step");
    assert!(scaled.contains("body_mass_g") && !scaled.contains("island_"), "{scaled}");

    let mut ws = penguins();
    let (recipe, regression) = train(&mut ws, Recipe::default(), options("body_mass_g", "random_forest", None));
    assert!(regression.added_steps.iter().any(|s| s.starts_with("Standard scale") && !s.contains("body_mass_g")));
    let (_, chained) = train(&mut ws, recipe, kmeans());
    assert!(
        chained.added_steps.iter().any(|s| s.starts_with("Standard scale") && s.contains("body_mass_g")),
        "{:?}",
        chained.added_steps
    );
    assert!((silhouette(&chained) - silhouette(&fresh)).abs() < 1e-9);
}

#[test]
fn a_recipe_that_scales_gets_no_second_scaling() {
    let recipe =
        Recipe::from_json(r#"{"version": 2, "steps": [{"kind": "min_max_scale", "columns": ["body_mass_g"]}]}"#);
    let recipe = recipe.unwrap_or_else(|e| panic!("{e}"));
    let (_, summary) = train(&mut penguins(), recipe, options("species", "knn", None));
    assert!(summary.added_steps.iter().all(|s| !s.starts_with("Standard scale")), "{:?}", summary.added_steps);
}
