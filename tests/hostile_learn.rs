//! Hostile inputs through learning (issue 17): extreme finite magnitudes (±1.7e308, 1e300,
//! 1e-300, subnormals), infinities and huge/small mixes through every algorithm and task it
//! supports — train, save (`to_json`), load (`from_json`), predict — with no panic, and
//! either a result or an error naming the column; never a model file that cannot be read
//! back, never a prediction padded with blanks; naive Bayes on counts; clustering with a
//! target; tampered hyperparameters in a model file.
//!
//! Tests marked `#[ignore = "needs the StandardScale fix"]` check the *right* result on huge
//! and tiny magnitudes, which needs the recipe's automatic standard scaling to compute its
//! spread stably (issue 17 #3, recipe side); run them with `cargo test --test hostile_learn
//! -- --include-ignored` once that fix is merged. Everything else passes on its own.

use std::panic::{catch_unwind, AssertUnwindSafe};

use proptest::prelude::*;
use sift::engine::artifact::{predictions_csv, Artifact};
use sift::engine::base::error::Error;
use sift::engine::base::table::{Column, ColumnData, Table};
use sift::engine::learn::{specs, Algorithm, ParamValue, Params, Task};
use sift::engine::recipe::Recipe;
use sift::engine::train::{train, TrainOptions, Trained};

const ROWS: usize = 24;

/// The magnitudes every algorithm meets: the largest finite, huge, the edges of squaring
/// (1e154) and of the learners' input range (1e100), ordinary, tiny, subnormal.
const MAGNITUDES: [f64; 11] = [1.7e308, 1e300, 1e200, 1e155, 1e100, 1.0, 1e-100, 1e-160, 1e-300, 1e-310, 5e-324];

/// Row `i`'s class: the first half "a", the rest "b".
fn class(i: usize) -> usize {
    usize::from(i >= ROWS / 2)
}

/// `x` separates the classes perfectly at magnitude `m` (negative for "a", positive for "b",
/// never beyond `m`); `z` is noise in [0, 1); `y` is the class; `t` a number that follows `x`.
fn table(m: f64) -> Table {
    let x: Vec<f64> = (0..ROWS).map(|i| if class(i) == 0 { -m } else { m } * (1.0 - (i % 7) as f64 / 100.0)).collect();
    table_with(x)
}

fn table_with(x: Vec<f64>) -> Table {
    let z: Vec<f64> = (0..ROWS).map(|i| ((i * 7919) % 97) as f64 / 97.0).collect();
    let t: Vec<f64> = (0..ROWS).map(|i| 10.0 * class(i) as f64 + z[i] / 10.0).collect();
    let codes: Vec<Option<u32>> = (0..ROWS).map(|i| Some(class(i) as u32)).collect();
    Table::new(
        "hostile.csv",
        vec![
            Column::new("x", ColumnData::Number(x.into())),
            Column::new("z", ColumnData::Number(z.into())),
            Column::new("y", ColumnData::Category { codes: codes.into(), levels: vec!["a".into(), "b".into()] }),
            Column::new("t", ColumnData::Number(t.into())),
        ],
    )
    .unwrap()
}

/// Small settings every algorithm accepts on 24 rows, quick in a debug build.
fn small(algorithm: Algorithm, task: Task) -> Params {
    let mut p = Params::new();
    for spec in specs(algorithm, task) {
        match spec.name.as_str() {
            "n_estimators" => {
                p.set("n_estimators", ParamValue::Integer(5));
            }
            "k" => {
                p.set("k", ParamValue::Integer(if task == Task::Clustering { 2 } else { 3 }));
            }
            "min_samples" => {
                p.set("min_samples", ParamValue::Integer(2));
            }
            _ => {}
        }
    }
    p
}

