//! Hostile inputs through the recipe (issue 17): a table keeps its rows when a step removes
//! every column, misspelled recipe fields are refused, extreme magnitudes never give a silent
//! zero, an overflowing fitted constant or a panic, and messages show what they name.

use proptest::prelude::*;
use serde_json::{json, Value};
use sift::engine::base::error::Error;
use sift::engine::base::table::{Column, ColumnData, Table};
use sift::engine::recipe::{catalogue, FitContext, FittedRecipe, Recipe, RecipeStep, Step};

#[path = "common/every_step.rs"]
mod every_step_common;

fn numbers(name: &str, values: &[f64]) -> Column {
    Column::new(name, ColumnData::Number(values.to_vec().into()))
}

fn recipe_of(steps: Vec<Step>) -> Recipe {
    Recipe { steps: steps.into_iter().map(RecipeStep::new).collect(), ..Recipe::default() }
}

fn step(value: Value) -> Step {
    Step::from_value(value).unwrap()
}

// ---- #2: the row count of a table with no columns ----

#[test]
fn pca_over_every_column_keeps_every_row() {
    let t = Table::new("t", vec![numbers("a", &[1.0, 2.0, 3.0, 4.0]), numbers("b", &[1.0, 5.0, 3.0, 1.0])]).unwrap();
    let recipe = recipe_of(vec![step(json!({"kind": "pca", "columns": ["a", "b"], "components": 1}))]);
    let (fitted, out) = recipe.fit_transform(t.clone(), &FitContext::default()).unwrap();
    assert_eq!(out.row_count(), 4);
    assert_eq!(out.column_names(), ["pca_1"]);
    let ColumnData::Number(scores) = &out.columns[0].data else { panic!() };
    assert!(scores.iter().all(f64::is_finite), "{scores:?}");
    assert_eq!(fitted.apply_for_prediction(&t).unwrap().row_count(), 4);
}

#[test]
fn dropping_or_keeping_no_column_keeps_every_row() {
    let t = Table::new("t", vec![numbers("a", &[1.0, 2.0, 3.0]), numbers("b", &[4.0, 5.0, 6.0])]).unwrap();
    let drop = recipe_of(vec![Step::drop_columns(vec!["a".into(), "b".into()])]);
    let (fitted, out) = drop.fit_transform(t.clone(), &FitContext::default()).unwrap();
    assert_eq!((out.column_count(), out.row_count()), (0, 3));
    assert_eq!(fitted.apply_for_prediction(&t).unwrap().row_count(), 3);
    // Then a filter over no column keeps them all, and a new column can still be computed.
    let again = recipe_of(vec![
        Step::drop_columns(vec!["a".into(), "b".into()]),
        step(json!({"kind": "drop_missing", "columns": []})),
        step(json!({"kind": "drop_duplicates", "columns": []})),
    ]);
    assert_eq!(
        again.fit_transform(t.clone(), &FitContext::default()).unwrap().1.row_count(),
        1,
        "three empty rows are duplicates"
    );
    let keep =
        recipe_of(vec![step(json!({"kind": "keep_columns", "columns": ["a"]})), Step::drop_columns(vec!["a".into()])]);
    assert_eq!(keep.fit_transform(t.clone(), &FitContext::default()).unwrap().1.row_count(), 3);
    // Taking rows of a table with no column counts them; JSON keeps the count.
    let empty = out.take(&[0, 2]);
    assert_eq!(empty.row_count(), 2);
    let back: Table = serde_json::from_str(&serde_json::to_string(&empty).unwrap()).unwrap();
    assert_eq!(back.row_count(), 2);
    assert_eq!(Table::with_rows("t", vec![], 5).unwrap().row_count(), 5);
    assert!(Table::with_rows("t", vec![numbers("a", &[1.0])], 5).unwrap_err().contains("'a' has 1 row but"));
}

// ---- #6: misspelled recipe fields, a byte order mark, a model given as a recipe ----

fn recipe_error(steps: Value) -> Error {
    Recipe::from_json(&json!({"version": 2, "steps": steps}).to_string()).unwrap_err()
}

