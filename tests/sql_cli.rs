//! `sift sql` as a process: the statement's shape (one CTE per step, named after it, with its
//! explanation) and its refusals (by step name, exit 1). Whether the statements give Sift's
//! values on DuckDB and Spark is `make equivalence` (tests/equivalence/sql_check.py).

use std::process::{Command, Output};

fn sift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift")).args(args).output().expect("sift runs")
}

const DATA: &str = "tests/equivalence/data/mixed.csv";

#[test]
fn a_fitted_recipe_becomes_one_cte_per_step_named_after_it() {
    for dialect in ["duckdb", "spark"] {
        let out = sift(&[
            "sql",
            "--recipe",
            "tests/equivalence/recipes/every_step.json",
            "--fit",
            DATA,
            "--dialect",
            dialect,
        ]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let sql = String::from_utf8(out.stdout).unwrap();
        assert!(sql.contains("step_00_input AS ("), "{sql}");
        assert!(sql.contains("step_01_trim_whitespace AS ("), "{sql}");
        assert!(sql.contains("-- One-hot encode: plan — "), "{sql}");
        assert!(sql.contains("step_25_polynomial AS ("), "{sql}");
        assert_eq!(sql.matches(" AS (\n").count(), 26, "the input and 25 steps");
        let quoted = if dialect == "spark" { "FROM `input` AS sift_source" } else { "FROM \"input\" AS sift_source" };
        assert!(sql.contains(quoted), "{sql}");
    }
}

#[test]
fn a_step_without_exact_sql_is_refused_by_name() {
    let out = sift(&["sql", "--recipe", "tests/equivalence/recipes/duplicates.json", "--fit", DATA]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("sift: step 1 (Drop duplicate rows) cannot be written as duckdb SQL: "), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn options_are_checked() {
    let cases: [(&[&str], &str); 4] = [
        (&["sql", "--recipe", "r.json"], "--recipe needs --fit DATA.csv"),
        (&["sql", "--fit", DATA], "--fit needs --recipe RECIPE.json"),
        (&["sql", "m.json", "--dialect", "postgres"], "unknown dialect 'postgres'; use duckdb or spark"),
        (&["sql", "m.json", "--seed", "3"], "--seed goes with --recipe and --fit"),
    ];
    for (args, message) in cases {
        let out = sift(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

#[test]
fn the_table_name_is_quoted_part_by_part() {
    let out =
        sift(&["sql", "--recipe", "tests/equivalence/recipes/empty.json", "--fit", DATA, "--table", "lake.events"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8(out.stdout).unwrap().contains("FROM \"lake\".\"events\" AS sift_source"));
}