/// The options of one run: the class `y`, the number `t`, or clusters of `x` and `z` (the
/// target `y` named, so it must be left out; `t` is dropped by the recipe).
fn options(algorithm: Algorithm, task: Task) -> TrainOptions {
    let target = match task {
        Task::Regression => "t",
        _ => "y",
    };
    TrainOptions {
        target: target.into(),
        task: Some(task),
        algorithm,
        params: small(algorithm, task),
        test_share: 0.25,
        seed: 7,
        group: None,
    }
}

/// The user's recipe: drop the other target; with `own_scale`, also scale `z` by the user's
/// own min-max step, so that Sift adds no automatic scaling and `x` reaches the model as is.
fn recipe(task: Task, own_scale: bool) -> Recipe {
    let drop = match task {
        Task::Regression => "y",
        _ => "t",
    };
    let scale = if own_scale { r#", {"kind": "min_max_scale", "columns": ["z"]}"# } else { "" };
    Recipe::from_json(&format!(
        r#"{{"version": 2, "steps": [{{"kind": "drop_columns", "columns": ["{drop}"]}}{scale}]}}"#
    ))
    .unwrap()
}

/// Every (algorithm, task) Sift offers.
fn combos() -> Vec<(Algorithm, Task)> {
    Algorithm::ALL
        .into_iter()
        .flat_map(|a| Task::ALL.into_iter().filter(move |&t| a.supports(t)).map(move |t| (a, t)))
        .collect()
}

/// What one hostile run gave, when it gave a model that saved and loaded.
struct Run {
    trained: Trained,
    loaded: Artifact,
    predictions: Result<Vec<String>, Error>,
}

/// Train, save, load and predict `table`; `Err` is the first error, which must name a column
/// of the table. Panics (the test fails) when a step panics or a saved model does not load.
fn run(table: &Table, recipe: &Recipe, options: &TrainOptions, what: &str) -> Result<Run, Error> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<Run, Error> {
        let trained = train(table, recipe, options, "2026-01-01T00:00:00Z")?;
        let json = trained.artifact.to_json()?;
        let loaded = Artifact::from_json(&json).unwrap_or_else(|e| panic!("{what}: a saved model does not load: {e}"));
        let predictions = loaded.predict(table);
        if let Ok(p) = &predictions {
            assert_eq!(p.len(), table.row_count(), "{what}: one prediction per row");
            let csv = predictions_csv(&loaded, table).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(csv.lines().count(), table.row_count() + 1, "{what}: the predictions CSV has every row");
        }
        Ok(Run { trained, loaded, predictions })
    }));
    let result = outcome.unwrap_or_else(|_| panic!("{what}: panicked"));
    if let Err(e) = &result {
        assert!(names_a_column(e), "{what}: the error names no column: {e}");
    }
    if let Ok(Run { predictions: Err(e), .. }) = &result {
        assert!(names_a_column(e), "{what}: the prediction error names no column: {e}");
    }
    result
}

fn names_a_column(message: &str) -> bool {
    ["'x'", "'z'", "'t'", "'y'"].iter().any(|c| message.contains(c))
}

/// Every algorithm and task, every magnitude, with Sift's automatic scaling and without it:
/// no panic, every saved model loads and predicts every row, every error names a column.
#[test]
fn extreme_magnitudes_through_every_algorithm() {
    for m in MAGNITUDES.into_iter().chain([f64::INFINITY]) {
        let t = table(m);
        for (algorithm, task) in combos() {
            for own_scale in [false, true] {
                let what = format!("{algorithm:?} {task:?} at {m:e} (own scale: {own_scale})");
                let _ = run(&t, &recipe(task, own_scale), &options(algorithm, task), &what);
            }
        }
    }
}

/// One infinity, or one huge value, among ordinary ones.
#[test]
fn one_extreme_value_among_ordinary_ones() {
    for bad in [f64::INFINITY, f64::NEG_INFINITY, 1.7e308, -1e300, 5e-324] {
        let mut x: Vec<f64> = (0..ROWS).map(|i| class(i) as f64 * 2.0 - 1.0 + (i % 5) as f64 / 10.0).collect();
        x[3] = bad;
        let t = table_with(x);
        for (algorithm, task) in combos() {
            let what = format!("{algorithm:?} {task:?} with one {bad:e}");
            let _ = run(&t, &recipe(task, false), &options(algorithm, task), &what);
        }
    }
}

