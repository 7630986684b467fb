//! Each algorithm's SQL (`Model::sql`) run by real DuckDB and real Spark: for every algorithm
//! that translates, on a classification and a regression sample (k-means and agglomerative
//! clustering on one), the model is trained through the engine as `sift train` trains it,
//! the prepared feature matrix it sees is written as CSV (`f0`…`fn`, exact digits), the
//! engine runs the model's SQL over it, and the answers must be Sift's: the same class,
//! cluster or refusal on every row, numbers within 1e-9 relative. The algorithms that cannot
//! be written as SQL must refuse with a reason.
//!
//! The engines come from the project's Python environment `.venv` (`make setup`, from
//! `tests/equivalence/requirements.txt`); without it these tests fail and say so.
//! `cargo test --test model_sql -- --nocapture` prints each case's agreement and SQL size;
//! `SIFT_MODEL_SQL_ONLY=forest` runs only the cases whose name contains `forest`.

use std::path::{Path, PathBuf};
use std::process::Command;

use sift::engine::base::sql::{Dialect, ModelSql};
use sift::engine::base::table::Table;
use sift::engine::features::feature_matrix;
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::learn::{Algorithm, ParamValue, Params, Prediction, Task};
use sift::engine::recipe::Recipe;
use sift::engine::train::{train, TrainOptions};

/// The largest relative difference allowed between a number of Sift's and the engine's.
const TOLERANCE: f64 = 1e-9;

/// One model to train: on which file, for which target (none: clustering), with what.
struct Case {
    name: &'static str,
    data: &'static str,
    target: Option<&'static str>,
    algorithm: Algorithm,
    params: &'static [(&'static str, &'static str)],
}

const fn case(
    name: &'static str,
    data: &'static str,
    target: Option<&'static str>,
    algorithm: Algorithm,
    params: &'static [(&'static str, &'static str)],
) -> Case {
    Case { name, data, target, algorithm, params }
}

const PENGUINS: &str = "public/samples/penguins.csv";
const CANCER: &str = "public/samples/breast_cancer.csv";
const DIABETES: &str = "public/samples/diabetes.csv";
const IRIS: &str = "public/samples/iris.csv";
/// Whole numbers from 0, for naive Bayes' multinomial and categorical distributions.
const COUNTS: &str = "tests/fixtures/learn/fruit_counts.csv";

/// Every algorithm that translates, on a classification and a regression sample.
const TRANSLATED: &[Case] = &[
    case("linear_regression", DIABETES, Some("progression"), Algorithm::LinearRegression, &[]),
    case("ridge", DIABETES, Some("progression"), Algorithm::Ridge, &[("alpha", "0.5")]),
    case("lasso", DIABETES, Some("progression"), Algorithm::Lasso, &[("alpha", "0.1")]),
    case("elastic_net", DIABETES, Some("progression"), Algorithm::ElasticNet, &[("alpha", "0.1")]),
    case("logistic_softmax", PENGUINS, Some("species"), Algorithm::LogisticRegression, &[]),
    case("logistic_binary", CANCER, Some("diagnosis"), Algorithm::LogisticRegression, &[]),
    case("decision_tree_classes", PENGUINS, Some("species"), Algorithm::DecisionTree, &[]),
    case("decision_tree_values", DIABETES, Some("progression"), Algorithm::DecisionTree, &[]),
    case("random_forest_classes", PENGUINS, Some("species"), Algorithm::RandomForest, &[]),
    case("random_forest_values", DIABETES, Some("progression"), Algorithm::RandomForest, &[("n_estimators", "20")]),
    case("extra_trees", DIABETES, Some("progression"), Algorithm::ExtraTrees, &[("n_estimators", "20")]),
    case("gradient_boosting", DIABETES, Some("progression"), Algorithm::GradientBoosting, &[("n_estimators", "20")]),
    case("naive_bayes_gaussian", PENGUINS, Some("species"), Algorithm::NaiveBayes, &[]),
    case("naive_bayes_gaussian_binary", CANCER, Some("diagnosis"), Algorithm::NaiveBayes, &[]),
    case("naive_bayes_multinomial", COUNTS, Some("basket"), Algorithm::NaiveBayes, &[("distribution", "multinomial")]),
    case("naive_bayes_categorical", COUNTS, Some("basket"), Algorithm::NaiveBayes, &[("distribution", "categorical")]),
    case(
        "naive_bayes_bernoulli",
        PENGUINS,
        Some("species"),
        Algorithm::NaiveBayes,
        &[("distribution", "bernoulli"), ("binarize", "45")],
    ),
    case("svm_rbf_classes", PENGUINS, Some("species"), Algorithm::Svm, &[]),
    case("svm_linear_binary", CANCER, Some("diagnosis"), Algorithm::Svm, &[("kernel", "linear")]),
    case("svr_rbf", DIABETES, Some("progression"), Algorithm::Svm, &[]),
    case("svr_polynomial", DIABETES, Some("progression"), Algorithm::Svm, &[("kernel", "polynomial"), ("degree", "2")]),
    case("kmeans", IRIS, None, Algorithm::Kmeans, &[]),
    case("agglomerative", IRIS, None, Algorithm::Agglomerative, &[]),
    case("dbscan", IRIS, None, Algorithm::Dbscan, &[]),
];

