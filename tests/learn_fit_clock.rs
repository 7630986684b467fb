//! The worker times a model's fit with the clock its runtime gives it (the browser's worker
//! passes `Date.now`), into the training summary's `fit_seconds`; bench/learn.mjs reads it.

use std::sync::atomic::{AtomicU64, Ordering};

use sift::engine::learn::{Algorithm, Params};
use sift::engine::recipe::Recipe;
use sift::engine::train::TrainOptions;
use sift::worker::protocol::{Answer, Request};
use sift::worker::workspace::Workspace;

static TICKS: AtomicU64 = AtomicU64::new(0);

/// Half a second more at each reading.
fn ticking_clock() -> f64 {
    TICKS.fetch_add(1, Ordering::SeqCst) as f64 * 0.5
}

fn train(workspace: &mut Workspace) -> Option<f64> {
    let options = TrainOptions {
        target: "species".into(),
        task: None,
        algorithm: Algorithm::LogisticRegression,
        params: Params::new(),
        test_share: 0.25,
        seed: 42,
        group: None,
    };
    match workspace.handle(Request::Train { recipe: Recipe::default(), options }, vec![], "now") {
        Ok(Answer::Trained { summary, .. }) => summary.fit_seconds,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_clock_is_read_just_before_and_after_the_fit() {
    let mut workspace = Workspace::new();
    workspace.handle(Request::LoadSample { name: "penguins".into() }, vec![], "now").unwrap();
    assert_eq!(train(&mut workspace), None, "no clock, no time");
    workspace.set_clock(ticking_clock);
    assert_eq!(train(&mut workspace), Some(0.5));
    assert_eq!(TICKS.load(Ordering::SeqCst), 2);
}
