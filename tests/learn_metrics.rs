//! The metric functions against scikit-learn, to 1e-9 (expected values in
//! tests/fixtures/learn/metrics.json, made by make_metrics.py there).

use serde_json::Value;
use sift::engine::learn::metrics::*;
use sift::engine::learn::{Features, ScoreKind, Scores};

const TOL: f64 = 1e-9;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/learn/metrics.json")).unwrap()
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap_or(f64::MAX)).collect()
}

fn labels(v: &Value) -> Vec<u32> {
    v.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as u32).collect()
}

fn close(what: &str, got: f64, want: &Value) {
    let want = want.as_f64().unwrap();
    assert!((got - want).abs() <= TOL, "{what}: got {got}, scikit-learn {want}");
}

fn all_close(what: &str, got: &[f64], want: &Value) {
    let want = numbers(want);
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert!((g - w).abs() <= TOL || g == w, "{what}[{i}]: got {g}, scikit-learn {w}");
    }
}

#[test]
fn classification_scores_equal_scikit_learn() {
    let f = &fixture()["multiclass"];
    let (actual, predicted) = (labels(&f["actual"]), labels(&f["predicted"]));
    let m = classification_metrics(&actual, &predicted, 4).unwrap();
    for (name, got) in [
        ("accuracy", m.accuracy),
        ("balanced_accuracy", m.balanced_accuracy),
        ("precision_macro", m.precision_macro),
        ("recall_macro", m.recall_macro),
        ("f1_macro", m.f1_macro),
        ("precision_weighted", m.precision_weighted),
        ("recall_weighted", m.recall_weighted),
        ("f1_weighted", m.f1_weighted),
    ] {
        close(name, got, &f[name]);
    }
    let per = |g: fn(&ClassMetrics) -> f64| m.per_class.iter().map(g).collect::<Vec<_>>();
    all_close("precision", &per(|c| c.precision), &f["precision"]);
    all_close("recall", &per(|c| c.recall), &f["recall"]);
    all_close("f1", &per(|c| c.f1), &f["f1"]);
    let support: Vec<f64> = m.per_class.iter().map(|c| c.support as f64).collect();
    all_close("support", &support, &f["support"]);
    let confusion: Vec<Vec<usize>> = serde_json::from_value(f["confusion"].clone()).unwrap();
    assert_eq!(m.confusion, confusion);
    for (i, row) in m.confusion_normalized.iter().enumerate() {
        all_close("confusion_normalized", row, &f["confusion_normalized"][i]);
    }
    let scores = Scores::new(ScoreKind::Probability, 3, numbers(&f["probabilities"]));
    close("log_loss", log_loss(&actual, &scores).unwrap().unwrap(), &f["log_loss"]);
    close("roc_auc_ovr", roc_auc_ovr(&actual, &scores).unwrap().unwrap(), &f["roc_auc_ovr"]);
}

#[test]
fn curves_equal_scikit_learn() {
    let f = &fixture()["binary"];
    let positive: Vec<bool> = labels(&f["actual"]).iter().map(|&l| l == 1).collect();
    let scores = numbers(&f["scores"]);
    let roc = roc_curve(&positive, &scores).unwrap();
    all_close("fpr", &roc.x, &f["roc_fpr"]);
    all_close("tpr", &roc.y, &f["roc_tpr"]);
    all_close("roc thresholds", &roc.thresholds, &f["roc_thresholds"]);
    close("roc_auc", roc_auc(&positive, &scores).unwrap().unwrap(), &f["roc_auc"]);
    let pr = precision_recall_curve(&positive, &scores).unwrap();
    all_close("precision", &pr.y, &f["pr_precision"]);
    all_close("recall", &pr.x, &f["pr_recall"]);
    all_close("pr thresholds", &pr.thresholds, &f["pr_thresholds"]);
    close("average_precision", average_precision(&positive, &scores).unwrap().unwrap(), &f["average_precision"]);
    let actual = labels(&f["actual"]);
    let two = Scores::new(ScoreKind::Probability, 2, scores.iter().flat_map(|s| [1.0 - s, *s]).collect());
    close("log_loss", log_loss(&actual, &two).unwrap().unwrap(), &f["log_loss"]);
    close("roc_auc of two classes", roc_auc_ovr(&actual, &two).unwrap().unwrap(), &f["roc_auc"]);
}

#[test]
fn regression_scores_equal_scikit_learn() {
    let f = &fixture()["regression"];
    let m = regression_metrics(&numbers(&f["actual"]), &numbers(&f["predicted"])).unwrap();
    close("r2", m.r2, &f["r2"]);
    close("mae", m.mae, &f["mae"]);
    close("rmse", m.rmse, &f["rmse"]);
    close("mape", m.mape.unwrap(), &f["mape"]);
}

#[test]
fn silhouette_equals_scikit_learn() {
    let f = &fixture()["clustering"];
    let x = Features::new(45, 2, numbers(&f["x"])).unwrap();
    let labels: Vec<i32> = labels(&f["labels"]).into_iter().map(|l| l as i32).collect();
    close("silhouette", silhouette(&x, &labels).unwrap(), &f["silhouette"]);
}