proptest! {
    // 48 cases in CI; more with PROPTEST_CASES=2000 (about a minute in a debug build).
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Random magnitudes from 1e-324 to 1e308 (and their mixes with ordinary values) through
    /// a random algorithm.
    #[test]
    fn random_magnitudes_never_panic_nor_save_unreadable_models(
        mantissa in 1.0f64..9.99,
        exponent in -323i32..=307,
        combo in 0usize..18,
        own_scale in any::<bool>(),
        mixed in any::<bool>(),
    ) {
        let m = mantissa * 10f64.powi(exponent);
        let mut t = table(m);
        if mixed {
            let x: Vec<f64> = (0..ROWS).map(|i| if i % 3 == 0 { m } else { class(i) as f64 }).collect();
            t = table_with(x);
        }
        let all = combos();
        let (algorithm, task) = all[combo % all.len()];
        let what = format!("{algorithm:?} {task:?} at {m:e} (own scale: {own_scale}, mixed: {mixed})");
        let _ = run(&t, &recipe(task, own_scale), &options(algorithm, task), &what);
    }
}

/// The share of rows of `table` predicted as their class `y` (or within 1 of `t`).
fn share_right(run: &Run, table: &Table, task: Task) -> f64 {
    let predictions = run.predictions.as_ref().expect("predictions");
    let right = (0..ROWS)
        .filter(|&i| match task {
            Task::Classification => predictions[i] == ["a", "b"][class(i)],
            _ => {
                (predictions[i].parse::<f64>().unwrap() - table.column("t").unwrap().data.number_at(i).unwrap()).abs()
                    < 1.0
            }
        })
        .count();
    right as f64 / ROWS as f64
}

/// Issue 17 #3: a feature around 1e300 (or 1e-300, or a subnormal) that separates the classes
/// perfectly is learned by every classifier, saved, loaded, and predicts right.
#[test]
fn huge_and_tiny_separating_features_are_learned() {
    for m in MAGNITUDES {
        let t = table(m);
        for algorithm in Algorithm::for_task(Task::Classification) {
            let what = format!("{algorithm:?} at {m:e}");
            let run = run(&t, &recipe(Task::Classification, false), &options(algorithm, Task::Classification), &what)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert!(
                share_right(&run, &t, Task::Classification) >= 0.9,
                "{what}: {:?}",
                run.trained.summary.evaluation.headline()
            );
            assert_eq!(run.loaded.predict(&t).unwrap(), run.trained.artifact.predict(&t).unwrap(), "{what}");
        }
        // Regression on 24 rows is rough whatever the scale: compare with the same data at
        // magnitude 1 (trees and scaled neighbours do not see the unit).
        for algorithm in [Algorithm::DecisionTree, Algorithm::RandomForest, Algorithm::Knn] {
            let what = format!("{algorithm:?} regression at {m:e}");
            let share = |t: &Table| {
                let run = run(t, &recipe(Task::Regression, false), &options(algorithm, Task::Regression), &what)
                    .unwrap_or_else(|e| panic!("{what}: {e}"));
                share_right(&run, t, Task::Regression)
            };
            assert!(share(&t) >= share(&table(1.0)) - 0.05, "{what}");
        }
    }
}

/// Issue 17 #3, model side: an artifact that holds a number JSON cannot hold is refused when
/// saved, naming the part, rather than written as `null` that no Sift reads back.
#[test]
fn a_model_that_would_not_read_back_is_not_saved() {
    let t = table(1.0);
    let mut trained =
        train(&t, &recipe(Task::Classification, false), &options(Algorithm::DecisionTree, Task::Classification), "now")
            .unwrap();
    let json = trained.artifact.to_json().unwrap();
    assert!(Artifact::from_json(&json).is_ok());
    trained.artifact.split.test_share = f64::NAN;
    let e = trained.artifact.to_json().expect_err("a NaN is written as null, which does not read back");
    assert!(e.starts_with("the model could not be saved"), "{e}");
}

