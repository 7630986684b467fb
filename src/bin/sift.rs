//! `sift`: the command-line tool on the same engine as the browser app.
//!
//! ```text
//! sift profile FILE [--json]
//! sift train FILE [--target COL] [--algorithm NAME] [--task classification|regression|clustering]
//!            [--param NAME=VALUE ...] [--cv K] [--test-share F] [--seed N] [-o model.json]
//! sift predict MODEL FILE -o predictions.csv
//! sift clean FILE [--recipe recipe.json] -o cleaned.csv
//! ```
//! Exit 0 on success; on a user error exit 1 with a one-line message on stderr.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use sift::engine::artifact::{predictions_csv, Artifact};
use sift::engine::export::{write_csv, CsvOptions};
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::learn::{Algorithm, Params, Progress, Task};
use sift::engine::profile::profile;
use sift::engine::recipe::{FitContext, Recipe};
use sift::engine::table::Table;
use sift::engine::train::{cross_validate, train, TrainOptions};

const USAGE: &str = "usage: sift profile FILE [--json] | sift train FILE [--target COL] [--algorithm NAME] [--task TASK] [--param NAME=VALUE ...] [--cv K] [--test-share F] [--seed N] [-o MODEL.json] | sift predict MODEL.json FILE -o OUT.csv | sift clean FILE [--recipe RECIPE.json] -o OUT.csv";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            // A closed pipe (`sift profile f.csv | head`) is not an error.
            match std::io::stdout().write_all(output.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("sift: cannot write the output: {e}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(message) => {
            eprintln!("sift: {}", message.replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

/// Runs one command; returns what it prints on stdout.
fn run(args: &[String]) -> Result<String, String> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    let args = Args::parse(rest)?;
    match command.as_str() {
        "profile" => {
            let report = profile(&load(args.positional(0, "FILE")?)?);
            if args.flag("json") {
                serde_json::to_string_pretty(&report).map(|json| json + "\n").map_err(|e| e.to_string())
            } else {
                Ok(report_text(&report))
            }
        }
        "train" => train_command(&args),
        "predict" => {
            let model_text = read_text(args.positional(0, "MODEL")?)?;
            let artifact = Artifact::from_json(&model_text)?;
            let table = load(args.positional(1, "FILE")?)?;
            let csv = predictions_csv(&artifact, &table)?;
            write_file(args.required("o")?, &csv).map(|()| String::new())
        }
        "clean" => {
            let table = load(args.positional(0, "FILE")?)?;
            let recipe = match args.value("recipe") {
                Some(path) => Recipe::from_json(&read_text(path)?)?,
                None => Recipe::default(),
            };
            let (_, cleaned) = recipe.fit_transform(table.clone(), &FitContext::default())?;
            write_file(args.required("o")?, &write_csv(&cleaned, CsvOptions::default())?).map(|()| String::new())
        }
        "help" | "--help" | "-h" => Ok(format!("{USAGE}\n")),
        other => Err(format!("unknown command '{other}'; {USAGE}")),
    }
}

fn train_command(args: &Args) -> Result<String, String> {
    let table = load(args.positional(0, "FILE")?)?;
    let target = args.value("target").unwrap_or_default().to_string();
    let task = match args.value("task") {
        None | Some("auto") => None,
        Some(name) => Some(Task::parse(name).ok_or_else(|| {
            format!("unknown task '{name}'; use classification, regression or clustering")
        })?),
    };
    let algorithm = match args.value("algorithm") {
        Some(name) => Algorithm::parse(name).ok_or_else(|| {
            format!(
                "unknown algorithm '{name}'; use one of: {}",
                Algorithm::ALL.iter().map(|a| a.name()).collect::<Vec<_>>().join(", ")
            )
        })?,
        None if task == Some(Task::Clustering) => Algorithm::default_for(Task::Clustering),
        None => Algorithm::default_for(sift::engine::train::infer_task(&table, args.required("target")?)?),
    };
    // A clustering algorithm means clustering; anything else needs a target.
    let task = task.or_else(|| algorithm.supports(Task::Clustering).then_some(Task::Clustering));
    if task != Some(Task::Clustering) && target.is_empty() {
        args.required("target")?;
    }
    let mut params = Params::new();
    for assignment in args.values("param") {
        params.set_assignment(assignment).map_err(String::from)?;
    }
    let options = TrainOptions {
        target,
        task,
        algorithm,
        params,
        test_share: args.number("test-share", 0.25)?,
        seed: args.number("seed", 42.0)? as u64,
    };
    let recipe = Recipe::default();
    let (task, metrics) = match args.value("cv") {
        Some(k) => {
            let k: usize = k.parse().map_err(|_| format!("--cv must be a whole number of folds, not '{k}'"))?;
            let cv = cross_validate(&table, &recipe, &options, k, &mut Progress::none())?;
            if let Some(output) = args.value("o") {
                write_file(output, &train(&table, &recipe, &options, &now_iso8601())?.artifact.to_json()?)?;
            }
            (cv.task, serde_json::to_value(&cv.metrics).map_err(|e| e.to_string())?)
        }
        None => {
            let trained = train(&table, &recipe, &options, &now_iso8601())?;
            if let Some(output) = args.value("o") {
                write_file(output, &trained.artifact.to_json()?)?;
            }
            (trained.summary.task, serde_json::to_value(trained.summary.evaluation.headline()).map_err(|e| e.to_string())?)
        }
    };
    let out = serde_json::json!({ "task": task, "algorithm": algorithm, "metrics": metrics });
    Ok(format!("{out}\n"))
}

/// A short text report, for people.
fn report_text(report: &sift::engine::profile::Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} rows × {} columns, {} missing cells, {} duplicate rows",
        report.rows, report.column_count, report.missing_cells, report.duplicate_rows
    );
    for c in &report.columns {
        let stats = match (c.mean, c.std, c.min, c.max) {
            (Some(mean), std, Some(min), Some(max)) => {
                format!("  mean {mean:.4} std {:.4} min {min} max {max}", std.unwrap_or(f64::NAN))
            }
            _ => String::new(),
        };
        let _ = writeln!(out, "{:<24} {:<9} missing {:<6} distinct {:<6}{stats}", c.name, c.column_type.name(), c.missing, c.distinct);
    }
    for alert in &report.alerts {
        let _ = writeln!(out, "! {}", alert.message);
    }
    out
}

