//! Tests of training, predicting and saving models.

use super::metrics::{classification_metrics, regression_metrics};
use super::test_data::*;
use super::*;

fn json_round_trip(model: &Model) -> Model {
    serde_json::from_str(&serde_json::to_string(model).unwrap()).unwrap()
}

/// Trains on 150 rows and scores on 100 others.
fn held_out_score(task: Task, algorithm: Algorithm) -> f64 {
    let (x_train, x_test) = (points(150, 1), points(100, 2));
    // (naive Bayes assumes independent features: the bands of feature 0 suit it.)
    let model = fit(task, algorithm, &x_train, &dataset(task, &x_train)).unwrap();
    assert_eq!((model.task(), model.algorithm(), model.n_features()), (task, algorithm, 2));
    match (dataset(task, &x_test), model.predict(&x_test).unwrap()) {
        (Target::Classes { labels, n_classes }, Prediction::Classes(p)) => {
            classification_metrics(&labels, &p, n_classes).unwrap().accuracy
        }
        (Target::Values(v), Prediction::Values(p)) => regression_metrics(&v, &p).unwrap().r2,
        other => panic!("wrong prediction kind: {other:?}"),
    }
}

#[test]
fn every_algorithm_learns_a_simple_problem() {
    for (task, algorithm) in combos() {
        let score = held_out_score(task, algorithm);
        println!("{task:?} {algorithm:?}: {score}");
        assert!(score >= 0.9, "{task:?} {algorithm:?} scored {score}");
    }
    assert!(held_out_score(Task::Regression, Algorithm::LinearRegression) > 0.999_999);
}

#[test]
fn json_round_trip_predicts_the_same() {
    let (x_train, x_test) = (points(80, 3), points(40, 4));
    for (task, algorithm) in combos() {
        let params = quick(algorithm, task);
        let model =
            Model::fit(task, algorithm, &params, 7, &x_train, &dataset(task, &x_train), &mut Progress::none()).unwrap();
        let back = json_round_trip(&model);
        assert_eq!(
            (back.task(), back.algorithm(), back.n_features(), back.n_classes()),
            (model.task(), model.algorithm(), model.n_features(), model.n_classes())
        );
        let (before, after) = (model.predict(&x_test).unwrap(), back.predict(&x_test).unwrap());
        // Exact: Cargo.toml enables serde_json's float_roundtrip, so numbers read back bit for bit.
        assert_eq!(before, after, "{task:?} {algorithm:?}");
        assert_eq!(serde_json::to_string(&back).unwrap(), serde_json::to_string(&model).unwrap());
        assert_eq!(model.clone().predict(&x_test).unwrap(), before);
    }
}

#[test]
fn the_seed_decides_the_model() {
    let x = points(60, 5);
    let y = bands(&x);
    let params = quick(Algorithm::RandomForest, Task::Classification);
    let json = |seed| {
        let model =
            Model::fit(Task::Classification, Algorithm::RandomForest, &params, seed, &x, &y, &mut Progress::none())
                .unwrap();
        serde_json::to_string(&model).unwrap()
    };
    assert_eq!(json(1), json(1));
    assert_ne!(json(1), json(2));
}

#[test]
fn hyperparameters_reach_the_trees() {
    let x = points(100, 6);
    let y = plane(&x);
    let stump = Params::new().with("max_depth", ParamValue::Integer(1));
    let model =
        Model::fit(Task::Regression, Algorithm::DecisionTree, &stump, 1, &x, &y, &mut Progress::none()).unwrap();
    let Prediction::Values(p) = model.predict(&x).unwrap() else { panic!("values expected") };
    let mut distinct = p.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    assert_eq!(distinct.len(), 2, "a depth-1 tree has two leaves");
}

#[test]
fn two_classes_and_absent_classes_work() {
    let x = points(60, 7);
    // Labels 0 and 2 of 4 classes: class 1 and 3 never occur in training.
    let labels = (0..x.rows()).map(|i| if x.row(i)[1] > 0.0 { 2 } else { 0 }).collect();
    let y = Target::Classes { labels, n_classes: 4 };
    for algorithm in Algorithm::for_task(Task::Classification) {
        let model = fit(Task::Classification, algorithm, &x, &y).unwrap();
        assert_eq!(model.n_classes(), 4);
        let Prediction::Classes(p) = model.predict(&x).unwrap() else { panic!("classes expected") };
        assert!(p.iter().all(|&l| l == 0 || l == 2), "{algorithm:?}");
    }
}