/// Issue 17 #3, the reproducer: 1e300 separating two classes. Before the recipe's fix the
/// scaling learns an infinite spread: saving must then fail naming the column (never write
/// `"scale": null`); after it, the model saves, loads and predicts right.
#[test]
fn a_1e300_feature_never_gives_an_unreadable_model_file() {
    let t = table(1e300);
    for algorithm in Algorithm::for_task(Task::Classification) {
        let trained =
            train(&t, &recipe(Task::Classification, false), &options(algorithm, Task::Classification), "now").unwrap();
        match trained.artifact.to_json() {
            Ok(json) => {
                let loaded = Artifact::from_json(&json).unwrap();
                assert_eq!(loaded.predict(&t).unwrap().len(), ROWS);
            }
            Err(e) => assert!(e.contains("'x'") && e.contains("not a finite number"), "{algorithm:?}: {e}"),
        }
    }
}

/// Issue 17 #3, model side: parameters the learners compute from extreme inputs stay finite
/// or are refused at fit time. Values around 1e-160 differ by less than the square root of
/// the smallest double: the SVM's automatic gamma (1 / variance) overflowed to infinity (the
/// regression test is `kernel::tests::the_automatic_gamma_is_a_finite_number_or_an_error`).
#[test]
fn an_svm_on_tiny_unscaled_values_is_refused_or_saved_readable() {
    let t = table(1e-160);
    for task in [Task::Classification, Task::Regression] {
        let what = format!("Svm {task:?} at 1e-160 unscaled");
        match run(&t, &recipe(task, true), &options(Algorithm::Svm, task), &what) {
            Ok(run) => assert!(run.loaded.to_json().is_ok()),
            Err(e) => assert!(e.contains("gamma") || names_a_column(&e), "{what}: {e}"),
        }
    }
}

