//! Model JSON: every model reads back and predicts the same; version 1 files still read;
//! damaged or tampered files give errors, never panics (seeded random damage).

use std::panic::{catch_unwind, AssertUnwindSafe};

use serde_json::Value;
use sift::engine::learn::{Algorithm, Model, ParamValue, Params, Progress, SplitMix64, Target, Task};
use smartcore::ensemble::random_forest_classifier::{RandomForestClassifier, RandomForestClassifierParameters};
use smartcore::ensemble::random_forest_regressor::{RandomForestRegressor, RandomForestRegressorParameters};
use smartcore::linalg::basic::matrix::DenseMatrix;
use smartcore::tree::decision_tree_classifier::{DecisionTreeClassifier, DecisionTreeClassifierParameters};
use smartcore::tree::decision_tree_regressor::{DecisionTreeRegressor, DecisionTreeRegressorParameters};
#[path = "common/learn_points.rs"]
mod learn_points;
use learn_points::{points, target};

/// Small, fast settings that every algorithm accepts on 60 rows.
fn small(algorithm: Algorithm, task: Task) -> Params {
    let names: Vec<String> = sift::engine::learn::specs(algorithm, task).into_iter().map(|s| s.name).collect();
    let mut p = Params::new();
    if names.iter().any(|n| n == "n_estimators") {
        p.set("n_estimators", ParamValue::Integer(5));
    }
    if algorithm == Algorithm::Dbscan {
        p.set("eps", ParamValue::Number(0.4));
    }
    if algorithm == Algorithm::NaiveBayes {
        p.set("distribution", ParamValue::Text("bernoulli".into()));
    }
    p
}

/// One trained model of every (task, algorithm).
fn models() -> Vec<(String, Model)> {
    let x = points(60, 1);
    let mut out = Vec::new();
    for task in Task::ALL {
        for algorithm in Algorithm::for_task(task) {
            let params = small(algorithm, task);
            let model = if task == Task::Clustering {
                Model::fit_clusters(algorithm, &params, 3, &x).unwrap().0
            } else {
                Model::fit(task, algorithm, &params, 3, &x, &target(task, &x), &mut Progress::none()).unwrap()
            };
            out.push((format!("{task:?} {algorithm:?}"), model));
        }
    }
    out
}

#[test]
fn every_model_reads_back_and_predicts_the_same() {
    let x = points(25, 2);
    for (name, model) in models() {
        let json = serde_json::to_string(&model).unwrap();
        let back: Model = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.predict_with_scores(&x).unwrap(), model.predict_with_scores(&x).unwrap(), "{name}");
        assert_eq!(serde_json::to_string(&back).unwrap(), json, "{name}");
    }
}

/// A version 1 decision tree (smartcore's) reads as Sift's tree with the same splits and
/// predicts exactly what smartcore predicted.
#[test]
fn version_1_decision_trees_still_predict() {
    let x = points(60, 6);
    let Target::Classes { labels, .. } = target(Task::Classification, &x) else { unreachable!() };
    let rows: Vec<Vec<f64>> = (0..x.rows()).map(|i| x.row(i).to_vec()).collect();
    let dense = DenseMatrix::from_2d_vec(&rows).unwrap();
    let tree = DecisionTreeClassifier::fit(&dense, &labels, DecisionTreeClassifierParameters::default()).unwrap();
    let v1 = serde_json::json!({
        "n_features": 3,
        "n_classes": 3,
        "estimator": { "decision_tree_classifier": serde_json::to_value(&tree).unwrap() }
    });
    let model: Model = serde_json::from_value(v1).unwrap();
    assert_eq!(model.predict(&x).unwrap(), sift::engine::learn::Prediction::Classes(tree.predict(&dense).unwrap()));
}

/// Version 1 trees and forests for numbers (smartcore's) read as Sift's and predict what
/// smartcore predicted.
#[test]
fn version_1_regression_trees_and_forests_still_predict() {
    let x = points(60, 8);
    let Target::Values(y) = target(Task::Regression, &x) else { unreachable!() };
    let rows: Vec<Vec<f64>> = (0..x.rows()).map(|i| x.row(i).to_vec()).collect();
    let dense = DenseMatrix::from_2d_vec(&rows).unwrap();
    let tree = DecisionTreeRegressor::fit(&dense, &y, DecisionTreeRegressorParameters::default()).unwrap();
    let forest =
        RandomForestRegressor::fit(&dense, &y, RandomForestRegressorParameters { n_trees: 5, ..Default::default() })
            .unwrap();
    for (kind, json, expected) in [
        ("decision_tree_regressor", serde_json::to_value(&tree).unwrap(), tree.predict(&dense).unwrap()),
        ("random_forest_regressor", serde_json::to_value(&forest).unwrap(), forest.predict(&dense).unwrap()),
    ] {
        let v1 = serde_json::json!({ "n_features": 3, "n_classes": 0, "estimator": { kind: json } });
        let model: Model = serde_json::from_value(v1).unwrap_or_else(|e| panic!("{kind}: {e}"));
        let sift::engine::learn::Prediction::Values(p) = model.predict(&x).unwrap() else { panic!() };
        assert!(p.iter().zip(&expected).all(|(a, b)| (a - b).abs() < 1e-9), "{kind}");
    }
}

