//! How long training takes on rows × 20 features (two classes): logistic regression on
//! 100 000 rows, a random forest of 100 trees on 10 000, 20 000 and 100 000 rows. A
//! measurement, not a timed test:
//!
//!     cargo test --release --test learn_speed -- --ignored --nocapture
//!
//! It also writes the data to `$TMPDIR/sift_learn_speed.csv` (a header `x1,…,x20,target`),
//! so that `python3 tests/fixtures/learn/speed_sklearn.py` times scikit-learn (one thread) on
//! the same rows; `bench/learn_data.mjs` makes the same rows for the browser benchmark.
//! `LEARN_SPEED=logistic` (or `forest`) times only that model. Numbers on the project
//! machine: docs/models.md.

use std::fmt::Write as _;
use std::time::Instant;

use sift::engine::learn::{Algorithm, Features, Model, Params, Progress, SplitMix64, Target, Task};

const ROWS: usize = 100_000;
const COLS: usize = 20;

fn data() -> (Features, Vec<u32>) {
    let mut rng = SplitMix64::new(42);
    let mut uniform = move || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
    let values: Vec<f64> = (0..ROWS * COLS).map(|_| uniform()).collect();
    let labels = (0..ROWS)
        .map(|i| {
            let r = &values[i * COLS..(i + 1) * COLS];
            u32::from(r[0] + 0.5 * r[1] - 0.3 * r[2] + 0.2 * r[3] * r[4] + 0.3 * uniform() > 0.0)
        })
        .collect();
    (Features::new(ROWS, COLS, values).unwrap(), labels)
}

#[test]
#[ignore = "a measurement: run with --release --ignored --nocapture"]
fn training_speed_on_100k_rows() {
    let (x, labels) = data();
    let mut csv = String::with_capacity(ROWS * COLS * 22);
    let names: Vec<String> = (1..=COLS).map(|j| format!("x{j}")).collect();
    let _ = writeln!(csv, "{},target", names.join(","));
    for (i, label) in labels.iter().enumerate() {
        for v in x.row(i) {
            let _ = write!(csv, "{v},");
        }
        let _ = writeln!(csv, "{label}");
    }
    let path = std::env::temp_dir().join("sift_learn_speed.csv");
    std::fs::write(&path, csv).unwrap();
    println!("data written to {}", path.display());
    let only = std::env::var("LEARN_SPEED").unwrap_or_default();
    for (algorithm, rows) in [
        (Algorithm::LogisticRegression, ROWS),
        (Algorithm::RandomForest, 10_000),
        (Algorithm::RandomForest, 20_000),
        (Algorithm::RandomForest, ROWS),
    ] {
        let name = if algorithm == Algorithm::LogisticRegression { "logistic" } else { "forest" };
        if !only.is_empty() && only != name {
            continue;
        }
        let picked: Vec<usize> = (0..rows).collect();
        let (x, y) = (x.take(&picked), Target::Classes { labels: labels[..rows].to_vec(), n_classes: 2 });
        let params = Params::new();
        let start = Instant::now();
        let model = Model::fit(Task::Classification, algorithm, &params, 42, &x, &y, &mut Progress::none()).unwrap();
        let fit = start.elapsed().as_secs_f64();
        let start = Instant::now();
        model.predict_with_scores(&x).unwrap();
        println!(
            "{}: fit {fit:.2} s, predict {:.2} s ({rows} × {COLS})",
            algorithm.label(),
            start.elapsed().as_secs_f64()
        );
    }
}