/// Issue 17 #2, model side: a recipe that loses the rows at prediction time (a PCA over every
/// input column, before its own fix) gives an error, not blank predictions with success.
#[test]
fn predictions_are_never_padded() {
    let csv = "a,b,y\n1,1,p\n2,5,q\n3,3,p\n4,1,q\n5,2,p\n6,6,q\n7,3,p\n8,8,q\n";
    let table = sift::engine::ingest::read_csv("pca.csv", csv.as_bytes(), &Default::default()).unwrap();
    let recipe =
        Recipe::from_json(r#"{"version": 2, "steps": [{"kind": "pca", "columns": ["a", "b"], "components": 1}]}"#)
            .unwrap();
    let options = TrainOptions {
        target: "y".into(),
        task: Some(Task::Classification),
        algorithm: Algorithm::DecisionTree,
        params: Params::new(),
        test_share: 0.25,
        seed: 1,
        group: None,
    };
    // Training may refuse (the step's own fix makes it keep the rows); if it trains, every
    // prediction is there or there is an error.
    let Ok(trained) = train(&table, &recipe, &options, "now") else { return };
    match predictions_csv(&trained.artifact, &table) {
        Ok(text) => {
            assert_eq!(text.lines().count(), table.row_count() + 1);
            assert!(text.lines().skip(1).all(|l| !l.ends_with(',')), "no blank prediction:\n{text}");
        }
        Err(e) => assert!(e.contains("rows") && e.contains("nothing"), "{e}"),
    }
}

/// Issue 17 #8: multinomial and categorical naive Bayes train on counts as they are in the
/// file (no automatic scaling), and a value that is not a count is quoted as it is in the
/// file, with its column.
#[test]
fn naive_bayes_trains_on_counts() {
    let mut csv = String::from("w1,w2,label\n");
    for i in 0..40 {
        let c = i % 2;
        csv += &format!("{},{},{}\n", (i * 7) % 4 + 3 * c, (i * 5) % 4 + 3 * (1 - c), ["ham", "spam"][c]);
    }
    let table = sift::engine::ingest::read_csv("counts.csv", csv.as_bytes(), &Default::default()).unwrap();
    for distribution in ["multinomial", "categorical", "bernoulli"] {
        let options = TrainOptions {
            target: "label".into(),
            task: Some(Task::Classification),
            algorithm: Algorithm::NaiveBayes,
            params: Params::new().with("distribution", ParamValue::Text(distribution.into())),
            test_share: 0.25,
            seed: 3,
            group: None,
        };
        let trained =
            train(&table, &Recipe::default(), &options, "now").unwrap_or_else(|e| panic!("{distribution}: {e}"));
        assert!(
            trained.summary.added_steps.iter().all(|s| !s.starts_with("Standard scale")),
            "{distribution}: {:?}",
            trained.summary.added_steps
        );
        // Bernoulli asks "more than 0?", which these counts nearly always are: only trained.
        let accuracy = trained.summary.evaluation.headline()["accuracy"];
        assert!(distribution == "bernoulli" || accuracy >= 0.8, "{distribution}: accuracy {accuracy}");
        let cv = sift::engine::train::cross_validate(
            &table,
            &Recipe::default(),
            &options,
            3,
            &mut sift::engine::learn::Progress::none(),
        );
        assert!(cv.is_ok(), "{distribution}: {:?}", cv.err());
        // After a model that scaled (the page keeps Sift's steps in the recipe), counts again.
        let knn = TrainOptions { algorithm: Algorithm::Knn, params: Params::new(), ..options.clone() };
        let scaled = train(&table, &Recipe::default(), &knn, "now").unwrap().recipe;
        assert!(scaled.steps.iter().any(|s| s.automatic && s.step.describe().starts_with("Standard scale")));
        let again = train(&table, &scaled, &options, "now").unwrap_or_else(|e| panic!("{distribution} after knn: {e}"));
        assert!(again.recipe.steps.iter().all(|s| !s.step.describe().starts_with("Standard scale")), "{distribution}");
    }
    // A fraction is not a count: quoted as in the file, with its column.
    let fractional = csv.replacen("\n2,", "\n2.5,", 1);
    assert_ne!(fractional, csv);
    let table = sift::engine::ingest::read_csv("counts.csv", fractional.as_bytes(), &Default::default()).unwrap();
    let options = TrainOptions {
        target: "label".into(),
        task: Some(Task::Classification),
        algorithm: Algorithm::NaiveBayes,
        params: Params::new().with("distribution", ParamValue::Text("multinomial".into())),
        test_share: 0.01,
        seed: 3,
        group: None,
    };
    // The 2.5 may land in the test rows of one split; training on every split but one row must meet it.
    let e = (1..40)
        .find_map(|seed| train(&table, &Recipe::default(), &TrainOptions { seed, ..options.clone() }, "now").err())
        .expect("a fraction is refused");
    assert!(e.contains("'w1'") && e.contains("2.5"), "{e}");
}

/// Issue 17 #9: clustering with a target leaves the target out of the inputs (its one-hot
/// columns would otherwise decide the clusters), says so, and needs no target to predict.
#[test]
fn clustering_leaves_the_target_out() {
    let t = table(1.0);
    let options = TrainOptions {
        target: "y".into(),
        task: Some(Task::Clustering),
        algorithm: Algorithm::Kmeans,
        params: small(Algorithm::Kmeans, Task::Clustering),
        test_share: 0.25,
        seed: 1,
        group: None,
    };
    let trained = train(&t, &recipe(Task::Clustering, false), &options, "now").unwrap();
    let features = &trained.summary.features;
    assert!(features.iter().all(|f| !f.starts_with("y")), "{features:?}");
    assert!(trained.summary.added_steps[0].contains("'y'"), "{:?}", trained.summary.added_steps);
    assert!(trained.artifact.schema.iter().all(|c| c.name != "y"));
    let loaded = Artifact::from_json(&trained.artifact.to_json().unwrap()).unwrap();
    assert_eq!(loaded.predict(&t.without("y")).unwrap().len(), ROWS);
    // A target that does not exist is an error, not ignored.
    let e =
        train(&t, &Recipe::default(), &TrainOptions { target: "nope".into(), ..options.clone() }, "now").err().unwrap();
    assert!(e.contains("'nope'"), "{e}");
    // A user's step on the target is refused, as for supervised training.
    let on_target = Recipe::from_json(r#"{"version": 2, "steps": [{"kind": "one_hot", "columns": ["y"]}]}"#).unwrap();
    let e = train(&t, &on_target, &options, "now").err().unwrap();
    assert!(e.contains("'y'"), "{e}");
}

/// Issue 17 #9: a model file with hyperparameters outside what the trainer accepts loads as
/// an error, not as a model that predicts one class for every row.
#[test]
fn tampered_hyperparameters_are_refused() {
    let t = table(1.0);
    let fit = |algorithm: Algorithm, task: Task, params: Params| {
        let options = TrainOptions { params, ..options(algorithm, task) };
        train(&t, &recipe(task, false), &options, "now").unwrap().artifact.to_json().unwrap()
    };
    let poly = Params::new().with("kernel", ParamValue::Text("polynomial".into()));
    let cases: Vec<(String, String, String)> = vec![
        (
            fit(Algorithm::Svm, Task::Classification, poly.clone()),
            r#""degree":3.0"#.into(),
            r#""degree":1000000.0"#.into(),
        ),
        (fit(Algorithm::Svm, Task::Classification, poly.clone()), r#""degree":3.0"#.into(), r#""degree":2.5"#.into()),
        (fit(Algorithm::Svm, Task::Regression, poly.clone()), r#""coef0":0.0"#.into(), r#""coef0":1e300"#.into()),
        (fit(Algorithm::Svm, Task::Classification, Params::new()), r#""gamma":"#.into(), r#""gamma":-"#.into()),
        (
            fit(Algorithm::Knn, Task::Classification, small(Algorithm::Knn, Task::Classification)),
            r#""weights":"uniform""#.into(),
            r#""weights":"cubic""#.into(),
        ),
        (
            fit(Algorithm::Dbscan, Task::Clustering, small(Algorithm::Dbscan, Task::Clustering)),
            r#""eps":0.5"#.into(),
            r#""eps":1e300"#.into(),
        ),
        (
            fit(Algorithm::GradientBoosting, Task::Regression, small(Algorithm::GradientBoosting, Task::Regression)),
            r#""learning_rate":0.3"#.into(),
            r#""learning_rate":1000000000.0"#.into(),
        ),
        (
            fit(
                Algorithm::NaiveBayes,
                Task::Classification,
                Params::new().with("distribution", ParamValue::Text("bernoulli".into())),
            ),
            r#""threshold":0.0"#.into(),
            r#""threshold":1e300"#.into(),
        ),
    ];
    for (json, from, to) in cases {
        // Only in the model itself (the artifact's list of hyperparameters comes before it).
        let at = json.rfind("\"model\":").unwrap();
        assert!(json[at..].contains(&from), "{from} is in the model: {}", &json[at..]);
        let tampered = format!("{}{}", &json[..at], json[at..].replacen(&from, &to, 1));
        let e = Artifact::from_json(&tampered).err().unwrap_or_else(|| panic!("{to} was accepted"));
        assert!(e.contains("outside what Sift trains") || e.contains("what training gives"), "{to}: {e}");
    }
}

/// Issue 17 #3, model side: gaussian naive Bayes on features that are constant (or whose
/// squares underflow) learned variances of exactly 0, so the model it wrote was refused when
/// read back ("tables do not agree"). Every fitted model now passes the checks a loaded one does.
#[test]
fn a_fitted_model_always_reads_back() {
    use sift::engine::learn::{Features, Model, Progress, Target};
    for value in [1.0, 1e-200, 5e-324] {
        // Varying, but whose squares (and so variances) underflow for the tiny values.
        let x = Features::new(4, 1, vec![value, 2.0 * value, value, 2.0 * value]).unwrap();
        let y = Target::Classes { labels: vec![0, 0, 1, 1], n_classes: 2 };
        let model =
            Model::fit(Task::Classification, Algorithm::NaiveBayes, &Params::new(), 1, &x, &y, &mut Progress::none())
                .unwrap();
        let json = serde_json::to_string(&model).unwrap();
        let back: Model = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{value:e}: {e}"));
        assert_eq!(back.predict(&x).unwrap().len(), 4);
    }
}

/// The hyperparameter variants each algorithm is also tried with: every SVM kernel, every
/// naive Bayes distribution, distance-weighted neighbours.
fn variants(algorithm: Algorithm, task: Task) -> Vec<Params> {
    let base = small(algorithm, task);
    let with = |name: &str, value: &str| base.clone().with(name, ParamValue::Text(value.into()));
    match algorithm {
        Algorithm::Svm => vec![with("kernel", "rbf"), with("kernel", "linear"), with("kernel", "polynomial")],
        Algorithm::NaiveBayes => {
            ["gaussian", "multinomial", "bernoulli", "categorical"].iter().map(|d| with("distribution", d)).collect()
        }
        Algorithm::Knn => vec![base.clone(), with("weights", "distance")],
        _ => vec![base],
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Issue 17 #11: the learners themselves (no recipe) on matrices whose columns live on
    /// wildly different scales, anywhere in what they accept (±1e100 down to subnormals),
    /// with every kernel and distribution: no smartcore call panics, and a fitted model
    /// reads back from its JSON and predicts every row.
    #[test]
    fn learners_on_mixed_scales_never_panic(
        rows in 4usize..24,
        scales in prop::collection::vec(-330i32..=100, 1..4),
        seed in any::<u64>(),
    ) {
        use sift::engine::learn::{Features, Model, Progress, SplitMix64, Target};
        let cols = scales.len();
        let mut rng = SplitMix64::new(seed);
        let mut unit = || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let values: Vec<f64> = (0..rows * cols).map(|k| (unit() * 2.0 - 1.0) * 10f64.powi(scales[k % cols])).collect();
        let Ok(x) = Features::new(rows, cols, values) else { return Ok(()) };
        let labels: Vec<u32> = (0..rows).map(|i| u32::from(x.row(i)[0] > 0.0 || i % 3 == 0)).collect();
        let numbers: Vec<f64> = (0..rows).map(|i| x.row(i).iter().sum::<f64>() / cols as f64).collect();
        for (algorithm, task) in combos() {
            for params in variants(algorithm, task) {
                let what = format!("{algorithm:?} {task:?} {params} on scales {scales:?}");
                if std::env::var("HOSTILE_TRACE").is_ok() {
                    eprintln!("{what}");
                }
                let fitted = catch_unwind(AssertUnwindSafe(|| match task {
                    Task::Clustering => Model::fit_clusters(algorithm, &params, 1, &x).map(|(m, _)| m),
                    Task::Classification => {
                        Model::fit(task, algorithm, &params, 1, &x, &Target::Classes { labels: labels.clone(), n_classes: 2 }, &mut Progress::none())
                    }
                    Task::Regression => Model::fit(task, algorithm, &params, 1, &x, &Target::Values(numbers.clone()), &mut Progress::none()),
                }))
                .unwrap_or_else(|_| panic!("{what}: fitting panicked"));
                let Ok(model) = fitted else { continue };
                let json = serde_json::to_string(&model).unwrap();
                let back: Model = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{what}: a fitted model does not read back: {e}"));
                let predicted = catch_unwind(AssertUnwindSafe(|| back.predict(&x))).unwrap_or_else(|_| panic!("{what}: predicting panicked"));
                if let Ok(p) = predicted {
                    prop_assert_eq!(p.len(), rows, "{}", what);
                }
            }
        }
    }
}

/// Issue 17 #11: smartcore's interior-point solver (lasso, elastic net) failed to converge on
/// features beyond ~1e10 ("Exceeded maximum number of iteration") and took about 20 s a fit
/// near 1e70; centring values near ±1e100 left the learners' range. The penalized
/// regressions now solve on rescaled rows with the penalty converted, on any scale.
#[test]
fn penalized_regressions_train_on_any_scale() {
    use sift::engine::learn::{Features, Model, Prediction, Progress, SplitMix64, Target};
    for scale in [1.0, 1e10, 1e70, 1e100, 1e-30] {
        for algorithm in [Algorithm::Ridge, Algorithm::Lasso, Algorithm::ElasticNet] {
            let mut rng = SplitMix64::new(3);
            let rows = 20;
            let values: Vec<f64> = (0..rows * 2)
                .map(|_| ((rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 0.4 - 0.2) * scale)
                .collect();
            let x = Features::new(rows, 2, values).unwrap();
            let y: Vec<f64> = (0..rows).map(|i| x.row(i)[0] * 3.0 + x.row(i)[1]).collect();
            let params = Params::new().with("alpha", ParamValue::Number(0.001));
            let model = match Model::fit(
                Task::Regression,
                algorithm,
                &params,
                1,
                &x,
                &Target::Values(y.clone()),
                &mut Progress::none(),
            ) {
                Ok(model) => model,
                // smartcore's elastic net still fails to converge on some scales: an error that
                // names the feature, quickly (it took minutes), is the least it must give.
                Err(e) if algorithm == Algorithm::ElasticNet && e.contains("feature ") => continue,
                Err(e) => panic!("{algorithm:?} at {scale:e}: {e}"),
            };
            let Prediction::Values(p) = model.predict(&x).unwrap() else { panic!("numbers") };
            let mean = y.iter().sum::<f64>() / rows as f64;
            let total: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
            let residual: f64 = y.iter().zip(&p).map(|(v, p)| (v - p).powi(2)).sum();
            // On tiny features the same alpha outweighs any fit (weights 0 are right there).
            assert!(
                scale < 1.0 || residual / total < 0.01,
                "{algorithm:?} at {scale:e}: R² {}",
                1.0 - residual / total
            );
        }
    }
}

/// Issue 17 #11: smartcore's SVD (least squares, ridge) panicked with "no convergence in 30
/// iterations" on tiny features or features far smaller than their neighbours, and ridge's
/// penalty overflowed on rescaled tiny rows. Now: an error naming the feature, or the exact
/// limit (weights 0 where the penalty outweighs any fit), never a panic.
#[test]
fn least_squares_on_tiny_or_lopsided_features_never_panics() {
    use sift::engine::learn::{Features, Model, Progress, SplitMix64, Target};
    for scales in [vec![-281, -283], vec![-196, -280, -181], vec![0, -150], vec![-200], vec![50, -120, 0]] {
        let mut rng = SplitMix64::new(11);
        let (rows, cols) = (12, scales.len());
        let values: Vec<f64> = (0..rows * cols)
            .map(|k| ((rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0) * 10f64.powi(scales[k % cols]))
            .collect();
        let x = Features::new(rows, cols, values).unwrap();
        let y = Target::Values((0..rows).map(|i| i as f64).collect());
        for algorithm in [Algorithm::LinearRegression, Algorithm::Ridge, Algorithm::Lasso, Algorithm::ElasticNet] {
            let what = format!("{algorithm:?} on scales {scales:?}");
            let fitted = catch_unwind(AssertUnwindSafe(|| {
                Model::fit(Task::Regression, algorithm, &Params::new(), 1, &x, &y, &mut Progress::none())
            }))
            .unwrap_or_else(|_| panic!("{what}: panicked"));
            match fitted {
                Ok(model) => assert_eq!(model.predict(&x).unwrap().len(), rows, "{what}"),
                Err(e) => assert!(e.contains("feature "), "{what}: {e}"),
            }
        }
    }
}
