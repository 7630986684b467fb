//! Recipe steps against scikit-learn on the same data (tests/fixtures/recipe: train.csv,
//! test.csv, and expected.json written by expected.py, which says how). Each step is fitted
//! on the training rows and applied to the test rows, as scikit-learn's `fit` / `transform`.

use serde_json::Value;
use sift::engine::base::table::Table;
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::recipe::{
    BinMethod, Bins, FitContext, Impute, ImputeStrategy, MinMaxScale, OneHot, Pca, RobustScale, StandardScale, Step,
    YeoJohnson,
};

fn table(name: &str) -> Table {
    let path = format!("tests/fixtures/recipe/{name}");
    read_csv(name, &std::fs::read(&path).unwrap(), &IngestOptions::default()).unwrap()
}

fn expected(case: &str) -> Value {
    let text = std::fs::read_to_string("tests/fixtures/recipe/expected.json").unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    all[case].clone()
}

fn strings(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
}

/// Rows of numbers (`None` for null).
fn rows(value: &Value) -> Vec<Vec<Option<f64>>> {
    value.as_array().unwrap().iter().map(|row| row.as_array().unwrap().iter().map(Value::as_f64).collect()).collect()
}

/// The test rows after `step` (fitted on the training rows), in `columns`, row by row.
fn transformed(step: Step, columns: &[String]) -> Vec<Vec<Option<f64>>> {
    let fitted = step.fit(&table("train.csv"), &FitContext::default()).unwrap();
    let out = fitted.apply(table("test.csv")).unwrap();
    let data: Vec<_> = columns.iter().map(|c| &out.column(c).unwrap_or_else(|| panic!("no column {c}")).data).collect();
    (0..out.row_count()).map(|i| data.iter().map(|d| d.number_at(i)).collect()).collect()
}

fn close(got: f64, want: f64, tolerance: f64) -> bool {
    (got - want).abs() <= tolerance * want.abs().max(1.0)
}

fn assert_rows(case: &str, got: &[Vec<Option<f64>>], want: &[Vec<Option<f64>>], tolerance: f64) {
    assert_eq!(got.len(), want.len(), "{case}: row count");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let same = g.len() == w.len()
            && g.iter().zip(w).all(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => close(*a, *b, tolerance),
                (None, None) => true,
                _ => false,
            });
        assert!(same, "{case}: test row {i}: got {g:?}, scikit-learn {w:?}");
    }
}

fn check(case: &str, step: Step) {
    let want = expected(case);
    let columns = strings(&want["columns"]);
    assert_rows(case, &transformed(step, &columns), &rows(&want["test"]), 1e-9);
}

#[test]
fn impute_matches_simple_imputer() {
    for (case, strategy) in [
        ("impute_mean", ImputeStrategy::Mean),
        ("impute_median", ImputeStrategy::Median),
        ("impute_most_frequent", ImputeStrategy::MostFrequent),
    ] {
        let columns = strings(&expected(case)["columns"]);
        check(case, Step::Impute(Impute::new(columns, strategy)));
    }
}

#[test]
fn one_hot_matches_one_hot_encoder() {
    for (case, drop_first) in [("one_hot", false), ("one_hot_drop_first", true)] {
        let want = expected(case);
        let names = strings(&want["names"]);
        let step = Step::OneHot(OneHot { drop_first, ..OneHot::new(strings(&want["columns"])) });
        assert_rows(case, &transformed(step, &names), &rows(&want["test"]), 0.0);
    }
}

#[test]
fn scalers_match_standard_min_max_and_robust_scalers() {
    let columns = strings(&expected("standard")["columns"]);
    check("standard", Step::StandardScale(StandardScale { columns: columns.clone() }));
    check("min_max", Step::MinMaxScale(MinMaxScale { columns: columns.clone(), min: 0.0, max: 1.0 }));
    check("min_max_range", Step::MinMaxScale(MinMaxScale { columns: columns.clone(), min: -1.0, max: 2.0 }));
    check("robust", Step::RobustScale(RobustScale { columns }));
}

#[test]
fn bins_match_kbins_discretizer() {
    for (case, method) in [("bins_uniform", BinMethod::Uniform), ("bins_quantile", BinMethod::Quantile)] {
        let columns = strings(&expected(case)["columns"]);
        check(case, Step::Bins(Bins { columns, method, bins: 4, edges: Vec::new() }));
    }
}

#[test]
fn pca_matches_up_to_sign() {
    let want = expected("pca");
    let step = Step::Pca(Pca { columns: strings(&want["columns"]), components: 2, keep_inputs: false });
    let got = transformed(step, &["pca_1".to_string(), "pca_2".to_string()]);
    let want = rows(&want["test"]);
    for component in 0..2 {
        let column = |m: &[Vec<Option<f64>>], flip: f64| -> Vec<Vec<Option<f64>>> {
            m.iter().map(|r| vec![r[component].map(|x| x * flip)]).collect()
        };
        let same =
            column(&got, 1.0).iter().zip(column(&want, 1.0)).all(|(a, b)| close(a[0].unwrap(), b[0].unwrap(), 1e-9));
        let flip = if same { 1.0 } else { -1.0 };
        assert_rows(&format!("pca component {}", component + 1), &column(&got, flip), &column(&want, 1.0), 1e-9);
    }
}

#[test]
fn yeo_johnson_matches_power_transformer_closely() {
    // λ is found by the same bounded Brent search as SciPy's, whose tolerance is 1.48e-8 in λ;
    // NumPy sums pairwise, so the two searches can stop a few 1e-9 apart: λ and the output
    // agree to 1e-7 (not to the 1e-9 of the other steps).
    let want = expected("yeo_johnson");
    let columns = strings(&want["columns"]);
    let fitted = Step::YeoJohnson(YeoJohnson { columns: columns.clone() })
        .fit(&table("train.csv"), &FitContext::default())
        .unwrap();
    let json = serde_json::to_value(&fitted).unwrap();
    for (i, lambda) in want["lambdas"].as_array().unwrap().iter().enumerate() {
        let got = json["lambdas"][i][1].as_f64().unwrap();
        assert!((got - lambda.as_f64().unwrap()).abs() < 1e-7, "λ of {}: {got} vs {lambda}", columns[i]);
    }
    let got = transformed(Step::YeoJohnson(YeoJohnson { columns: columns.clone() }), &columns);
    assert_rows("yeo_johnson", &got, &rows(&want["test"]), 1e-7);
}
