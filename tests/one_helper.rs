//! One of each helper (issue 19): where the profile and the recipe compute the same thing, they
//! compute it with the same code and the same rule for which values count, so the page never
//! says one thing and a step does another on the same data.

use serde_json::{json, Value};
use sift::engine::profile::{profile, Report};
use sift::engine::recipe::{FitContext, Recipe, RecipeStep, Step};
use sift::engine::stats::{pearson, percentile_linear};
use sift::engine::table::{ColumnData, Table};

#[path = "common/columns.rs"]
mod columns;
use columns::table;

fn recipe_of(steps: Vec<Value>) -> Recipe {
    Recipe { steps: steps.into_iter().map(|s| RecipeStep::new(Step::from_value(s).unwrap())).collect(), ..Recipe::default() }
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
    let below: Vec<f64> = (0..n).map(|i| if i == 80 { f64::NEG_INFINITY } else { -(i as f64) + 3.0 * noise(i, 0.7) }).collect();
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