#[test]
fn bad_training_inputs_are_errors() {
    let x = points(20, 8);
    let y = bands(&x);
    let err = |task, algorithm, x: &Features, y: &Target| fit(task, algorithm, x, y).unwrap_err();
    let err_with = |task, algorithm, p: &Params, x: &Features, y: &Target| {
        Model::fit(task, algorithm, p, 1, x, y, &mut Progress::none()).unwrap_err()
    };
    let c = Task::Classification;
    for algorithm in Algorithm::for_task(c) {
        // No rows, no columns, mismatched lengths.
        let empty = Features::new(0, 2, vec![]).unwrap();
        assert!(
            err(c, algorithm, &empty, &Target::Classes { labels: vec![], n_classes: 3 }).contains("0 training rows")
        );
        let no_cols = Features::new(20, 0, vec![]).unwrap();
        assert!(err(c, algorithm, &no_cols, &y).contains("no input features"));
        assert!(err(c, algorithm, &x, &y.take(&[0, 1, 2])).contains("must match"));
        // One class; a label out of range; numbers for a classifier.
        let one = Target::Classes { labels: vec![1; 20], n_classes: 3 };
        assert!(err(c, algorithm, &x, &one).contains("same class"));
        let out = Target::Classes { labels: (0..20).map(|i| i % 4).collect(), n_classes: 3 };
        assert!(err(c, algorithm, &x, &out).contains("out of range"));
        assert!(err(c, algorithm, &x, &plane(&x)).contains("class labels"));
    }
    let r = Task::Regression;
    for algorithm in Algorithm::for_task(r) {
        let mut values = match plane(&x) {
            Target::Values(v) => v,
            Target::Classes { .. } => unreachable!(),
        };
        values[3] = f64::NAN;
        assert!(err(r, algorithm, &x, &Target::Values(values)).contains("row 4"));
        assert!(err(r, algorithm, &x, &y).contains("numbers"));
    }
    // Algorithms that cannot do the task.
    assert!(err(r, Algorithm::LogisticRegression, &x, &plane(&x)).contains("cannot do regression"));
    assert!(err(c, Algorithm::LinearRegression, &x, &y).contains("cannot do classification"));
    // Linear regression needs more rows than features.
    let wide = Features::new(2, 2, vec![1., 2., 3., 5.]).unwrap();
    assert!(err(r, Algorithm::LinearRegression, &wide, &Target::Values(vec![1., 2.])).contains("at least 3"));
    // Bad hyperparameters.
    let bad = Params::new().with("n_estimators", ParamValue::Integer(0));
    assert!(Model::fit(c, Algorithm::RandomForest, &bad, 1, &x, &y, &mut Progress::none()).is_err());
    let wide_features = Params::new().with("max_features", ParamValue::Integer(3));
    assert!(Model::fit(c, Algorithm::RandomForest, &wide_features, 1, &x, &y, &mut Progress::none()).is_err());
    let many_neighbours = Params::new().with("k", ParamValue::Integer(21));
    assert!(err_with(c, Algorithm::Knn, &many_neighbours, &x, &y).contains("k = 21"));
}

#[test]
fn tiny_but_valid_inputs_train() {
    let x = Features::new(2, 1, vec![0., 1.]).unwrap();
    let y = Target::Classes { labels: vec![0, 1], n_classes: 2 };
    let one_neighbour = |algorithm, task| {
        if algorithm == Algorithm::Knn {
            Params::new().with("k", ParamValue::Integer(1))
        } else {
            quick(algorithm, task)
        }
    };
    for algorithm in Algorithm::for_task(Task::Classification) {
        let p = one_neighbour(algorithm, Task::Classification);
        let model = Model::fit(Task::Classification, algorithm, &p, 1, &x, &y, &mut Progress::none()).unwrap();
        assert_eq!(model.predict(&x).unwrap().len(), 2);
    }
    // Constant features and a constant target (SVR may miss by its epsilon, 0.1).
    let x = Features::new(4, 2, vec![1.; 8]).unwrap();
    let y = Target::Values(vec![5.; 4]);
    for algorithm in Algorithm::for_task(Task::Regression) {
        let p = one_neighbour(algorithm, Task::Regression);
        let model = Model::fit(Task::Regression, algorithm, &p, 1, &x, &y, &mut Progress::none()).unwrap();
        let Prediction::Values(p) = model.predict(&x).unwrap() else { panic!("values expected") };
        let tolerance = if algorithm == Algorithm::Svm { 0.1 + 1e-9 } else { 1e-9 };
        assert!(p.iter().all(|v| (v - 5.0).abs() <= tolerance), "{algorithm:?}: {p:?}");
    }
}

#[test]
fn predict_checks_the_columns() {
    let x = points(30, 9);
    for (task, algorithm) in combos() {
        let model = fit(task, algorithm, &x, &dataset(task, &x)).unwrap();
        let three = Features::new(1, 3, vec![0.; 3]).unwrap();
        assert!(model.predict(&three).unwrap_err().contains("trained on 2 features"));
        let one = Features::new(1, 1, vec![0.]).unwrap();
        assert!(model.predict(&one).is_err());
        assert!(model.predict(&Features::new(0, 2, vec![]).unwrap()).unwrap().is_empty());
    }
}

#[test]
fn the_sql_keeps_a_feature_given_as_an_expression_one_operand() {
    use crate::engine::base::sql::{Dialect, ModelSql};
    let x = points(40, 5);
    let model = fit(Task::Regression, Algorithm::Ridge, &x, &plane(&x)).unwrap();
    let features = ["a + b".to_string(), "\"c \"\" d\"".to_string()];
    let Ok(ModelSql::Value(sql)) = model.sql(&features, Dialect::DuckDb) else { panic!("ridge has SQL") };
    assert!(sql.contains("(a + b) * ") && sql.contains("\"c \"\" d\" * "), "{sql}");
    let e = model.sql(&features[..1], Dialect::DuckDb).unwrap_err();
    assert_eq!(e, "the model has 2 inputs, not 1");
}
