//! Training through the engine on the bundled penguins data: every algorithm trains, saves
//! and predicts after loading; cross-validation fits the recipe inside each fold; grid
//! search, comparison, importance, progress and cancel.

use sift::engine::artifact::Artifact;
use sift::engine::base::table::{Column, ColumnData, Table};
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::learn::{k_folds, Algorithm, ParamValue, Params, Progress, Task, CANCELLED};
use sift::engine::recipe::{Recipe, RecipeStep, Step};
use sift::engine::train::{compare, cross_validate, grid_search, train, train_with_progress, Evaluation, TrainOptions};

fn penguins() -> Table {
    let bytes = std::fs::read("public/samples/penguins.csv").unwrap();
    read_csv("penguins.csv", &bytes, &IngestOptions::default()).unwrap()
}

fn options(target: &str, algorithm: Algorithm) -> TrainOptions {
    TrainOptions {
        target: target.into(),
        task: None,
        algorithm,
        params: Params::new(),
        test_share: 0.25,
        seed: 42,
        group: None,
    }
}

/// Scaled inputs, as the distance- and margin-based models want (the target left alone).
fn scaled_except(target: &str) -> Recipe {
    let numbers = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"];
    let mut recipe = Recipe::default();
    let columns = numbers.iter().filter(|c| **c != target).map(|s| s.to_string()).collect();
    recipe.steps.push(RecipeStep::new(Step::standard_scale(columns)));
    recipe
}

fn scaled() -> Recipe {
    scaled_except("")
}

#[test]
fn every_algorithm_trains_saves_and_predicts_after_loading() {
    let t = penguins();
    for task in Task::ALL {
        for algorithm in Algorithm::for_task(task) {
            let target = match task {
                Task::Classification => "species",
                Task::Regression => "flipper_length_mm",
                Task::Clustering => "",
            };
            let mut o = options(target, algorithm);
            o.task = Some(task);
            let trained = train(&t, &scaled_except(target), &o, "now")
                .unwrap_or_else(|e| panic!("{algorithm:?} for {task:?}: {e}"));
            let s = &trained.summary;
            let score = s.evaluation.main_score();
            println!("{task:?} {algorithm:?}: {score:?} {:?}", s.evaluation.headline());
            match (&s.evaluation, task) {
                // Gaussian naive Bayes is thrown by the one-hot columns (a class with one island
                // has variance 0 there), as scikit-learn's is.
                (Evaluation::Classification { accuracy, .. }, Task::Classification) => {
                    let bar = if algorithm == Algorithm::NaiveBayes { 0.7 } else { 0.9 };
                    assert!(*accuracy > bar, "{algorithm:?}: {accuracy}")
                }
                (Evaluation::Regression { r2, .. }, Task::Regression) => assert!(*r2 > 0.6, "{algorithm:?}: {r2}"),
                (Evaluation::Clustering { sizes, scatter, .. }, Task::Clustering) => {
                    assert!(!sizes.is_empty() && scatter.len() == 344, "{algorithm:?}")
                }
                other => panic!("wrong evaluation {other:?}"),
            }
            assert!(!s.importance.is_empty(), "{algorithm:?}: importance");
            let inputs = if target.is_empty() { t.clone() } else { t.without(target) };
            let direct = trained.artifact.predict_table(&inputs).unwrap();
            let loaded = Artifact::from_json(&trained.artifact.to_json().unwrap()).unwrap();
            let again = loaded.predict_table(&inputs).unwrap();
            assert_eq!(direct, again, "{algorithm:?} for {task:?}");
            assert_eq!(direct.prediction.len(), 344);
        }
    }
}

