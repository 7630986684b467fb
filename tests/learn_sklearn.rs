//! Each algorithm's test score on iris, breast cancer and diabetes against scikit-learn's with
//! comparable settings, on the same test rows (tests/fixtures/learn/comparison.json, made by
//! make_comparison.py there). The tolerances are those stated in docs/models.md.
//! `cargo test --test learn_sklearn -- --nocapture` prints the table of docs/models.md.

use serde_json::Value;
use sift::engine::learn::metrics::{classification_metrics, regression_metrics, silhouette};
use sift::engine::learn::{Algorithm, Features, Model, ParamValue, Params, Prediction, Progress, Target, Task};

/// How far Sift's score may be from scikit-learn's.
fn tolerance(metric: &str, algorithm: Algorithm) -> f64 {
    use Algorithm as A;
    match (metric, algorithm) {
        // The same optimum (closed form or convex): only solver precision differs.
        ("r2", A::LinearRegression | A::Ridge | A::Lasso | A::ElasticNet) => 0.01,
        // Randomized trees and boosting: other random draws (and for boosting, XGBoost's
        // regularized trees against scikit-learn's gradient boosting).
        ("r2", A::DecisionTree | A::RandomForest | A::ExtraTrees | A::GradientBoosting) => 0.25,
        ("r2", A::Knn) => 0.01,
        // smartcore's SVR is an approximate solver.
        ("r2", _) => 0.1,
        // Classification: at most about 2 of iris's 38 test rows or 7 of breast cancer's 143.
        ("accuracy", _) => 0.055,
        _ => 0.05,
    }
}

fn load(name: &str) -> (Features, Vec<f64>) {
    let text = std::fs::read_to_string(format!("tests/fixtures/learn/{name}.csv")).unwrap();
    let mut lines = text.lines();
    let width = lines.next().unwrap().split(',').count();
    let mut x = Vec::new();
    let mut y = Vec::new();
    let mut rows = 0;
    for line in lines {
        let values: Vec<f64> = line.split(',').map(|v| v.parse().unwrap()).collect();
        x.extend_from_slice(&values[..width - 1]);
        y.push(values[width - 1]);
        rows += 1;
    }
    (Features::new(rows, width - 1, x).unwrap(), y)
}

/// Standardizes every column with the mean and standard deviation of rows `fit`.
fn standardize(x: &Features, fit: &[usize]) -> Features {
    let n = fit.len() as f64;
    let stats: Vec<(f64, f64)> = (0..x.cols())
        .map(|j| {
            let mean = fit.iter().map(|&i| x.row(i)[j]).sum::<f64>() / n;
            let std = (fit.iter().map(|&i| (x.row(i)[j] - mean).powi(2)).sum::<f64>() / n).sqrt();
            (mean, if std == 0.0 { 1.0 } else { std })
        })
        .collect();
    let values = (0..x.rows())
        .flat_map(|i| stats.iter().enumerate().map(move |(j, (m, s))| (x.row(i)[j] - m) / s).collect::<Vec<_>>())
        .collect();
    Features::new(x.rows(), x.cols(), values).unwrap()
}

fn sift_score(dataset: &str, algorithm: Algorithm, metric: &str, split: &Value) -> f64 {
    let (x, y) = load(dataset);
    let test: Vec<usize> =
        split["test"].as_array().map(|t| t.iter().map(|v| v.as_u64().unwrap() as usize).collect()).unwrap_or_default();
    let train: Vec<usize> = (0..x.rows()).filter(|i| !test.contains(i)).collect();
    if metric == "silhouette" {
        let all: Vec<usize> = (0..x.rows()).collect();
        let xs = standardize(&x, &all);
        let params = match algorithm {
            Algorithm::Kmeans => Params::new().with("k", ParamValue::Integer(3)),
            Algorithm::Agglomerative => Params::new().with("n_clusters", ParamValue::Integer(2)),
            _ => Params::new(),
        };
        let (_, labels) = Model::fit_clusters(algorithm, &params, 42, &xs).unwrap();
        let kept: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] >= 0).collect();
        let kept_labels: Vec<i32> = kept.iter().map(|&i| labels[i]).collect();
        return silhouette(&xs.take(&kept), &kept_labels).unwrap();
    }
    let xs = standardize(&x, &train);
    let (task, target) = if metric == "accuracy" {
        let labels: Vec<u32> = y.iter().map(|&v| v as u32).collect();
        let n_classes = *labels.iter().max().unwrap() as usize + 1;
        (Task::Classification, Target::Classes { labels, n_classes })
    } else {
        (Task::Regression, Target::Values(y))
    };
    let model =
        Model::fit(task, algorithm, &Params::new(), 42, &xs.take(&train), &target.take(&train), &mut Progress::none())
            .unwrap();
    match (target.take(&test), model.predict(&xs.take(&test)).unwrap()) {
        (Target::Classes { labels, n_classes }, Prediction::Classes(p)) => {
            classification_metrics(&labels, &p, n_classes).unwrap().accuracy
        }
        (Target::Values(v), Prediction::Values(p)) => regression_metrics(&v, &p).unwrap().r2,
        _ => unreachable!(),
    }
}

#[test]
fn each_algorithm_scores_within_tolerance_of_scikit_learn() {
    let fixture: Value =
        serde_json::from_str(&std::fs::read_to_string("tests/fixtures/learn/comparison.json").unwrap()).unwrap();
    println!(
        "| data set | algorithm | metric | Sift | scikit-learn | difference | tolerance | scikit-learn estimator |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    let mut failures = Vec::new();
    for r in fixture["results"].as_array().unwrap() {
        let dataset = r["dataset"].as_str().unwrap();
        let algorithm = Algorithm::parse(r["algorithm"].as_str().unwrap()).unwrap();
        let metric = r["metric"].as_str().unwrap();
        let theirs = r["sklearn_score"].as_f64().unwrap();
        let ours = sift_score(dataset, algorithm, metric, &fixture["splits"][dataset]);
        let tol = tolerance(metric, algorithm);
        let diff = ours - theirs;
        println!(
            "| {dataset} | {} | {metric} | {ours:.4} | {theirs:.4} | {diff:+.4} | {tol} | `{}` |",
            algorithm.name(),
            r["sklearn"].as_str().unwrap()
        );
        if diff.abs() > tol {
            failures.push(format!("{dataset} {algorithm:?}: Sift {ours:.4}, scikit-learn {theirs:.4}"));
        }
    }
    assert!(failures.is_empty(), "outside tolerance: {failures:#?}");
}