/// A version 1 random forest (one smartcore forest) reads as a forest of Sift's trees with
/// the same splits and predicts what smartcore predicted.
#[test]
fn version_1_random_forests_still_predict() {
    let x = points(60, 4);
    let Target::Classes { labels, .. } = target(Task::Classification, &x) else { unreachable!() };
    let rows: Vec<Vec<f64>> = (0..x.rows()).map(|i| x.row(i).to_vec()).collect();
    let dense = DenseMatrix::from_2d_vec(&rows).unwrap();
    let params = RandomForestClassifierParameters { n_trees: 7, seed: 9, ..Default::default() };
    let forest = RandomForestClassifier::fit(&dense, &labels, params).unwrap();
    let expected = forest.predict(&dense).unwrap();
    let v1 = serde_json::json!({
        "n_features": 3,
        "n_classes": 3,
        "estimator": { "random_forest_classifier": serde_json::to_value(&forest).unwrap() }
    });
    let model: Model = serde_json::from_value(v1).unwrap();
    assert_eq!(model.algorithm(), Algorithm::RandomForest);
    let predicted = model.predict_with_scores(&x).unwrap();
    let sift::engine::learn::Prediction::Classes(p) = predicted.prediction else { panic!() };
    let agree = p.iter().zip(&expected).filter(|(a, b)| a == b).count();
    // Ties between equally voted classes may break differently; nothing else may differ.
    assert!(agree >= 58, "{agree} of 60 agree");
    let scores = predicted.scores.unwrap();
    assert!((0..60).all(|i| (scores.row(i).iter().sum::<f64>() - 1.0).abs() < 1e-12));
}

/// Every number, list and field of every model, damaged in turn by a seeded generator:
/// reading and predicting may fail, but never panic.
#[test]
fn damaged_models_are_errors_not_panics() {
    let x = points(10, 5);
    let mut rng = SplitMix64::new(2026);
    let replacements = [
        Value::from(-1),
        Value::from(0),
        Value::from(1),
        Value::from(7),
        Value::from(4_294_967_296u64),
        Value::from(1e300),
        Value::from(-1e300),
        Value::from(0.5),
        Value::Null,
        Value::from("x"),
        Value::from(true),
        Value::Array(Vec::new()),
    ];
    let mut accepted = 0;
    let mut tried = 0;
    for (name, model) in models() {
        let original = serde_json::to_value(&model).unwrap();
        let mut places = Vec::new();
        collect(&original, &mut Vec::new(), &mut places);
        for _ in 0..300 {
            let mut damaged = original.clone();
            let place = &places[rng.below(places.len() as u64) as usize];
            let Some(target) = pointer_mut(&mut damaged, place) else { continue };
            match target {
                Value::Array(items) if !items.is_empty() && rng.below(2) == 0 => {
                    let cut = rng.below(items.len() as u64) as usize;
                    items.truncate(cut);
                }
                Value::Object(fields) if !fields.is_empty() => {
                    let key = fields.keys().nth(rng.below(fields.len() as u64) as usize).cloned().unwrap();
                    fields.remove(&key);
                }
                other => *other = replacements[rng.below(replacements.len() as u64) as usize].clone(),
            }
            tried += 1;
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                serde_json::from_value::<Model>(damaged.clone()).map(|m| m.predict_with_scores(&x).is_ok())
            }));
            match outcome {
                Ok(Ok(_)) => accepted += 1,
                Ok(Err(_)) => {}
                Err(_) => {
                    let json =
                        serde_json::to_string(&pointer_mut(&mut damaged, place).cloned().unwrap_or_default()).unwrap();
                    panic!("{name}: a model damaged at {place:?} panicked; the part there: {:.300}", json)
                }
            }
        }
    }
    println!("{tried} damaged models, {accepted} still read (harmless changes such as a weight)");
    assert!(tried > 3000);
}

/// JSON pointers to every value below `value`.
fn collect(value: &Value, path: &mut Vec<String>, out: &mut Vec<String>) {
    out.push(path.iter().map(|p| format!("/{p}")).collect());
    match value {
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| {
            path.push(i.to_string());
            collect(v, path, out);
            path.pop();
        }),
        Value::Object(fields) => fields.iter().for_each(|(k, v)| {
            path.push(k.replace('~', "~0").replace('/', "~1"));
            collect(v, path, out);
            path.pop();
        }),
        _ => {}
    }
}

fn pointer_mut<'a>(value: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    value.pointer_mut(pointer)
}