/// The algorithms that refuse, with a part of their reason.
const REFUSED: &[(Case, &str)] = &[
    (case("knn_classes", PENGUINS, Some("species"), Algorithm::Knn, &[]), "carry every training row"),
    (case("knn_values", DIABETES, Some("progression"), Algorithm::Knn, &[]), "carry every training row"),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The project's Python, or a failure saying how to make it.
fn python() -> PathBuf {
    let python = root().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `make setup` to create the project's Python environment with DuckDB and Spark \
         (tests/equivalence/requirements.txt)",
        python.display()
    );
    python
}

fn params(case: &Case) -> Params {
    case.params.iter().fold(Params::new(), |p, (name, value)| p.with(name, ParamValue::parse(value)))
}

/// What Sift predicts for one case, the feature matrix behind it, and the model's SQL.
struct Trained {
    rows: Vec<Vec<f64>>,
    labels: Option<Vec<i64>>,
    values: Vec<Vec<f64>>,
    model: sift::engine::learn::Model,
}

fn trained(case: &Case) -> Trained {
    let bytes = std::fs::read(root().join(case.data)).unwrap();
    let table = read_csv(case.name, &bytes, &IngestOptions::default()).unwrap();
    let options = TrainOptions {
        target: case.target.unwrap_or_default().into(),
        task: if case.target.is_none() { Some(Task::Clustering) } else { None },
        algorithm: case.algorithm,
        params: params(case),
        test_share: 0.25,
        seed: 42,
        group: None,
    };
    let artifact =
        train(&table, &Recipe::default(), &options, "now").unwrap_or_else(|e| panic!("{}: {e}", case.name)).artifact;
    let prepared = artifact.recipe.fitted.apply_for_prediction(&table).unwrap();
    let columns = artifact.features.iter().map(|f| prepared.column(f).unwrap().clone()).collect();
    let x = feature_matrix(&Table::new("x", columns).unwrap()).unwrap();
    let predicted = artifact.model.predict_with_scores(&x).unwrap();
    let rows = (0..x.rows()).map(|i| x.row(i).to_vec()).collect();
    let (labels, values) = match predicted.prediction {
        Prediction::Classes(labels) => {
            let scores = predicted.scores.filter(|s| s.kind == sift::engine::learn::ScoreKind::Probability);
            let values = (0..labels.len()).map(|i| scores.as_ref().map_or(Vec::new(), |s| s.row(i).to_vec())).collect();
            (Some(labels.into_iter().map(i64::from).collect()), values)
        }
        Prediction::Values(v) => (None, v.into_iter().map(|v| vec![v]).collect()),
        Prediction::Clusters(c) => (Some(c.into_iter().map(i64::from).collect()), vec![Vec::new(); x.rows()]),
    };
    Trained { rows, labels, values, model: artifact.model }
}

