//! One of each helper (issue 19): where the profile and the recipe compute the same thing, they
//! compute it with the same code and the same rule for which values count, so the page never
//! says one thing and a step does another on the same data.

use serde_json::{json, Value};
use sift::engine::base::stats::{pearson, percentile_linear};
use sift::engine::base::table::{ColumnData, ColumnType, Table};
use sift::engine::ingest::{read_csv_detailed, IngestOptions};
use sift::engine::profile::{profile, Report};
use sift::engine::recipe::{FitContext, Recipe, RecipeStep, Step};

#[path = "common/columns.rs"]
mod columns;
use columns::table;

fn recipe_of(steps: Vec<Value>) -> Recipe {
    Recipe {
        steps: steps.into_iter().map(|s| RecipeStep::new(Step::from_value(s).unwrap())).collect(),
        ..Recipe::default()
    }
}

/// The pairs of columns the profile calls highly correlated.
fn correlated_pairs(report: &Report) -> Vec<Vec<String>> {
    let mut pairs: Vec<Vec<String>> =
        report.alerts.iter().filter(|a| a.kind == "high_correlation").map(|a| a.columns.clone()).collect();
    pairs.sort();
    pairs
}

/// The columns the drop-correlated step drops, fitted on `t`.
fn dropped_by_the_step(t: &Table) -> Vec<String> {
    let recipe = recipe_of(vec![json!({"kind": "drop_correlated", "columns": [], "threshold": 0.95})]);
    let (_, out) = recipe.fit_transform(t.clone(), &FitContext::default()).unwrap();
    t.column_names().into_iter().filter(|n| out.column(n).is_none()).collect()
}

#[test]
fn the_correlation_alert_and_the_drop_correlated_step_agree_on_inf_and_nan() {
    let n = 300;
    let noise = |i: usize, k: f64| ((i as f64) * k).sin();
    // `twice` follows `x` but for an infinity in two rows and a gap in one; `below` follows it
    // with a minus infinity; `other` does not follow it. Rows with an infinity or a gap are left
    // out of every pair, by the alert and the step alike.
    let x: Vec<f64> = (0..n).map(|i| if i == 5 { f64::NAN } else { i as f64 }).collect();
    let twice: Vec<f64> = (0..n)
        .map(|i| match i {
            17 | 200 => f64::INFINITY,
            31 => f64::NAN,
            _ => 2.0 * i as f64 + noise(i, 1.3),
        })
        .collect();
    let below: Vec<f64> =
        (0..n).map(|i| if i == 80 { f64::NEG_INFINITY } else { -(i as f64) + 3.0 * noise(i, 0.7) }).collect();
    let other: Vec<f64> = (0..n).map(|i| noise(i, 2.1) * 10.0).collect();
    let t = table(vec![
        ("x", ColumnData::Number(x.clone().into())),
        ("twice", ColumnData::Number(twice.clone().into())),
        ("below", ColumnData::Number(below.clone().into())),
        ("other", ColumnData::Number(other.clone().into())),
    ]);
    let r = pearson(&x, &twice).unwrap();
    assert!(r > 0.99 && r < 1.0, "{r}");
    assert!(pearson(&x, &other).unwrap().abs() < 0.5);

    let report = profile(&t);
    let pairs = correlated_pairs(&report);
    assert_eq!(pairs, [["twice", "below"], ["x", "below"], ["x", "twice"]].map(|p| p.map(String::from).to_vec()));
    // The alert's r is the shared Pearson's.
    let alert = report.alerts.iter().find(|a| a.kind == "high_correlation" && a.columns == ["x", "twice"]).unwrap();
    assert!(alert.message.contains(&format!("Pearson r = {r:.3}")), "{}", alert.message);

    // The step keeps the first column of each such pair and drops the others.
    assert_eq!(dropped_by_the_step(&t), ["twice", "below"]);
}