#[test]
fn probabilities_come_with_classifiers_that_have_them() {
    let t = penguins();
    for (algorithm, has) in [
        (Algorithm::RandomForest, true),
        (Algorithm::LogisticRegression, true),
        (Algorithm::Knn, true),
        (Algorithm::NaiveBayes, true),
        (Algorithm::Svm, false),
    ] {
        let trained = train(&t, &scaled(), &options("species", algorithm), "now").unwrap();
        let p = trained.artifact.predict_table(&t).unwrap();
        let names: Vec<String> = p.columns().into_iter().map(|(name, _)| name).collect();
        if has {
            assert_eq!(
                names,
                ["prediction", "probability_Adelie", "probability_Chinstrap", "probability_Gentoo"],
                "{algorithm:?}"
            );
            for i in 0..t.row_count() {
                let sum: f64 = p.probabilities.iter().map(|(_, v)| v[i]).sum();
                assert!((sum - 1.0).abs() < 1e-9, "{algorithm:?} row {i}: {sum}");
            }
        } else {
            assert_eq!(names, ["prediction"]);
        }
        let Evaluation::Classification { roc_auc, roc_curves, pr_curves, log_loss, .. } = &trained.summary.evaluation
        else {
            panic!()
        };
        assert!(roc_auc.unwrap() > 0.95, "{algorithm:?}");
        assert_eq!((roc_curves.len(), pr_curves.len()), (3, 3));
        assert_eq!(log_loss.is_some(), has, "{algorithm:?}");
    }
}

#[test]
fn cross_validation_reports_mean_and_std_per_metric() {
    let t = penguins();
    let cv =
        cross_validate(&t, &Recipe::default(), &options("species", Algorithm::DecisionTree), 5, &mut Progress::none())
            .unwrap();
    assert_eq!(cv.folds.len(), 5);
    let tested: usize = cv.folds.iter().map(|f| f.test_rows).sum();
    assert_eq!(tested, 344);
    for name in ["accuracy", "balanced_accuracy", "f1_macro", "roc_auc", "log_loss"] {
        let m = cv.metrics[name];
        assert!(m.mean.is_finite() && m.std >= 0.0, "{name}: {m:?}");
    }
    assert!(cv.metrics["accuracy"].mean > 0.9);
    let cv =
        cross_validate(&t, &Recipe::default(), &options("body_mass_g", Algorithm::Ridge), 4, &mut Progress::none())
            .unwrap();
    assert!(cv.metrics["r2"].mean > 0.7, "{:?}", cv.metrics);
    assert!(cross_validate(
        &t,
        &Recipe::default(),
        &options("species", Algorithm::DecisionTree),
        1,
        &mut Progress::none()
    )
    .is_err());
}

