//! How long a 10-step recipe takes on 1 M rows × 13 columns (the benchmark file's shape, as
//! in tests/profile_speed.rs), and how long a step's preview takes on 100 k rows.
//! A measurement, not a timed test:
//!
//!     cargo test --release --test recipe_speed -- --ignored --nocapture

use std::time::Instant;

use sift::engine::base::table::{Column, ColumnData, Table};
use sift::engine::recipe::{preview, preview_step, ApplyMode, FitContext, PrefixCache, Recipe};

/// Six floats with 3 % gaps, three integers, categories with 7 and 200 levels, a date and a
/// boolean, from a 64-bit LCG.
fn benchmark_table(rows: usize) -> Table {
    let mut state = 42u64;
    let mut uniform = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut columns: Vec<Column> = Vec::new();
    for f in 0..6 {
        let v = (0..rows).map(|_| if uniform() < 0.03 { f64::NAN } else { uniform() * 1000.0 + f as f64 }).collect();
        columns.push(Column::new(format!("float_{f}"), ColumnData::Number(v)));
    }
    for k in 1..=3 {
        let v = (0..rows).map(|_| Some((uniform() * 10_000.0 * k as f64) as i64)).collect();
        columns.push(Column::new(format!("int_{}", k - 1), ColumnData::Integer(v)));
    }
    for levels in [7u32, 200] {
        let codes = (0..rows).map(|_| Some((uniform() * f64::from(levels)) as u32)).collect();
        let names = (0..levels).map(|l| format!("level {l}")).collect();
        columns.push(Column::new(format!("cat_{levels}"), ColumnData::Category { codes, levels: names }));
    }
    columns.push(Column::new(
        "date",
        ColumnData::Date((0..rows).map(|_| Some(15_000 + (uniform() * 5000.0) as i32)).collect()),
    ));
    columns.push(Column::new("flag", ColumnData::Boolean((0..rows).map(|_| Some(uniform() < 0.3)).collect())));
    Table::new("bench", columns).unwrap()
}

const TEN_STEPS: &str = r#"{"version": 2, "steps": [
  {"kind": "impute", "columns": ["float_0", "float_1", "float_2", "float_3", "float_4", "float_5"], "strategy": "median"},
  {"kind": "clip_outliers", "columns": ["float_0", "float_1"], "method": "iqr"},
  {"kind": "standard_scale", "columns": ["float_0", "float_1", "float_2", "float_3", "float_4", "float_5"]},
  {"kind": "log1p", "columns": ["int_0"]},
  {"kind": "bins", "columns": ["int_1"], "method": "quantile", "bins": 5},
  {"kind": "one_hot", "columns": ["cat_7"]},
  {"kind": "frequency_encode", "columns": ["cat_200"]},
  {"kind": "date_parts", "columns": ["date"], "parts": ["year", "month", "weekday"]},
  {"kind": "compute", "left": "float_2", "op": "divide", "right": "int_2", "to": "ratio"},
  {"kind": "drop_columns", "columns": ["flag"]}
]}"#;

/// The fastest of three runs of `f`, in milliseconds (the machine may be busy with other work).
fn best_of_three<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..3 {
        let start = Instant::now();
        last = Some(f());
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    (best, last.expect("three runs"))
}

#[test]
#[ignore = "a measurement; run with --release --ignored --nocapture"]
fn ten_steps_on_one_million_rows() {
    let table = benchmark_table(1_000_000);
    assert_eq!(table.column_count(), 13);
    let recipe = Recipe::from_json(TEN_STEPS).unwrap();
    let context = FitContext::default();

    let (ms, fitted) = best_of_three(|| recipe.fit(&table, &context).unwrap());
    println!("fit 10 steps on 1M × 13: {ms:.0} ms");
    let (ms, out) = best_of_three(|| fitted.apply(&table).unwrap());
    println!("apply 10 steps to 1M × 13 (a copy of the table): {ms:.0} ms");
    assert_eq!((out.row_count(), out.column_count()), (1_000_000, 22));
    let (ms, _) = best_of_three(|| fitted.apply_to(table.clone(), ApplyMode::Data).unwrap());
    println!("copy the table, then apply in place: {ms:.0} ms");
    let (ms, _) = best_of_three(|| table.clone());
    println!("  of which copying the table: {ms:.0} ms");
    let mut current = table.clone();
    for step in &fitted.steps {
        let start = Instant::now();
        current = step.apply(current).unwrap();
        println!("  {:<24} {:>5.0} ms", step.info().kind, start.elapsed().as_secs_f64() * 1000.0);
    }

    let head: Vec<usize> = (0..100_000).collect();
    let sample = table.take(&head);
    for index in [0, 5, 9] {
        let (ms, p) = best_of_three(|| preview(&sample, &recipe, index, &context).unwrap());
        println!("preview of step {} on 100k rows (the steps before it refitted): {ms:.0} ms", index + 1);
        assert_eq!(p.rows_before, 100_000);
        let before = recipe.table_before(index, sample.clone(), &context).unwrap();
        let (ms, _) = best_of_three(|| preview_step(&before, &recipe.steps[index].step, &context).unwrap());
        println!("  the step alone, on the table before it: {ms:.0} ms");
        let mut cache = PrefixCache::new();
        cache.set_source(sample.clone());
        cache.table_before(&recipe, index, &context).unwrap();
        let (ms, _) = best_of_three(|| {
            let before = cache.table_before(&recipe, index, &context).unwrap();
            preview_step(&before, &recipe.steps[index].step, &context).unwrap()
        });
        println!("  with the steps before it remembered (what the worker does): {ms:.0} ms");
    }
}