fn features(n: usize, dialect: Dialect) -> Vec<String> {
    (0..n).map(|j| dialect.ident(&format!("f{j}"))).collect()
}

/// The SELECT list of a model's SQL: `label` (a class or cluster) or `value`, then `p0`….
fn select(sql: &ModelSql) -> String {
    match sql {
        ModelSql::Classes { class_index, probabilities } => {
            let mut list = vec![format!("{class_index} AS label")];
            for (c, p) in probabilities.iter().flatten().enumerate() {
                list.push(format!("{p} AS p{c}"));
            }
            list.join(",\n")
        }
        ModelSql::Value(value) => format!("{value} AS value"),
        ModelSql::Cluster(cluster) => format!("{cluster} AS label"),
    }
}

/// A case ready for the engines: its data file, its SELECT list and what Sift says.
struct Prepared {
    name: &'static str,
    trained: Trained,
    csv: PathBuf,
    select: String,
}

fn prepare(case: &Case, dir: &Path, dialect: Dialect) -> Prepared {
    let trained = trained(case);
    let n = trained.rows.first().map_or(0, Vec::len);
    let sql = trained.model.sql(&features(n, dialect), dialect).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let header: Vec<String> = std::iter::once("r".to_string()).chain((0..n).map(|j| format!("f{j}"))).collect();
    let mut csv = header.join(",") + "\n";
    for (i, row) in trained.rows.iter().enumerate() {
        let cells: Vec<String> = std::iter::once(i.to_string()).chain(row.iter().map(|v| format!("{v:e}"))).collect();
        csv += &(cells.join(",") + "\n");
    }
    let path = dir.join(format!("{}.csv", case.name));
    std::fs::write(&path, csv).unwrap();
    Prepared { name: case.name, trained, csv: path, select: select(&sql) }
}

/// Runs every prepared case in `engine` ("duckdb" or "spark") in one Python process; returns
/// each case's rows as the engine gives them (numbers as exact text).
fn run(engine: &str, dir: &Path, cases: &[Prepared]) -> Vec<Vec<Vec<String>>> {
    let manifest: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| {
            let n = c.trained.rows.first().map_or(0, Vec::len);
            serde_json::json!({"csv": c.csv, "features": n, "select": c.select})
        })
        .collect();
    let manifest_path = dir.join(format!("{engine}-cases.json"));
    std::fs::write(&manifest_path, serde_json::to_string(&manifest).unwrap()).unwrap();
    let out = dir.join(format!("{engine}-answers.json"));
    let status = Command::new(python()).args(["-c", RUNNER, engine]).arg(&manifest_path).arg(&out).status().unwrap();
    assert!(status.success(), "{engine} could not run the model SQL (see its message above)");
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

/// Reads each case's CSV with every feature a DOUBLE, runs `SELECT <select> FROM input`
/// ordered by row, and writes the rows with numbers as `repr` text (exact).
const RUNNER: &str = r#"
import json, sys, time
engine, manifest, out = sys.argv[1], sys.argv[2], sys.argv[3]
cases = json.load(open(manifest))
answers = []
if engine == "duckdb":
    import duckdb
    con = duckdb.connect()
    def query(case):
        columns = {"r": "BIGINT", **{f"f{j}": "DOUBLE" for j in range(case["features"])}}
        con.execute("CREATE OR REPLACE TABLE input AS SELECT * FROM read_csv(?, header = true, columns = ?)", [case["csv"], columns])
        return con.execute("SELECT " + case["select"] + "\nFROM input ORDER BY r").fetchall()
else:
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StructType, StructField, DoubleType, LongType
    # A forest's SQL is one deep expression: Spark's parser and optimizer need more than the
    # default 1 GB of driver memory for hundreds of kilobytes of it.
    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.memory", "4g").getOrCreate())
    spark.sparkContext.setLogLevel("OFF")
    def query(case):
        fields = [StructField("r", LongType())] + [StructField(f"f{j}", DoubleType()) for j in range(case["features"])]
        spark.read.csv(case["csv"], header=True, schema=StructType(fields)).createOrReplaceTempView("input")
        return [tuple(row) for row in spark.sql("SELECT " + case["select"] + "\nFROM input ORDER BY r").collect()]