/// The recipe is fitted inside each fold: the standard-scale mean each fold learned is the
/// mean of that fold's training rows, not of all rows (which would leak the held-out rows).
#[test]
fn cross_validation_fits_the_recipe_inside_each_fold() {
    let t = penguins();
    let recipe = scaled();
    let o = options("species", Algorithm::LogisticRegression);
    let cv = cross_validate(&t, &recipe, &o, 5, &mut Progress::none()).unwrap();
    let bill: Vec<Option<f64>> =
        (0..t.row_count()).map(|i| t.column("bill_length_mm").unwrap().data.number_at(i)).collect();
    let mean_of = |rows: &[usize]| {
        let v: Vec<f64> = rows.iter().filter_map(|&i| bill[i]).collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    let all_rows: Vec<usize> = (0..t.row_count()).collect();
    // The folds cross_validate uses: stratified by species (labels in sorted class order).
    let species = t.column("species").unwrap();
    let classes = ["Adelie", "Chinstrap", "Gentoo"];
    let labels: Vec<u32> = (0..t.row_count())
        .map(|i| classes.iter().position(|c| *c == species.data.text_at(i).unwrap()).unwrap() as u32)
        .collect();
    let folds = k_folds(t.row_count(), 5, Some(&labels), o.seed).unwrap();
    // Two probe rows through each fold's fitted recipe reveal the mean it learned.
    let probe = Table::new(
        "probe",
        t.columns
            .iter()
            .map(|c| {
                let data = if c.name == "bill_length_mm" {
                    ColumnData::Number(vec![40.0, 50.0].into())
                } else {
                    c.data.take(&[0, 0])
                };
                Column::new(c.name.clone(), data)
            })
            .collect(),
    )
    .unwrap();
    for (fold, (train_rows, _)) in cv.folds.iter().zip(&folds) {
        let out = fold.fitted.as_ref().unwrap().apply(&probe).unwrap();
        let scaled = out.column("bill_length_mm").unwrap();
        let (a, b) = (scaled.data.number_at(0).unwrap(), scaled.data.number_at(1).unwrap());
        let std = (40.0 - 50.0) / (a - b);
        let learned_mean = 40.0 - a * std;
        let fold_mean = mean_of(train_rows);
        assert!((learned_mean - fold_mean).abs() < 1e-9, "learned {learned_mean}, fold {fold_mean}");
        assert!((learned_mean - mean_of(&all_rows)).abs() > 1e-6, "the fold saw every row");
    }
}

#[test]
fn grid_search_ranks_every_combination() {
    let t = penguins();
    let grid = vec![("k".to_string(), vec![ParamValue::Integer(1), ParamValue::Integer(5), ParamValue::Integer(50)])];
    let g = grid_search(&t, &scaled(), &options("species", Algorithm::Knn), &grid, 3, &mut Progress::none()).unwrap();
    assert_eq!((g.metric.as_str(), g.points.len()), ("accuracy", 3));
    let means: Vec<f64> = g.points.iter().map(|p| p.metrics["accuracy"].mean).collect();
    assert!(means.windows(2).all(|w| w[0] >= w[1]), "{means:?}");
    assert!(g.best().unwrap().get("k").is_some());
    let too_many = vec![("k".to_string(), (1..300).map(ParamValue::Integer).collect())];
    assert!(
        grid_search(&t, &scaled(), &options("species", Algorithm::Knn), &too_many, 3, &mut Progress::none()).is_err()
    );
}

#[test]
fn compare_ranks_algorithms_on_one_split() {
    let t = penguins();
    let algorithms = Algorithm::for_task(Task::Regression);
    let board = compare(
        &t,
        &Recipe::default(),
        &options("flipper_length_mm", Algorithm::Ridge),
        &algorithms,
        &mut Progress::none(),
    )
    .unwrap();
    assert_eq!(board.len(), algorithms.len());
    let r2: Vec<f64> = board.iter().filter_map(|e| e.metrics.get("r2").copied()).collect();
    assert!(r2.windows(2).all(|w| w[0] >= w[1]), "{board:?}");
}

#[test]
fn importance_finds_the_column_that_matters() {
    // y follows "signal"; "noise" is unrelated.
    let n = 200;
    let signal: Vec<f64> = (0..n).map(|i| ((i * 37) % 101) as f64).collect();
    let noise: Vec<f64> = (0..n).map(|i| ((i * 53) % 97) as f64).collect();
    let y: Vec<f64> = signal.iter().map(|s| 2.0 * s + 1.0).collect();
    let t = Table::new(
        "t",
        vec![
            Column::new("signal", ColumnData::Number(signal.into())),
            Column::new("noise", ColumnData::Number(noise.into())),
            Column::new("y", ColumnData::Number(y.into())),
        ],
    )
    .unwrap();
    let trained = train(&t, &Recipe::default(), &options("y", Algorithm::LinearRegression), "now").unwrap();
    let imp = &trained.summary.importance;
    assert_eq!(imp[0].column, "signal");
    assert!(imp[0].mean > 1.0, "{imp:?}");
    assert!(imp[1].mean.abs() < 1e-6, "{imp:?}");
}

#[test]
fn progress_grows_and_cancel_stops() {
    let t = penguins();
    let mut seen = Vec::new();
    let mut callback = |done: f64, _: &str| {
        seen.push(done);
        true
    };
    let o = TrainOptions {
        params: Params::new().with("n_estimators", ParamValue::Integer(20)),
        ..options("species", Algorithm::RandomForest)
    };
    train_with_progress(&t, &Recipe::default(), &o, "now", &mut Progress::new(&mut callback)).unwrap();
    assert!(seen.len() > 20 && seen.windows(2).all(|w| w[0] <= w[1]) && *seen.last().unwrap() <= 1.0, "{seen:?}");
    let mut calls = 0;
    let mut stop = |_: f64, _: &str| {
        calls += 1;
        calls < 3
    };
    let err = train_with_progress(&t, &Recipe::default(), &o, "now", &mut Progress::new(&mut stop)).err().unwrap();
    assert_eq!(err, CANCELLED);
    let mut stop_now = |_: f64, _: &str| false;
    let err = cross_validate(&t, &Recipe::default(), &o, 3, &mut Progress::new(&mut stop_now)).unwrap_err();
    assert_eq!(err, CANCELLED);
}
