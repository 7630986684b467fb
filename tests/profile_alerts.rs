//! Each kind of quality alert fires on data built to have that problem, names its columns and
//! says so in one sentence; clean columns stay quiet.

use sift::engine::base::table::{ColumnData, Table};
use sift::engine::profile::{profile, profile_with_target, Alert, Report};

#[path = "common/columns.rs"]
mod columns;
use columns::{category, table};

fn text(values: impl IntoIterator<Item = impl Into<String>>) -> ColumnData {
    ColumnData::Text(values.into_iter().map(|v| Some(v.into())).collect())
}

fn alerts<'a>(report: &'a Report, kind: &str) -> Vec<&'a Alert> {
    report.alerts.iter().filter(|a| a.kind == kind).collect()
}

fn one<'a>(report: &'a Report, kind: &str, columns: &[&str]) -> &'a Alert {
    let found: Vec<&Alert> = alerts(report, kind).into_iter().filter(|a| a.columns == columns).collect();
    assert_eq!(found.len(), 1, "{kind} {columns:?} in {:#?}", report.alerts);
    let message = &found[0].message;
    assert!(message.ends_with('.') && !message.trim_end_matches('.').contains(". "), "one sentence: {message}");
    found[0]
}

#[test]
fn value_problems_in_single_columns() {
    let n = 200;
    let rows = |f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<Vec<String>>();
    let t = table(vec![
        ("same", text(rows(&|_| "x".into()))),
        ("mostly", text(rows(&|i| if i < 196 { "a".into() } else { "b".into() }))),
        ("mixed", text(rows(&|i| if i % 20 == 0 { "n/a?".into() } else { (i % 7).to_string() }))),
        ("city", text(rows(&|i| ["Paris", "paris", "Lyon", "Paris ", "Nice"][i % 5].into()))),
        ("answer", text(rows(&|i| ["yes", "no", "unknown"][i % 3].into()))),
        ("score", ColumnData::Integer((0..n).map(|i| Some(if i == 7 { -999 } else { (i % 50) as i64 })).collect())),
        (
            "income",
            ColumnData::Number((0..n).map(|i| if i < 190 { (i % 30) as f64 } else { 1000.0 + i as f64 }).collect()),
        ),
    ]);
    let r = profile(&t);
    one(&r, "constant", &["same"]);
    assert!(alerts(&r, "near_constant").iter().all(|a| a.columns != ["same"]));
    assert!(one(&r, "near_constant", &["mostly"]).message.contains("'a' is 98%"));
    let mixed = one(&r, "mixed_types", &["mixed"]);
    assert!(mixed.message.contains("'n/a?'") && mixed.message.contains("10 rows"), "{}", mixed.message);
    let spelling = one(&r, "inconsistent_spelling", &["city"]);
    assert!(["'Paris'", "'paris'", "'Paris '"].iter().all(|v| spelling.message.contains(v)), "{}", spelling.message);
    assert!(one(&r, "whitespace", &["city"]).message.contains("40 values"));
    assert!(one(&r, "placeholder", &["answer"]).message.contains("'unknown'"));
    assert!(one(&r, "placeholder", &["score"]).message.contains("'-999' (1 row)"));
    let outliers = one(&r, "outliers", &["income"]);
    assert!(outliers.message.starts_with("'income' has 10 outliers (5% of rows)"), "{}", outliers.message);
    assert!(one(&r, "skewed", &["income"]).message.contains("right-skewed"));
    for quiet in ["mixed", "answer"] {
        assert!(
            r.alerts.iter().all(|a| a.kind == "placeholder" || a.kind == "mixed_types" || a.columns != [quiet]),
            "{quiet}: {:#?}",
            r.alerts
        );
    }
}

#[test]
fn correlated_pairs_and_duplicate_rows() {
    let x: Vec<f64> = (0..100).map(f64::from).collect();
    let y: Vec<f64> = x.iter().map(|v| 3.0 * v + (v * 7.0).sin()).collect();
    let z: Vec<f64> = x.iter().map(|v| (v * 1.7).sin()).collect();
    let mut dup = x.clone();
    dup[1] = 0.0;
    let r = profile(&table(vec![
        ("x", ColumnData::Number(dup.clone().into())),
        ("y", ColumnData::Number(y.iter().enumerate().map(|(i, v)| if i == 1 { y[0] } else { *v }).collect())),
        ("z", ColumnData::Number(z.iter().enumerate().map(|(i, v)| if i == 1 { z[0] } else { *v }).collect())),
    ]));
    assert!(one(&r, "high_correlation", &["x", "y"]).message.contains("(Pearson r = 1.000)"));
    assert!(alerts(&r, "high_correlation").iter().all(|a| !a.columns.contains(&"z".to_string())));
    assert_eq!(r.duplicate_rows, 1);
    one(&r, "duplicate_rows", &[]);
}