#[test]
fn misspelled_fields_are_refused_with_the_closest_known_one() {
    let err = recipe_error(
        json!([{"kind": "drop_columns", "columns": ["z"]}, {"kind": "impute", "columns": ["x"]}, {"kind": "bins", "columns": ["x"], "bin": 2}]),
    );
    assert!(err.starts_with("step 3: unknown field 'bin' in a bins step; did you mean 'bins'?"), "{err}");
    let err = recipe_error(json!([{"kind": "impute", "columns": ["x"], "stratgy": "mean"}]));
    assert!(err.contains("unknown field 'stratgy'") && err.contains("did you mean 'strategy'?"), "{err}");
    let err = recipe_error(json!([{"kind": "standard_scale", "columns": ["x"], "enable": false}]));
    assert!(err.contains("unknown field 'enable'") && err.contains("did you mean 'enabled'?"), "{err}");
    let err = recipe_error(json!([{"kind": "one_hot", "columns": ["x"], "zzz": 1, "drop_frist": true}]));
    assert!(err.contains("unknown fields 'drop_frist', 'zzz'") && err.contains("did you mean 'drop_first'?"), "{err}");
    assert!(err.contains("its fields are kind, columns, max_categories, drop_first, automatic, enabled"), "{err}");
    let err = Recipe::from_json(r#"{"version": 2, "step": []}"#).unwrap_err();
    assert!(err.contains("unknown field 'step' in this recipe; did you mean 'steps'?"), "{err}");
    // A form's step (no recipe entry fields) is held to the same rule.
    let err = Step::from_value(json!({"kind": "bins", "columns": ["x"], "enabled": true})).unwrap_err();
    assert!(err.contains("unknown field 'enabled' in a bins step"), "{err}");
    // Every field every kind writes, and the entry's own, still read.
    for info in catalogue() {
        let entry = RecipeStep {
            automatic: true,
            enabled: false,
            ..RecipeStep::new(
                Step::with_defaults(&info.kind, &["x".into(), "y".into(), "z".into()], &FitContext::default()).unwrap(),
            )
        };
        let recipe = Recipe { steps: vec![entry], ..Recipe::default() };
        assert_eq!(Recipe::from_json(&recipe.to_json()).unwrap(), recipe, "{}", info.kind);
    }
}

#[test]
fn a_byte_order_mark_is_skipped_and_a_model_is_named() {
    let text = "\u{feff}{\"version\": 2, \"steps\": [{\"kind\": \"drop_columns\", \"columns\": [\"a\"]}]}";
    assert_eq!(Recipe::from_json(text).unwrap().steps.len(), 1);
    let model =
        json!({"version": 3, "sift_version": "0.1.0", "recipe": {"steps": [], "fitted": {"steps": []}}, "model": {}});
    let err = Recipe::from_json(&model.to_string()).unwrap_err();
    assert!(err.starts_with("this is a Sift model, not a recipe"), "{err}");
}

// ---- Messages: invisible characters, close names, "an integer" ----

#[test]
fn invisible_characters_in_names_are_shown_and_close_names_suggested() {
    let t = Table::new("t", vec![numbers("t\u{200b}", &[1.0]), numbers("height", &[2.0])]).unwrap();
    let err = t.require("t").unwrap_err();
    assert_eq!(err, "there is no column named 't'; did you mean 't\\u{200b}'?");
    let err = Step::standard_scale(vec!["t".into()]).fit(&t, &FitContext::default()).unwrap_err();
    assert_eq!(err, "there is no column named 't'; did you mean 't\\u{200b}'?");
    let err = Step::standard_scale(vec!["t".into(), "heigth".into()]).fit(&t, &FitContext::default()).unwrap_err();
    assert!(err.contains("did you mean 't\\u{200b}' for 't', 'height' for 'heigth'?"), "{err}");
    let recipe =
        Recipe::from_json(r#"{"version": 2, "steps": [{"kind": "drop_columns", "columns": ["t", "hieght"]}]}"#)
            .unwrap();
    let err = recipe.check_columns(&t, &FitContext::default()).unwrap_err();
    assert!(
        err.contains("'t' (step 1, did you mean 't\\u{200b}'?), 'hieght' (step 1, did you mean 'height'?)"),
        "{err}"
    );
    let err = t.require("\u{a0}x").unwrap_err();
    assert_eq!(err, "there is no column named '\\u{a0}x'");
}

#[test]
fn column_types_take_the_right_article() {
    let t = Table::new("t", vec![Column::new("n", ColumnData::Integer(vec![Some(1), Some(2)].into()))]).unwrap();
    let err = step(json!({"kind": "date_parts", "columns": ["n"]})).fit(&t, &FitContext::default()).unwrap_err();
    assert!(err.contains("'n' is an integer column"), "{err}");
    let err = step(json!({"kind": "trim_whitespace", "columns": ["n"]})).fit(&t, &FitContext::default()).unwrap_err();
    assert!(err.contains("'n' is an integer column") && !err.contains("a integer"), "{err}");
}

// ---- #3: huge and tiny magnitudes are never silently zeroed ----

fn fitted_json_reads_back(fitted: &FittedRecipe) -> FittedRecipe {
    let json = serde_json::to_string(fitted).unwrap();
    assert!(!json.contains("null"), "{json}");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn column_values(table: &Table, name: &str) -> Vec<f64> {
    table.column(name).unwrap().data.to_numbers().unwrap()
}

#[test]
fn standard_scaling_keeps_huge_and_tiny_values_apart() {
    // (Subnormal values, below 2.2e-308, have too few digits for this precision.)
    for unit in [1e300, 1e200, 1e160, 1e-300, 1e-200, 1e-307] {
        let values: Vec<f64> = [1.0, 2.0, 3.0, 4.0].iter().map(|x| x * unit).collect();
        let t = Table::new("t", vec![numbers("x", &values)]).unwrap();
        let recipe = recipe_of(vec![Step::standard_scale(vec!["x".into()])]);
        let (fitted, out) = recipe.fit_transform(t.clone(), &FitContext::default()).unwrap();
        let got = column_values(&out, "x");
        // (x − 2.5u) / (1.118u): −1.342, −0.447, 0.447, 1.342 at any unit.
        for (g, want) in
            got.iter().zip([-1.3416407864998738, -0.4472135954999579, 0.4472135954999579, 1.3416407864998738])
        {
            assert!((g - want).abs() < 1e-6, "unit {unit}: {got:?}");
        }
        let back = fitted_json_reads_back(&fitted);
        assert_eq!(back.apply(&t).unwrap().columns[0].data, out.columns[0].data);
    }
}

#[test]
fn every_scaler_keeps_extreme_values_apart_or_names_the_column() {
    let extremes = [-1.7e308, -1e300, 0.0, 1e300, 1.7e308];
    let t = Table::new("t", vec![numbers("x", &extremes)]).unwrap();
    for kind in ["standard_scale", "min_max_scale", "robust_scale", "yeo_johnson", "log1p"] {
        let recipe = recipe_of(vec![Step::with_defaults(kind, &["x".into()], &FitContext::default()).unwrap()]);
        match recipe.fit_transform(t.clone(), &FitContext::default()) {
            Ok((fitted, out)) => {
                let got = column_values(&out, "x");
                assert!(got.iter().all(|v| v.is_finite() || v.is_nan()), "{kind}: {got:?}");
                let distinct: Vec<f64> = got.iter().copied().filter(|v| v.is_finite()).collect();
                assert!(distinct.windows(2).all(|w| w[0] < w[1]), "{kind}: order lost {got:?}");
                fitted_json_reads_back(&fitted);
            }
            Err(e) => assert!(e.contains("'x'") && e.contains("1.7e308"), "{kind}: {e}"),
        }
    }
    // Min-max over a range wider than the largest number is refused, naming the column.
    let recipe = recipe_of(vec![Step::with_defaults("min_max_scale", &["x".into()], &FitContext::default()).unwrap()]);
    let err = recipe.fit(&t, &FitContext::default()).unwrap_err();
    assert!(
        err.contains("the range of 'x' is inf because its values (from -1.7e308 to 1.7e308) are too large"),
        "{err}"
    );
}

#[test]
fn infinite_training_values_are_named_not_learned() {
    let t = Table::new("t", vec![numbers("x", &[1.0, f64::INFINITY, 3.0])]).unwrap();
    for kind in ["standard_scale", "min_max_scale", "impute"] {
        let step = Step::with_defaults(kind, &["x".into()], &FitContext::default()).unwrap();
        let value = step.to_value();
        let step = if kind == "impute" {
            Step::from_value(json!({"kind": "impute", "columns": ["x"], "strategy": "mean"})).unwrap()
        } else {
            Step::from_value(value).unwrap()
        };
        let err = recipe_of(vec![step]).fit(&t, &FitContext::default()).unwrap_err();
        assert!(err.contains("'x' holds an infinite value (inf)"), "{kind}: {err}");
    }
}

#[test]
fn polynomial_and_compute_refuse_overflow_instead_of_writing_inf() {
    let t = Table::new("t", vec![numbers("a", &[1.0, 1e200]), numbers("b", &[2.0, 1e200])]).unwrap();
    let poly = recipe_of(vec![step(json!({"kind": "polynomial", "columns": ["a", "b"], "degree": 2}))]);
    let err = poly.fit_transform(t.clone(), &FitContext::default()).unwrap_err();
    assert!(err.contains("'a^2' on row 2 is too large for a number (from 'a' = 1e200, 'b' = 1e200)"), "{err}");
    let compute =
        recipe_of(vec![step(json!({"kind": "compute", "left": "a", "op": "multiply", "right": "b", "to": "ab"}))]);
    let err = compute.fit_transform(t.clone(), &FitContext::default()).unwrap_err();
    assert!(err.contains("on row 2 is too large for a number (from 'a' = 1e200, 'b' = 1e200)"), "{err}");
    // Division by zero stays a missing value, as documented.
    let divide =
        recipe_of(vec![step(json!({"kind": "compute", "left": "a", "op": "divide", "right": "b", "to": "q"}))]);
    let out = divide.fit_transform(t, &FitContext::default()).unwrap().1;
    assert_eq!(column_values(&out, "q")[1], 1.0);
}

#[test]
fn scaling_new_rows_far_outside_the_training_range_is_an_error_not_inf() {
    let train = Table::new("t", vec![numbers("x", &[1e-300, 2e-300, 3e-300])]).unwrap();
    let fitted = recipe_of(vec![Step::standard_scale(vec!["x".into()])]).fit(&train, &FitContext::default()).unwrap();
    let far = Table::new("t", vec![numbers("x", &[1.0, 1e300])]).unwrap();
    let err = fitted.apply_for_prediction(&far).unwrap_err();
    assert!(err.contains("'x' row 2: 1e300 becomes inf"), "{err}");
}

#[test]
fn bins_and_fences_at_extreme_magnitudes_stay_finite_and_distinct() {
    let values = [-1.7e308, -1e308, 0.0, 1e308, 1.7e308, 5e307];
    let t = Table::new("t", vec![numbers("x", &values)]).unwrap();
    let uniform = recipe_of(vec![step(json!({"kind": "bins", "columns": ["x"], "method": "uniform", "bins": 4}))]);
    let (fitted, out) = uniform.fit_transform(t.clone(), &FitContext::default()).unwrap();
    fitted_json_reads_back(&fitted);
    assert_eq!(column_values(&out, "x"), [0.0, 0.0, 2.0, 3.0, 3.0, 2.0]);
    let tiny: Vec<f64> = (1..=8).map(|i| i as f64 * 1e-300).collect();
    let quantile = recipe_of(vec![step(json!({"kind": "bins", "columns": ["x"], "bins": 4}))]);
    let out =
        quantile.fit_transform(Table::new("t", vec![numbers("x", &tiny)]).unwrap(), &FitContext::default()).unwrap().1;
    assert_eq!(
        column_values(&out, "x"),
        [0.0, 0.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0],
        "tiny values keep their quantile bins"
    );
    let clip = recipe_of(vec![step(json!({"kind": "clip_outliers", "columns": ["x"]}))]);
    let (fitted, out) = clip.fit_transform(t, &FitContext::default()).unwrap();
    fitted_json_reads_back(&fitted);
    assert!(column_values(&out, "x").iter().all(|v| v.is_finite()));
}

// ---- #11: PCA near ±1.7e308 ----

#[test]
fn pca_on_values_near_the_largest_number_does_not_panic() {
    let recipe = recipe_of(vec![step(json!({"kind": "pca", "columns": ["a", "b"], "components": 2}))]);
    // The issue's case: the fit does not panic; a score beyond the largest number is named.
    let t =
        Table::new("t", vec![numbers("a", &[1.7e308, -1.7e308, 1.7e308]), numbers("b", &[-1.7e308, 1.7e308, 1.6e308])])
            .unwrap();
    let err = recipe.fit_transform(t, &FitContext::default()).unwrap_err();
    assert!(err.contains("'pca_1' on row 1 is too large for a number (from 'a' = 1.7e308, 'b' = -1.7e308)"), "{err}");
    // Scores that fit: the directions are those of the same data divided by 1e300.
    let a = [8e307, -8e307, 7e307, -6e307, 1e307];
    let b = [-8e307, 8e307, 1.0, -7e307, 0.5e307];
    let t = Table::new("t", vec![numbers("a", &a), numbers("b", &b)]).unwrap();
    let (fitted, out) = recipe.fit_transform(t.clone(), &FitContext::default()).unwrap();
    fitted_json_reads_back(&fitted);
    assert_eq!(out.row_count(), 5);
    // The same directions as for the data divided by 1e300.
    let small =
        Table::new("t", vec![numbers("a", &a.map(|x| x / 1e300)), numbers("b", &b.map(|x| x / 1e300))]).unwrap();
    let (small_fitted, _) = recipe.fit_transform(small, &FitContext::default()).unwrap();
    let loadings = |f: &FittedRecipe| serde_json::to_value(f).unwrap()["steps"][0]["components"].clone();
    let (big, little) = (loadings(&fitted), loadings(&small_fitted));
    for (x, y) in big
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_array().unwrap())
        .zip(little.as_array().unwrap().iter().flat_map(|r| r.as_array().unwrap()))
    {
        assert!((x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9, "{big} vs {little}");
    }
    let tiny =
        Table::new("t", vec![numbers("a", &a.map(|x| x * 1e-616)), numbers("b", &b.map(|x| x * 1e-616))]).unwrap();
    recipe.fit_transform(tiny, &FitContext::default()).unwrap();
}

// ---- Every step kind against extreme values (proptest) ----

/// Finite extremes, infinities, −0, subnormals and ordinary numbers; `NaN` is a gap.
const EXTREMES: [f64; 16] = [
    f64::MAX,
    -f64::MAX,
    1.7e308,
    -1.7e308,
    1e300,
    -1e300,
    1e-300,
    -1e-300,
    -0.0,
    0.0,
    5e-324,
    2.2250738585072014e-308,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
    1.5,
];
/// Text that looks like numbers that are not.
const WORDS: [&str; 9] = ["nan", "NaN", "inf", "-inf", "Infinity", "1e309", "", " ", "x"];

fn extreme() -> impl Strategy<Value = f64> {
    prop_oneof![3 => (0..EXTREMES.len()).prop_map(|i| EXTREMES[i]), 1 => -1e6f64..1e6, 1 => any::<f64>()]
}

prop_compose! {
    /// A table of `rows` rows: numbers of every magnitude, whole numbers at the i64 ends,
    /// far-away dates, NaN-like text and categories, and a two-class target `y`.
    fn hostile_table()(rows in 2usize..10)(
        a in proptest::collection::vec(extreme(), rows),
        b in proptest::collection::vec(extreme(), rows),
        i in proptest::collection::vec(prop_oneof![Just(None), Just(Some(i64::MAX)), Just(Some(i64::MIN)), any::<i64>().prop_map(Some)], rows),
        day in proptest::collection::vec(prop_oneof![Just(None), (-3_000_000i32..3_000_000).prop_map(Some)], rows),
        words in proptest::collection::vec((0..WORDS.len(), any::<bool>()), rows),
        y in proptest::collection::vec(any::<bool>(), rows),
    ) -> Table {
        let text = words.iter().map(|(w, gap)| (!gap).then(|| WORDS[*w].to_string())).collect();
        let codes = words.iter().map(|(w, _)| Some(*w as u32)).collect();
        let target = y.iter().map(|b| Some(u32::from(*b))).collect();
        Table::new("hostile", vec![
            numbers("a", &a),
            numbers("b", &b),
            Column::new("i", ColumnData::Integer(i.into())),
            Column::new("day", ColumnData::Date(day.into())),
            Column::new("t", ColumnData::Text(text)),
            Column::new("c", ColumnData::Category { codes, levels: WORDS.iter().map(|w| w.to_string()).collect() }),
            Column::new("y", ColumnData::Category { codes: target, levels: vec!["no".into(), "yes".into()] }),
        ]).unwrap()
    }
}

fn hostile_context() -> FitContext {
    FitContext { target: Some("y".into()), seed: 3 }
}

/// Fits `step` on `table`: no panic, and either an error that names a column, or fitted
/// constants that survive JSON and a prediction that keeps every row.
fn check_step(step: &Step, table: &Table) -> Result<(), TestCaseError> {
    let kind = step.kind();
    let recipe = recipe_of(vec![step.clone()]);
    match recipe.fit_transform(table.clone(), &hostile_context()) {
        Err(e) => {
            // The message itself, without "step 1 (Title: a, b): ", names the column.
            let message = e.split_once("): ").map_or(e.as_str(), |(_, m)| m);
            let named = table.column_names().iter().any(|n| message.contains(&format!("'{n}'")));
            // Errors about the step's shape rather than the values (PCA given fewer complete
            // columns than components) name counts instead.
            let shape = message.contains("component") && message.contains("at least")
                || message.starts_with("choose at least one column");
            prop_assert!(named || shape, "{kind}: the error names no column: {e}");
        }
        Ok((fitted, _)) => {
            let json = serde_json::to_string(&fitted).unwrap();
            let back: FittedRecipe =
                serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{kind}: {e} in {json}")))?;
            let predicted = back.apply_for_prediction(table);
            match predicted {
                Ok(out) => prop_assert_eq!(out.row_count(), table.row_count(), "{} must keep every row", kind),
                Err(e) => {
                    prop_assert!(table.column_names().iter().any(|n| e.contains(&format!("'{n}'"))), "{kind}: {e}")
                }
            }
        }
    }
    Ok(())
}

/// 96 cases, or `PROPTEST_CASES` (e.g. `PROPTEST_CASES=5000 cargo test --test hostile_recipe`).
fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(96);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn every_step_kind_survives_extreme_values(table in hostile_table()) {
        for step in every_step_common::every_step(&table, &hostile_context()) {
            check_step(&step, &table)?;
        }
    }

    #[test]
    fn every_step_kind_keeps_the_row_count_for_prediction_over_all_its_columns(table in hostile_table()) {
        // The step's columns are the only columns of the table (PCA over every column…).
        for step in every_step_common::every_step(&table, &hostile_context()) {
            let mut keep = step.columns();
            if keep.is_empty() {
                continue;
            }
            keep.push("y".into());
            let narrow = Table::new("narrow", table.columns.iter().filter(|c| keep.contains(&c.name)).cloned().collect()).unwrap();
            let finite = recipe_of(vec![step.clone()]);
            if let Ok((fitted, out)) = finite.fit_transform(narrow.clone(), &hostile_context()) {
                prop_assert!(out.row_count() <= narrow.row_count());
                if !step.info().removes_rows {
                    prop_assert_eq!(out.row_count(), narrow.row_count(), "{}", step.kind());
                }
                if let Ok(out) = fitted.apply_for_prediction(&narrow) {
                    prop_assert_eq!(out.row_count(), narrow.row_count(), "{}", step.kind());
                }
            }
        }
    }
}