/// Parsed command-line arguments: positionals and `--name value` / `-o value` options.
struct Args {
    positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

impl Args {
    fn parse(args: &[String]) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut iter = args.iter().peekable();
        while let Some(arg) = iter.next() {
            if let Some(name) = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-').filter(|n| n.len() == 1)) {
                if let Some((n, v)) = name.split_once('=') {
                    options.push((n.to_string(), Some(v.to_string())));
                } else if name == "json" {
                    options.push((name.to_string(), None));
                } else {
                    let value = iter.next().ok_or_else(|| format!("option --{name} needs a value"))?;
                    options.push((name.to_string(), Some(value.clone())));
                }
            } else {
                positional.push(arg.clone());
            }
        }
        Ok(Args { positional, options })
    }

    fn positional(&self, i: usize, what: &str) -> Result<&str, String> {
        self.positional.get(i).map(String::as_str).ok_or_else(|| format!("missing {what}; {USAGE}"))
    }

    fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.options.iter().rev().find(|(n, _)| n == name).and_then(|(_, v)| v.as_deref())
    }

    /// Every value given for a repeatable option, in order.
    fn values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.options.iter().filter(move |(n, _)| n == name).filter_map(|(_, v)| v.as_deref())
    }

    fn required(&self, name: &str) -> Result<&str, String> {
        let dashes = if name.len() == 1 { "-" } else { "--" };
        self.value(name).ok_or_else(|| format!("missing {dashes}{name}; {USAGE}"))
    }

    fn number(&self, name: &str, default: f64) -> Result<f64, String> {
        match self.value(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| format!("--{name} must be a number, not '{v}'")),
        }
    }
}

fn read_text(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read '{path}': {e}"))
}

fn load(path: &str) -> Result<Table, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read '{path}': {e}"))?;
    let name = std::path::Path::new(path).file_name().map_or(path.into(), |n| n.to_string_lossy().into_owned());
    read_csv(&name, &bytes, &IngestOptions::default())
}

fn write_file(path: &str, content: &str) -> Result<(), String> {
    std::fs::write(path, content).map_err(|e| format!("cannot write '{path}': {e}"))
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
fn now_iso8601() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let days = secs.div_euclid(86_400) as i32;
    let rem = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        sift::engine::dates::format_iso_date(days),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
