//! `sift`: the command-line tool on the same engine as the browser app.
//!
//! ```text
//! sift profile FILE [--json]                     (every command that reads a CSV also takes
//!                                                  --quotes-as-text: " and ' are plain characters)
//! sift train FILE [--target COL] [--algorithm NAME] [--task classification|regression|clustering]
//!            [--param NAME=VALUE ...] [--group COL] [--cv K] [--test-share F] [--seed N] [-o model.json]
//! sift predict MODEL FILE [--part-size BYTES] -o predictions.csv
//! sift clean FILE [--recipe recipe.json] [--fit DATA.csv] [--target COL] [--seed N] [--part-size BYTES] -o cleaned.csv
//! sift sql MODEL.json [--dialect duckdb|spark] [--table NAME]
//! sift sql --recipe recipe.json --fit FILE [--target COL] [--seed N] [--dialect …] [--table NAME]
//! sift onnx MODEL.json -o model.onnx
//! sift onnx --recipe recipe.json --fit FILE [--target COL] [--seed N] -o recipe.onnx
//! sift python MODEL.json [-o pipeline.py]
//! ```
//! `predict`, and `clean` with `--fit` (the recipe fitted on DATA.csv), read FILE a part at a
//! time (64 MB by default) and write as they go, so a file larger than memory works.
//! Exit 0 on success, with what ingest decided on its own as `sift: note: …` lines on stderr;
//! on a user error exit 1 with a one-line message on stderr. Options a command does not take
//! are refused, naming the closest one.

mod args;
mod notes;
mod onnx;
mod python;
mod source;
mod sql;

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use sift::engine::artifact::Artifact;
use sift::engine::base::error::{Error, Result};
use sift::engine::base::table::Table;
use sift::engine::export::{write_csv, CsvOptions};
use sift::engine::ingest::{read_csv_detailed, IngestOptions};
use sift::engine::learn::{Algorithm, Params, Progress, Task};
use sift::engine::profile::profile;
use sift::engine::recipe::{FitContext, Recipe};
use sift::engine::stream::{clean_in_parts, predict_in_parts, shift_line_numbers, CsvParts, Part, PART_BYTES};
use sift::engine::train::{cross_validate, train, TrainOptions};