#[test]
fn target_imbalance_and_leakage() {
    let n = 400;
    let fraud: Vec<bool> = (0..n).map(|i| i % 25 == 3).collect();
    let noise: Vec<f64> = (0..n).map(|i| ((i * 7919) % 1000) as f64).collect();
    let t = table(vec![
        ("id", ColumnData::Integer((0..n).map(|i| Some(i as i64)).collect())),
        ("noise", ColumnData::Number(noise.clone().into())),
        ("channel", category(&(0..n).map(|i| ["web", "shop", "phone"][i % 3]).collect::<Vec<_>>())),
        ("chargeback", category(&fraud.iter().map(|&f| if f { "filed" } else { "none filed" }).collect::<Vec<_>>())),
        ("fraud", ColumnData::Boolean(fraud.iter().map(|&f| Some(f)).collect())),
    ]);
    assert!(alerts(&profile(&t), "imbalanced_target").is_empty());
    let r = profile_with_target(&t, Some("fraud"));
    assert_eq!(r.target.as_deref(), Some("fraud"));
    assert!(one(&r, "imbalanced_target", &["fraud"])
        .message
        .contains("'true' is only 4% of labelled rows (16 of 400)"));
    one(&r, "target_leakage", &["chargeback", "fraud"]);
    assert_eq!(alerts(&r, "target_leakage").len(), 1, "{:#?}", r.alerts);

    // A numeric target: a rescaled copy leaks, and so does a category whose groups fix it.
    let price: Vec<f64> = (0..n).map(|i| ((i % 4) * 100) as f64 + 50.0).collect();
    let t = table(vec![
        ("with_tax", ColumnData::Number(price.iter().map(|p| p * 1.2).collect())),
        ("tier", category(&(0..n).map(|i| ["a", "b", "c", "d"][i % 4]).collect::<Vec<_>>())),
        ("noise", ColumnData::Number(noise.into())),
        ("price", ColumnData::Number(price.into())),
    ]);
    let r = profile_with_target(&t, Some("price"));
    one(&r, "target_leakage", &["with_tax", "price"]);
    assert!(one(&r, "target_leakage", &["tier", "price"]).message.contains("R²"));
    assert!(alerts(&r, "imbalanced_target").is_empty());
    assert!(alerts(&r, "target_leakage").iter().all(|a| a.columns[0] != "noise"));
    assert!(profile_with_target(&t, Some("no such column")).target.is_none());
}

#[test]
fn numbers_with_infinities_and_the_json_shape() {
    let t = table(vec![
        ("x", ColumnData::Number(vec![1.0, f64::INFINITY, -2.0, 0.0, f64::NAN, f64::NEG_INFINITY].into())),
        ("d", ColumnData::Date(vec![Some(0), Some(365), None, Some(10), Some(10), Some(20)].into())),
    ]);
    let r = profile(&t);
    let x = &r.columns[0];
    assert_eq!((x.infinities, x.zeros, x.negatives, x.count), (Some(2), Some(1), Some(2), 5));
    assert_eq!((x.std, x.skewness), (None, None));
    let json = serde_json::to_value(&r).unwrap();
    for key in ["rows", "columns", "duplicate_rows", "alerts", "correlations", "memory_bytes", "type_counts"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    let d = &json["columns"][1];
    assert_eq!(
        (d["type"].as_str(), d["date_min"].as_str(), d["date_max"].as_str()),
        (Some("date"), Some("1970-01-01"), Some("1971-01-01"))
    );
    assert!(json["columns"][0]["median"].is_number());
    assert_eq!(json["type_counts"][0]["type"], "number");
}

#[test]
fn empty_and_extreme_tables_do_not_panic() {
    let empty = Table::new("t", vec![]).unwrap();
    assert_eq!(profile(&empty).rows, 0);
    let no_rows = table(vec![
        ("x", ColumnData::Number(vec![].into())),
        ("c", category::<&str>(&[])),
        ("t", text(Vec::<String>::new())),
    ]);
    let r = profile_with_target(&no_rows, Some("c"));
    assert_eq!((r.rows, r.columns.len(), r.duplicate_rows), (0, 3, 0));
    let huge = table(vec![
        ("x", ColumnData::Number(vec![-1e308, 1e308, 0.0, f64::MAX, f64::MIN].into())),
        ("y", ColumnData::Number(vec![1e308, -1e308, 0.0, f64::MIN, f64::MAX].into())),
        ("all_missing", ColumnData::Number(vec![f64::NAN; 5].into())),
    ]);
    let r = profile_with_target(&huge, Some("x"));
    assert_eq!(r.columns[0].histogram.iter().map(|b| b.count).sum::<usize>(), 5);
    assert!(serde_json::to_string(&r).is_ok());
    assert_eq!(r.alerts.iter().filter(|a| a.kind == "empty").count(), 1);
}
