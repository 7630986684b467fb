//! `sift onnx` as a process: it writes an ONNX model file (the protobuf `onnx.ModelProto`
//! Sift builds, read back here), refuses by step or algorithm name with exit 1 and no file,
//! and checks its options as `sift sql` does. Whether the graphs predict what Sift predicts is
//! `make equivalence` (tests/equivalence/onnx_check.py and onnx_recipe_check.py, onnxruntime).

use std::path::Path;
use std::process::{Command, Output};

use prost::Message;
use sift::engine::base::onnx::proto::ModelProto;

fn sift(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sift")).args(args).output().expect("sift runs")
}

fn temp(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("sift-onnx-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name).to_string_lossy().into_owned()
}

const PENGUINS: &str = "public/samples/penguins.csv";

#[test]
fn a_trained_model_becomes_one_graph_with_its_inputs_and_outputs() {
    let model = temp("forest.json");
    let out = sift(&["train", PENGUINS, "--target", "species", "--algorithm", "random_forest", "-o", &model]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let onnx = temp("forest.onnx");
    let out = sift(&["onnx", &model, "-o", &onnx]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let parsed = ModelProto::decode(std::fs::read(&onnx).unwrap().as_slice()).unwrap();
    let graph = parsed.graph.unwrap();
    let inputs: Vec<&str> = graph.input.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        inputs,
        ["island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"]
    );
    let outputs: Vec<&str> = graph.output.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(outputs, ["label", "probabilities"]);
    assert!(graph.node.iter().any(|n| n.op_type == "TreeEnsemble"), "the trees are TreeEnsemble nodes");
}

#[test]
fn a_model_without_an_exact_graph_is_refused_and_no_file_is_written() {
    let model = temp("dbscan.json");
    let out =
        sift(&["train", "public/samples/iris.csv", "--algorithm", "dbscan", "--task", "clustering", "-o", &model]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let onnx = temp("dbscan.onnx");
    let out = sift(&["onnx", &model, "-o", &onnx]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("sift: DBSCAN cannot be written as ONNX: "), "{err}");
    assert!(!Path::new(&onnx).exists(), "no file is left");
}

#[test]
fn a_recipe_step_without_an_exact_graph_is_refused_by_name() {
    let out = sift(&[
        "onnx",
        "--recipe",
        "tests/equivalence/recipes/regex.json",
        "--fit",
        "tests/equivalence/data/mixed.csv",
        "-o",
        &temp("regex.onnx"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot be written as ONNX"), "{err}");
    assert!(err.starts_with("sift: step 1 ("), "{err}");
}

#[test]
fn options_are_checked_as_sift_sql_checks_them() {
    let out = sift(&["onnx", "--recipe", "r.json", "-o", &temp("x.onnx")]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--recipe needs --fit"));
    let out = sift(&["onnx", "m.json", "--target", "species", "-o", &temp("y.onnx")]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--target goes with --recipe and --fit"));
    let out = sift(&["onnx", "m.json"]);
    assert_eq!(out.status.code(), Some(1), "-o is required");
}