for case in cases:
    started = time.time()
    try:
        rows = query(case)
    except Exception as e:
        sys.stderr.write(f"{case['csv']}: {e}\n")
        sys.exit(1)
    sys.stderr.write(f"{engine} ran {case['csv']} in {time.time() - started:.1f} s\n")
    answers.append([[repr(v) for v in row] for row in rows])
json.dump(answers, open(out, "w"))
"#;

/// |a − b| relative to the larger magnitude (0 when both are 0).
fn relative(a: f64, b: f64) -> f64 {
    let scale = a.abs().max(b.abs());
    if scale == 0.0 {
        0.0
    } else {
        (a - b).abs() / scale
    }
}

/// Compares an engine's rows with Sift's; returns the largest relative difference.
fn compare(engine: &str, case: &Prepared, rows: &[Vec<String>]) -> f64 {
    let t = &case.trained;
    assert_eq!(rows.len(), t.rows.len(), "{engine} {}: row count", case.name);
    let mut worst = 0.0f64;
    for (i, row) in rows.iter().enumerate() {
        let numbers: Vec<f64> =
            row.iter().map(|v| v.parse().unwrap_or_else(|_| panic!("{engine} {}: {v}", case.name))).collect();
        let values = match &t.labels {
            Some(labels) => {
                assert_eq!(numbers[0], labels[i] as f64, "{engine} {}: the class or cluster of row {i}", case.name);
                &numbers[1..]
            }
            None => &numbers[..],
        };
        assert_eq!(values.len(), t.values[i].len(), "{engine} {}: the number of columns", case.name);
        for (a, b) in values.iter().zip(&t.values[i]) {
            let r = relative(*a, *b);
            assert!(r <= TOLERANCE, "{engine} {}: row {i} gives {a:e}, Sift {b:e}", case.name);
            worst = worst.max(r);
        }
    }
    worst
}

fn check_engine(engine: &str, dialect: Dialect) {
    let dir = std::env::temp_dir().join(format!("sift-model-sql-{engine}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let only = std::env::var("SIFT_MODEL_SQL_ONLY").unwrap_or_default();
    let cases: Vec<Prepared> =
        TRANSLATED.iter().filter(|c| c.name.contains(&only)).map(|c| prepare(c, &dir, dialect)).collect();
    let answers = run(engine, &dir, &cases);
    for (case, rows) in cases.iter().zip(&answers) {
        let worst = compare(engine, case, rows);
        println!(
            "{engine} {:<24} rows equal {:>4}/{:<4} max relative error {worst:.1e}  SQL {} bytes",
            case.name,
            rows.len(),
            case.trained.rows.len(),
            case.select.len()
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn duckdb_predicts_as_sift_for_every_translated_algorithm() {
    check_engine("duckdb", Dialect::DuckDb);
}

/// Spark parses these statements slowly (about 6 minutes for all of them on two busy cores), and
/// `make equivalence` already runs every algorithm's statement on Spark end to end
/// (tests/equivalence/cases/models.json): run this with `--ignored` to look at the model part
/// alone.
#[test]
#[ignore = "slow; make equivalence runs every algorithm on Spark end to end"]
fn spark_predicts_as_sift_for_every_translated_algorithm() {
    check_engine("spark", Dialect::Spark);
}

#[test]
fn algorithms_without_a_translation_refuse_with_a_reason() {
    for (case, reason) in REFUSED {
        let t = trained(case);
        let n = t.rows.first().map_or(0, Vec::len);
        let e = t.model.sql(&features(n, Dialect::DuckDb), Dialect::DuckDb).unwrap_err();
        assert!(e.starts_with(&format!("{} cannot be written as SQL: ", case.algorithm.label())), "{e}");
        assert!(e.contains(reason), "{}: {e}", case.name);
    }
}
