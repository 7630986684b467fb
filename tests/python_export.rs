//! `sift python`: which step kinds and algorithms become scikit-learn code and which refuse by
//! name, and the script's shape (pins, the model's settings, the JSON last line). Whether the
//! scripts give Sift's metrics and prepared matrix is `make equivalence`
//! (tests/equivalence/python_check.py).

use std::path::PathBuf;
use std::process::{Command, Output};

use sift::engine::learn::{Algorithm, ParamValue, Params, Task};
use sift::engine::recipe::{catalogue, FitContext, Step};

/// The step kinds with a scikit-learn translation (docs/python.md lists the same).
const TRANSLATED: &[&str] = &[
    "drop_columns",
    "keep_columns",
    "rename_column",
    "duplicate_column",
    "trim_whitespace",
    "change_case",
    "merge_categories",
    "cluster_spellings",
    "impute",
    "clip_outliers",
    "one_hot",
    "ordinal_encode",
    "frequency_encode",
    "standard_scale",
    "min_max_scale",
    "robust_scale",
    "log1p",
    "yeo_johnson",
    "bins",
    "polynomial",
    "pca",
];

fn sift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift")).args(args).output().expect("sift runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sift-python-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_step_kind_translates_or_refuses_with_its_reason() {
    let columns: Vec<String> = ["a", "b"].map(String::from).to_vec();
    let mut translated = Vec::new();
    for info in catalogue() {
        let step = Step::with_defaults(&info.kind, &columns, &FitContext::default()).unwrap();
        match step.python() {
            Ok(python) => {
                assert!(!python.transformer.is_empty(), "{}", info.kind);
                translated.push(info.kind.clone());
            }
            Err(why) => {
                let expected = if info.removes_rows { "removes rows" } else { "scikit-learn" };
                assert!(why.contains(expected), "{}: {why}", info.kind);
            }
        }
    }
    assert_eq!(translated, TRANSLATED);
}

#[test]
fn every_algorithm_has_a_scikit_learn_twin_with_its_settings() {
    for algorithm in Algorithm::ALL {
        for &task in algorithm.about().tasks {
            let params = Params::default().resolve(algorithm, task).unwrap();
            let model = algorithm.python(&params, task, 7).unwrap_or_else(|e| panic!("{}: {e}", algorithm.name()));
            assert!(model.import.starts_with("from sklearn."), "{}", model.import);
            let seeded = matches!(
                algorithm,
                Algorithm::DecisionTree
                    | Algorithm::RandomForest
                    | Algorithm::ExtraTrees
                    | Algorithm::GradientBoosting
                    | Algorithm::Kmeans
            );
            assert_eq!(model.constructor.contains("random_state=7"), seeded, "{}", model.constructor);
        }
    }
    let params = Params::default().resolve(Algorithm::Svm, Task::Regression).unwrap();
    let svr = Algorithm::Svm.python(&params.with("kernel", ParamValue::Text("polynomial".into())), Task::Regression, 0);
    assert_eq!(
        svr.unwrap().constructor,
        "SVR(kernel=\"poly\", C=1.0, gamma=\"scale\", degree=3, coef0=0.0, tol=0.001, epsilon=0.1)"
    );
}

#[test]
fn a_row_sample_in_boosting_is_refused() {
    let params = Params::default()
        .with("subsample", ParamValue::Number(0.5))
        .resolve(Algorithm::GradientBoosting, Task::Regression)
        .unwrap();
    let why = Algorithm::GradientBoosting.python(&params, Task::Regression, 0).unwrap_err();
    assert!(why.contains("row sample"), "{why}");
}

#[test]
fn a_model_becomes_a_pinned_script_with_its_settings() {
    let dir = temp_dir("script");
    let model = dir.join("m.json");
    let script = dir.join("pipeline.py");
    let model = model.to_str().unwrap();
    let train = sift(&[
        "train",
        "public/samples/penguins.csv",
        "--target",
        "species",
        "--algorithm",
        "random_forest",
        "--param",
        "n_estimators=20",
        "--seed",
        "9",
        "-o",
        model,
    ]);
    assert!(train.status.success(), "{}", String::from_utf8_lossy(&train.stderr));
    let out = sift(&["python", model, "-o", script.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&script).unwrap();
    for expected in [
        "pandas==3.1.1",
        "scikit-learn==1.9.1",
        "TARGET = \"species\"",
        "SEED = 9",
        "TEST_SHARE = 0.25",
        "CLASSES = [\"Adelie\", \"Chinstrap\", \"Gentoo\"]",
        "\"flipper_length_mm\": \"integer\",",
        "# 1. Impute missing (median): bill_length_mm",
        "SimpleImputer(strategy=\"median\")",
        "(\"island\", OneHotOfPresent(handle_unknown=\"ignore\"",
        "RandomForestClassifier(n_estimators=20, max_depth=None, min_samples_split=2, min_samples_leaf=1, criterion=\"gini\", max_features=\"sqrt\", random_state=9)",
        "summary = {\"algorithm\": ALGORITHM, \"metrics\": result, \"task\": TASK}",
        "GROUP = None",
    ] {
        assert!(text.contains(expected), "{expected} not in\n{text}");
    }
    assert!(!text.contains("@@"), "every place filled");
    let printed = sift(&["python", model]);
    assert_eq!(String::from_utf8(printed.stdout).unwrap(), text, "without -o the script goes to stdout");
}

#[test]
fn a_step_without_a_translation_is_refused_by_name() {
    let dir = temp_dir("refusal");
    let recipe = dir.join("recipe.json");
    let model = dir.join("m.json");
    std::fs::write(
        &recipe,
        r#"{"version": 2, "steps": [{"kind": "drop_columns", "columns": ["id", "note"]}, {"kind": "find_replace", "columns": ["city"], "find": "a", "replace": "b"}]}"#,
    )
    .unwrap();
    let model = model.to_str().unwrap();
    let train = sift(&[
        "train",
        "tests/equivalence/data/mixed.csv",
        "--target",
        "churned",
        "--recipe",
        recipe.to_str().unwrap(),
        "-o",
        model,
    ]);
    assert!(train.status.success(), "{}", String::from_utf8_lossy(&train.stderr));
    let out = sift(&["python", model]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("sift: step 2 \"Find and replace ('a' → 'b'): city\" cannot be written as scikit-learn code: it has no scikit-learn translation"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
