//! The quality report agrees with pandas and scipy on fixed files. The expected values in
//! tests/fixtures/profile/expected.json come from expected.py beside them (see its docstring).

use serde_json::Value;
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::profile::{profile_with, ColumnProfile, ProfileOptions, Report};

const DIR: &str = "tests/fixtures/profile";

fn report(file: &str) -> Report {
    let bytes = std::fs::read(format!("{DIR}/{file}")).unwrap();
    let table = read_csv(file, &bytes, &IngestOptions::default()).unwrap();
    profile_with(&table, &ProfileOptions { spearman: true, target: None })
}

fn expected() -> Value {
    serde_json::from_str(&std::fs::read_to_string(format!("{DIR}/expected.json")).unwrap()).unwrap()
}

/// Equal to 1e-9 relative (absolute near zero); `None` only where pandas has NaN.
fn close(what: &str, actual: Option<f64>, expected: &Value) {
    match (actual, expected.as_f64()) {
        (Some(a), Some(e)) => assert!((a - e).abs() <= 1e-9 * e.abs().max(1e-3), "{what}: {a} vs pandas {e}"),
        (None, None) => {}
        (a, _) => panic!("{what}: {a:?} vs pandas {expected}"),
    }
}

fn column<'a>(report: &'a Report, name: &str) -> &'a ColumnProfile {
    report.columns.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no column {name}"))
}

fn matrix(what: &str, names: &[String], actual: &[Vec<Option<f64>>], expected: &Value) {
    for (i, row) in expected.as_array().unwrap().iter().enumerate() {
        for (j, e) in row.as_array().unwrap().iter().enumerate() {
            close(&format!("{what} {} × {}", names[i], names[j]), actual[i][j], e);
        }
    }
}

#[test]
fn column_statistics_match_pandas() {
    let all = expected();
    for (file, exp) in all.as_object().unwrap().iter().filter(|(k, _)| !k.starts_with('_')) {
        let report = report(file);
        assert_eq!(report.rows as u64, exp["rows"].as_u64().unwrap(), "{file} rows");
        for (name, e) in exp["columns"].as_object().unwrap() {
            let c = column(&report, name);
            let what = |stat: &str| format!("{file} {name} {stat}");
            assert_eq!(c.count as u64, e["count"].as_u64().unwrap(), "{}", what("count"));
            assert_eq!(c.missing as u64, e["missing"].as_u64().unwrap(), "{}", what("missing"));
            assert_eq!(c.distinct as u64, e["distinct"].as_u64().unwrap(), "{}", what("distinct"));
            if let Some(date_min) = e.get("date_min") {
                assert_eq!(c.date_min.as_deref(), date_min.as_str(), "{}", what("date_min"));
                assert_eq!(c.date_max.as_deref(), e["date_max"].as_str(), "{}", what("date_max"));
            }
            if e.get("mean").is_none() {
                continue;
            }
            let stats = [
                ("mean", c.mean),
                ("std", c.std),
                ("min", c.min),
                ("max", c.max),
                ("median", c.median),
                ("q1", c.q1),
                ("q3", c.q3),
                ("skew", c.skewness),
            ];
            for (stat, actual) in stats {
                close(&what(stat), actual, &e[stat]);
            }
        }
    }
}

#[test]
fn correlations_match_pandas_and_scipy() {
    let all = expected();
    for (file, exp) in all.as_object().unwrap().iter().filter(|(k, _)| !k.starts_with('_')) {
        let c = report(file).correlations;
        let names = |key: &str| -> Vec<String> {
            exp[key].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
        };
        assert_eq!(c.numeric_columns, names("numeric_columns"), "{file}");
        assert_eq!(c.category_columns, names("category_columns"), "{file}");
        matrix(&format!("{file} pearson"), &c.numeric_columns, &c.pearson, &exp["pearson"]);
        matrix(&format!("{file} spearman"), &c.numeric_columns, c.spearman.as_ref().unwrap(), &exp["spearman"]);
        matrix(&format!("{file} cramér"), &c.category_columns, &c.cramers_v, &exp["cramers_v"]);
    }
}