#[test]
fn they_agree_at_extreme_magnitudes_too() {
    // Squares of values near 1e300 overflow: both take such columns in a power-of-two unit.
    let n = 100;
    let x: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let huge: Vec<f64> = (0..n).map(|i| (i as f64 + ((i as f64) * 1.7).sin()) * 1e300).collect();
    let t = table(vec![("x", ColumnData::Number(x.into())), ("huge", ColumnData::Number(huge.into()))]);
    assert_eq!(correlated_pairs(&profile(&t)), [["x", "huge"].map(String::from).to_vec()]);
    assert_eq!(dropped_by_the_step(&t), ["huge"]);
}

#[test]
fn the_profile_quartiles_are_the_shared_percentiles() {
    let values: Vec<f64> = (0..101).map(|i| ((i * 37) % 101) as f64 * 1.5).chain([f64::NAN, f64::INFINITY]).collect();
    let t = table(vec![("v", ColumnData::Number(values.clone().into()))]);
    let report = profile(&t);
    let column = report.columns.iter().find(|c| c.name == "v").unwrap();
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    sorted.sort_by(f64::total_cmp);
    assert_eq!(column.q1, percentile_linear(&sorted, 25.0));
    assert_eq!(column.q3, percentile_linear(&sorted, 75.0));
}

/// The column `d` of a CSV file, read by ingest with its type given (`Some`) or inferred.
fn read_column(values: &[&str], forced: Option<ColumnType>) -> ColumnData {
    let rows: String = values.iter().map(|v| format!("\"{v}\"\n")).collect();
    let options = IngestOptions {
        column_types: forced.map(|to| ("d".to_string(), to)).into_iter().collect(),
        ..IngestOptions::default()
    };
    let read = read_csv_detailed("f.csv", format!("d\n{rows}").as_bytes(), &options).unwrap();
    read.table.columns[0].data.clone()
}

/// The text column `d` holding `values`, changed to `to` by the change-type step.
fn changed(values: &[&str], to: &str) -> ColumnData {
    let text = ColumnData::Text(values.iter().map(|v| Some(v.to_string())).collect());
    let recipe = recipe_of(vec![json!({"kind": "change_type", "columns": ["d"], "to": to})]);
    let (_, out) = recipe.fit_transform(table(vec![("d", text)]), &FitContext::default()).unwrap();
    out.columns[0].data.clone()
}

#[test]
fn change_type_reads_text_as_ingest_reads_the_file() {
    let dates = ["Jan 1 2000", "1 February 2000", "March 3, 2000", "Thu, 6 Jan 2000", "2000-01-09", "Feb 30 2000"];
    let from_file = read_column(&dates, Some(ColumnType::Date));
    assert_eq!(from_file.column_type(), ColumnType::Date);
    assert_eq!(changed(&dates, "date"), from_file);
    assert_eq!(changed(&dates, "date").text_at(0).as_deref(), Some("2000-01-01"));
    assert_eq!(changed(&dates, "date").text_at(5), None);
    // Day first when every date fits both orders, month first when a day is above 12, as in
    // the file.
    for dates in [["04/03/2024", "05/06/2024"], ["04/03/2024", "05/13/2024"]] {
        assert_eq!(changed(&dates, "date"), read_column(&dates, None), "{dates:?}");
    }
    let times = ["2024-02-29T13:05", "Jan 1, 2000 10:30 PM", "2024-03-01 08:00:00+02:00", "noon"];
    assert_eq!(changed(&times, "date_time"), read_column(&times, Some(ColumnType::DateTime)));
    let numbers = ["1,234", "12%", "-3.5", "1e3", "inf", "x"];
    let shown = |d: &ColumnData| (d.column_type(), (0..d.len()).map(|i| d.text_at(i)).collect::<Vec<_>>());
    assert_eq!(shown(&changed(&numbers, "number")), shown(&read_column(&numbers, Some(ColumnType::Number))));
    assert_eq!(
        changed(&["7", "3.0", "1e3", "2.5"], "integer"),
        read_column(&["7", "3.0", "1e3", "2.5"], Some(ColumnType::Integer))
    );
    let booleans = ["yes", "N", "1", "0", "true", "maybe"];
    assert_eq!(changed(&booleans, "boolean"), read_column(&booleans, Some(ColumnType::Boolean)));
}