use args::Args;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut notes = Vec::new();
    match run(&args, &mut notes) {
        Ok(output) => {
            for note in notes {
                eprintln!("sift: note: {}", note.replace('\n', " "));
            }
            // A closed pipe (`sift profile f.csv | head`) is not an error.
            match std::io::stdout().write_all(output.as_bytes()) {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("sift: cannot write the output: {e}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
        }
        Err(error) => {
            eprintln!("sift: {}", error.message().replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

/// Runs one command; returns what it prints on stdout, and adds to `notes` what ingest decided.
fn run(args: &[String], notes: &mut Vec<String>) -> Result<String> {
    let Some((command, rest)) = args.split_first() else {
        return Err("no command given; run `sift help` for the usage".into());
    };
    if matches!(command.as_str(), "help" | "--help" | "-h") {
        return Ok(args::usage());
    }
    let args = Args::parse(args::command(command)?, rest)?;
    match command.as_str() {
        "profile" => {
            args.at_most(1)?;
            let report = profile(&load(args.positional(0, "FILE")?, &args, notes)?);
            if args.flag("json") {
                serde_json::to_string_pretty(&report).map(|json| json + "\n").map_err(|e| Error::other(e.to_string()))
            } else {
                Ok(report_text(&report))
            }
        }
        "train" => train_command(&args, notes),
        "predict" => {
            args.at_most(2)?;
            let output = args.required("o")?;
            let model_text = read_text(args.positional(0, "MODEL")?)?;
            let artifact = Artifact::from_json(&model_text)?;
            let mut parts = open_parts(args.positional(1, "FILE")?, &args)?;
            let name = args.positional(1, "FILE")?;
            write_in_parts(output, |out| predict_in_parts(&artifact, &mut parts, out, &mut part_notes(name, notes)))
        }
        "clean" => clean_command(&args, notes),
        "sql" => sql::sql_command(&args, notes),
        "onnx" => onnx::onnx_command(&args, notes),
        "python" => python::python_command(&args),
        other => Err(Error::other(format!("unknown command '{other}'"))),
    }
}

/// `sift clean`: the recipe fitted on FILE and applied to it (out of fold where a step says
/// so), or fitted on `--fit DATA` and applied to FILE a part at a time.
fn clean_command(args: &Args, notes: &mut Vec<String>) -> Result<String> {
    args.at_most(1)?;
    let output = args.required("o")?;
    let file = args.positional(0, "FILE")?;
    let recipe = match args.value("recipe") {
        Some(path) => read_recipe(path)?,
        None => Recipe::default(),
    };
    let context = fit_context(args)?;
    let Some(fit_path) = args.value("fit") else {
        let table = load(file, args, notes)?;
        let (_, cleaned) = recipe.fit_transform(table, &context)?;
        return write_file(output, &write_csv(&cleaned, CsvOptions::default())?).map(|()| String::new());
    };
    let (fitted, _) = recipe.fit_transform(load(fit_path, args, notes)?, &context)?;
    let mut parts = open_parts(file, args)?;
    write_in_parts(output, |out| clean_in_parts(&fitted, &mut parts, out, &mut part_notes(file, notes)))
}

/// FILE, to be read a part at a time (of `--part-size` bytes).
fn open_parts(path: &str, args: &Args) -> Result<CsvParts<std::io::BufReader<std::fs::File>>> {
    let file = std::fs::File::open(path).map_err(|e| Error::other(format!("cannot read '{path}': {e}")))?;
    let part_bytes = match args.value("part-size") {
        None => PART_BYTES,
        Some(text) => text.parse::<usize>().ok().filter(|n| *n > 0).ok_or_else(|| {
            format!("--part-size must be a whole number of bytes above 0, such as 67108864 (it is '{text}')")
        })?,
    };
    Ok(CsvParts::new(&file_name(path), std::io::BufReader::new(file), &ingest_options(args), part_bytes))
}

/// Hears of each part read and adds what its reading decided to `notes`, each note once,
/// with the file's line numbers.
fn part_notes<'a>(path: &'a str, notes: &'a mut Vec<String>) -> impl FnMut(&Part) + 'a {
    move |part: &Part| {
        for note in notes::ingest_notes(&file_name(path), &part.report) {
            let note = shift_line_numbers(&note, part.line_offset);
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
}

/// Writes `output` with `write` through a temporary file beside it, renamed when every row
/// is written: a failure leaves no partial file (and no earlier file is half replaced).
fn write_in_parts(output: &str, write: impl FnOnce(&mut dyn std::io::Write) -> Result<usize>) -> Result<String> {
    let partial = format!("{output}.partial");
    let fail = |e: std::io::Error| Error::other(format!("cannot write '{output}': {e}"));
    let file = std::fs::File::create(&partial).map_err(fail)?;
    let mut out = std::io::BufWriter::new(file);
    let written = write(&mut out).and_then(|_| out.flush().map_err(fail));
    match written.and_then(|()| std::fs::rename(&partial, output).map_err(fail)) {
        Ok(()) => Ok(String::new()),
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

/// What `sift clean` and `sift sql --fit` fit a recipe with: `--target` and `--seed` (0).
fn fit_context(args: &Args) -> Result<FitContext> {
    Ok(FitContext { target: args.value("target").map(str::to_string), seed: args.whole("seed", 0)? })
}

/// A recipe JSON file.
fn read_recipe(path: &str) -> Result<Recipe> {
    Recipe::from_json(&read_text(path)?).map_err(|e| e.context(format_args!("'{path}'")))
}

fn train_command(args: &Args, notes: &mut Vec<String>) -> Result<String> {
    args.at_most(1)?;
    let table = load(args.positional(0, "FILE")?, args, notes)?;
    let target = args.value("target").unwrap_or_default().to_string();
    let task = match args.value("task") {
        None | Some("auto") => None,
        Some(name) => Some(
            Task::parse(name)
                .ok_or_else(|| format!("unknown task '{name}'; use classification, regression or clustering"))?,
        ),
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
        params.set_assignment(assignment)?;
    }
    let options = TrainOptions {
        target,
        task,
        algorithm,
        params,
        test_share: args.number("test-share", 0.25)?,
        seed: args.whole("seed", 42)?,
        group: args.value("group").map(str::to_string),
    };
    let recipe = match args.value("recipe") {
        Some(path) => read_recipe(path)?,
        None => Recipe::default(),
    };
    let (task, metrics) = match args.value("cv") {
        Some(k) => {
            let k: usize = k.trim().parse().map_err(|_| format!("--cv must be a whole number of folds, not '{k}'"))?;
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
            (
                trained.summary.task,
                serde_json::to_value(trained.summary.evaluation.headline()).map_err(|e| e.to_string())?,
            )
        }
    };
    let mut out = serde_json::json!({ "task": task, "algorithm": algorithm, "metrics": metrics });
    if let Some(group) = &options.group {
        out["group"] = serde_json::json!(group);
    }
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
        let _ = writeln!(
            out,
            "{:<24} {:<9} missing {:<6} distinct {:<6}{stats}",
            c.name,
            c.column_type.name(),
            c.missing,
            c.distinct
        );
    }
    for alert in &report.alerts {
        let _ = writeln!(out, "! {}", alert.message);
    }
    out
}

fn read_text(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::other(format!("cannot read '{path}': {e}")))
}

/// The file name of `path`, as messages name the file.
fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or(path.into(), |n| n.to_string_lossy().into_owned())
}

/// How the command's files are read.
fn ingest_options(args: &Args) -> IngestOptions {
    IngestOptions { quotes_as_text: args.flag("quotes-as-text"), ..IngestOptions::default() }
}

/// Reads a CSV file as the page would, adding what ingest decided on its own to `notes`.
fn load(path: &str, args: &Args, notes: &mut Vec<String>) -> Result<Table> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read '{path}': {e}"))?;
    let name = file_name(path);
    let options = ingest_options(args);
    // The reader names the page's reading option; here the same choice is a flag.
    let ingested = read_csv_detailed(&name, &bytes, &options)
        .map_err(|e| e.map_message(|m| m.replace("(Reading options → Quotes)", "(--quotes-as-text)")))?;
    notes.extend(notes::ingest_notes(&name, &ingested.report));
    Ok(ingested.table)
}

fn write_file(path: &str, content: impl AsRef<[u8]>) -> Result<()> {
    std::fs::write(path, content).map_err(|e| Error::other(format!("cannot write '{path}': {e}")))
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
fn now_iso8601() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let days = secs.div_euclid(86_400) as i32;
    let rem = secs.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        sift::engine::base::dates::format_iso_date(days),
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}
