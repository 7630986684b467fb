//! The `sift` command-line tool, run as a process on real files.

use std::path::PathBuf;
use std::process::{Command, Output};

fn sift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift")).args(args).output().expect("sift runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sift-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const PENGUINS: &str = "public/samples/penguins.csv";

#[test]
fn profile_json_has_the_documented_fields() {
    let out = sift(&["profile", PENGUINS, "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["rows"], 344);
    assert_eq!(report["duplicate_rows"], 0);
    assert!(report["alerts"].is_array());
    let columns = report["columns"].as_array().unwrap();
    assert_eq!(columns.len(), 8);
    let flipper = &columns[4];
    assert_eq!(flipper["name"], "flipper_length_mm");
    assert_eq!(flipper["type"], "integer");
    assert_eq!(flipper["count"], 342);
    assert_eq!(flipper["missing"], 2);
    for key in ["distinct", "mean", "std", "min", "max"] {
        assert!(flipper[key].is_number(), "{key}");
    }
    assert!(columns[0]["mean"].is_null());
}

#[test]
fn train_then_predict_on_a_new_file() {
    let dir = temp_dir("train");
    let model = dir.join("model.json");
    let out = sift(&[
        "train",
        PENGUINS,
        "--target",
        "species",
        "--algorithm",
        "random_forest",
        "--seed",
        "7",
        "-o",
        model.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["task"], "classification");
    assert!(printed["metrics"]["accuracy"].as_f64().unwrap() > 0.9);
    assert!(printed["metrics"]["f1_macro"].is_number());

    // A new file without the target and with its columns in another order.
    let new_file = dir.join("new.csv");
    std::fs::write(&new_file, "sex,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,year\nmale,Biscoe,50.0,15.2,218,5700,2008\n,Torgersen,38.9,17.8,181,3625,2007\n").unwrap();
    let predictions = dir.join("predictions.csv");
    let out =
        sift(&["predict", model.to_str().unwrap(), new_file.to_str().unwrap(), "-o", predictions.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&predictions).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "sex,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,year,prediction,probability_Adelie,probability_Chinstrap,probability_Gentoo"
    );
    assert_eq!(lines.len(), 3);
    let prediction = |line: &str| line.split(',').nth(7).unwrap().to_string();
    assert_eq!(prediction(lines[1]), "Gentoo", "{}", lines[1]);
    assert_eq!(prediction(lines[2]), "Adelie", "{}", lines[2]);
}

#[test]
fn regression_prints_r2_mae_rmse() {
    let dir = temp_dir("regress");
    let model = dir.join("m.json");
    let out = sift(&[
        "train",
        PENGUINS,
        "--target",
        "body_mass_g",
        "--algorithm",
        "linear_regression",
        "-o",
        model.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["task"], "regression");
    for key in ["r2", "mae", "rmse"] {
        assert!(printed["metrics"][key].is_number(), "{key}");
    }
}

#[test]
fn user_errors_exit_1_with_one_line() {
    let dir = temp_dir("errors");
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let bad_model = dir.join("bad.json");
    std::fs::write(&bad_model, "{\"version\": 7}").unwrap();
    for args in [
        vec!["profile", empty.to_str().unwrap()],
        vec!["profile", "/no/such/file.csv"],
        vec!["train", PENGUINS, "--target", "nope", "-o", "/tmp/x.json"],
        vec!["train", PENGUINS, "--target", "species", "--algorithm", "magic", "-o", "/tmp/x.json"],
        vec!["train", PENGUINS, "--target", "species", "--algorithm", "linear_regression", "-o", "/tmp/x.json"],
        vec!["predict", bad_model.to_str().unwrap(), PENGUINS, "-o", "/tmp/p.csv"],
        vec!["frobnicate"],
    ] {
        let out = sift(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("sift: "), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn clean_without_a_recipe_normalises_the_file() {
    let dir = temp_dir("clean");
    let input = dir.join("in.csv");
    std::fs::write(&input, "a;b\n1;x\nNA;=cmd\n").unwrap();
    let output = dir.join("out.csv");
    let out = sift(&["clean", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "a,b\r\n1,x\r\n,'=cmd\r\n");
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sift"))
        .args(["profile", PENGUINS, "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once, like `| head -0`
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.success(), "{stderr}");
}

#[test]
fn ingest_decisions_are_noted_on_stderr_with_exit_0() {
    let dir = temp_dir("notes");
    let dates = dir.join("dates.csv");
    std::fs::write(&dates, "d,x\n04/03/2024,1\n05/06/2024,2\n").unwrap();
    // "café" in Windows-1252, in a file without a byte-order mark: the code page is guessed.
    let latin = dir.join("latin.csv");
    std::fs::write(&latin, b"name,x\ncaf\xe9,1\nna\xefve,2\n").unwrap();
    for (file, expected) in [(&dates, "read as day/month"), (&latin, "windows-1252")] {
        let out = sift(&["profile", file.to_str().unwrap()]);
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.lines().any(|l| l.starts_with("sift: note: ") && l.contains(expected)), "{stderr}");
    }
}

#[test]
fn options_are_checked_not_ignored() {
    for (args, expected) in [
        (
            vec!["train", PENGUINS, "--target", "species", "--algoritm", "random_forest"],
            "unknown option --algoritm for sift train; did you mean --algorithm?",
        ),
        (vec!["train", PENGUINS, "--target", "species", "--seed", "-1"], "--seed must be a whole number"),
        (vec!["train", PENGUINS, "--target", "species", "--seed", "nan"], "--seed must be a whole number"),
        (vec!["train", PENGUINS, "--target", "species", "--seed", "1.9"], "--seed must be a whole number"),
        (vec!["train", PENGUINS, "--target", "species", "--test-share", "nan"], "--test-share must be a number"),
        (vec!["predict", "m.json", PENGUINS, "-o"], "option -o needs a value"),
        (vec!["predict", "m.json", PENGUINS], "missing -o; usage: sift predict MODEL.json FILE"),
        (vec!["clean", PENGUINS, PENGUINS, "-o", "x.csv"], "unexpected argument"),
        (vec!["profile", PENGUINS, "--json=yes"], "option --json takes no value"),
    ] {
        let out = sift(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.len() < 200, "a short message, not the whole usage: {stderr}");
    }
}

#[test]
fn a_quote_never_closed_is_refused_and_can_be_read_as_text() {
    let dir = temp_dir("stray");
    let input = dir.join("stray.csv");
    std::fs::write(&input, "a,b\n1,x\n2,\"oops\n3,y\n4,z\n5,w\n").unwrap();
    let output = dir.join("out.csv");
    let refused = sift(&["clean", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("line 3") && stderr.contains("--quotes-as-text"), "{stderr}");
    assert!(!output.exists(), "nothing is written for a refused file");
    let read = sift(&["clean", input.to_str().unwrap(), "--quotes-as-text", "-o", output.to_str().unwrap()]);
    assert!(read.status.success(), "{}", String::from_utf8_lossy(&read.stderr));
    assert_eq!(std::fs::read_to_string(&output).unwrap().lines().count(), 6, "the header and all 5 rows");
}

#[test]
fn predict_in_small_parts_writes_the_same_file_and_a_failure_leaves_none() {
    let dir = temp_dir("parts");
    let model = dir.join("model.json");
    let model = model.to_str().unwrap();
    let out = sift(&["train", PENGUINS, "--target", "species", "--algorithm", "logistic_regression", "-o", model]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let whole = dir.join("whole.csv");
    let parts = dir.join("parts.csv");
    assert!(sift(&["predict", model, PENGUINS, "-o", whole.to_str().unwrap()]).status.success());
    let out = sift(&["predict", model, PENGUINS, "--part-size", "700", "-o", parts.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&whole).unwrap(), std::fs::read(&parts).unwrap());

    // Line 300 has a field too many: the parts before it were written, but nothing is left.
    let mut text = std::fs::read_to_string(PENGUINS).unwrap();
    let at = text.match_indices('\n').nth(298).unwrap().0;
    text.insert_str(at, ",extra");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, text).unwrap();
    let failed = dir.join("failed.csv");
    let out = sift(&["predict", model, bad.to_str().unwrap(), "--part-size", "700", "-o", failed.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 299"), "the file's line, not the part's: {stderr}");
    assert!(!failed.exists() && !dir.join("failed.csv.partial").exists());
}
