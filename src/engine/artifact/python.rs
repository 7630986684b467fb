//! The model as a scikit-learn script (`sift python`, docs/python.md): the recipe as a
//! `Pipeline` of one `ColumnTransformer` per step, the algorithm as its scikit-learn twin with
//! the same hyperparameters and seed, the same kind of split or cross-validation, and the
//! metrics Sift shows, ending with a JSON line like `sift train`'s.
//!
//! The script fits everything again, so each step and the algorithm are translated from
//! their unfitted form ([`crate::engine::recipe::Step::python`], [`Algorithm::python`]); a
//! step or an algorithm without a scikit-learn translation makes the export refuse, naming
//! it. The text is built here and returned; writing it is the caller's.

use crate::engine::base::error::{Error, Result};
use crate::engine::learn::Task;
use crate::engine::recipe::python::{list, number, string, PythonStep};

use super::Artifact;

/// The script's text, with its places to fill marked `@@NAME@@`.
const TEMPLATE: &str = include_str!("python/template.py");

/// How wide a comment or import line of the script may grow.
const COMMENT_WIDTH: usize = 100;

/// The runnable script that rebuilds and re-evaluates `artifact`'s pipeline with scikit-learn.
pub fn pipeline_script(artifact: &Artifact) -> Result<String> {
    let steps = python_steps(artifact)?;
    let model = artifact.algorithm.python(&artifact.hyperparameters, artifact.task, artifact.seed).map_err(|why| {
        Error::other(format!("{} cannot be written as scikit-learn code: {why}", artifact.algorithm.label()))
    })?;
    let mut imports: Vec<String> = steps.iter().flat_map(|(_, s)| s.imports.iter().cloned()).collect();
    imports.push(model.import.clone());
    let mut helpers: Vec<&String> = Vec::new();
    for helper in steps.iter().flat_map(|(_, s)| s.helpers.iter()) {
        if !helpers.contains(&helper) {
            helpers.push(helper);
        }
    }
    let columns: Vec<String> = artifact
        .schema
        .iter()
        .map(|c| format!("    {}: {},", string(&c.name), string(&type_name(c.column_type))))
        .collect();
    let note = match model.note.as_str() {
        "" => String::new(),
        note => format!("{}\n", wrapped(&format!("Not Sift's own fit: {note}."), "    # ")),
    };
    let clustering = artifact.task == Task::Clustering;
    let fills = [
        ("TITLE", title(artifact)),
        ("SIFT_VERSION", artifact.sift_version.clone()),
        ("IMPORTS", merged_imports(&imports).join("\n")),
        ("TASK", string(artifact.task.name())),
        ("ALGORITHM", string(artifact.algorithm.name())),
        ("TARGET", if clustering { "None".into() } else { string(&artifact.target) }),
        ("CLASSES", list(&artifact.classes)),
        ("SEED", (artifact.seed % (1 << 32)).to_string()),
        ("TEST_SHARE", number(artifact.split.test_share)),
        ("GROUP", artifact.split.group.as_deref().map_or("None".into(), string)),
        ("COLUMNS", columns.join("\n")),
        ("HELPERS", helpers.iter().map(|h| format!("\n\n{h}\n")).collect()),
        ("STEPS", recipe_lines(&steps)),
        ("MODEL_NOTE", note),
        ("MODEL", model.constructor),
    ];
    let mut script = TEMPLATE.to_string();
    for (name, value) in fills {
        script = script.replace(&format!("@@{name}@@"), &value);
    }
    Ok(script)
}

/// The script's first line: what the model predicts, with what.
fn title(artifact: &Artifact) -> String {
    let algorithm = artifact.algorithm.label();
    match artifact.task {
        Task::Clustering => format!("{algorithm} finding clusters, rebuilt with scikit-learn."),
        task => format!("{algorithm} predicting '{}' ({}), rebuilt with scikit-learn.", artifact.target, task.name()),
    }
}

/// The items of `make_recipe`'s `Pipeline`: each step under its numbered comment.
fn recipe_lines(steps: &[(String, PythonStep)]) -> String {
    if steps.is_empty() {
        return "            # The recipe has no steps: the columns go to the model as read.\n            (\"no_steps\", \"passthrough\"),".into();
    }
    let lines: Vec<String> = steps
        .iter()
        .enumerate()
        .map(|(i, (comment, step))| {
            let comment = wrapped(&format!("{}. {comment}", i + 1), "            # ");
            format!("{comment}\n            ({}, {}),", string(&format!("step_{}", i + 1)), step.transformer)
        })
        .collect();
    lines.join("\n")
}

/// Each enabled step's comment ("Impute missing (median): age — Fills …") and translation,
/// or an error naming the first step that has none.
fn python_steps(artifact: &Artifact) -> Result<Vec<(String, PythonStep)>> {
    let enabled = artifact.recipe.steps.iter().filter(|s| s.enabled);
    enabled
        .enumerate()
        .map(|(i, entry)| {
            let title = entry.step.describe();
            let step = entry.step.python().map_err(|why| {
                Error::other(format!("step {} \"{title}\" cannot be written as scikit-learn code: it {why}", i + 1))
            })?;
            Ok((format!("{title} — {}", entry.step.explain()).replace('\n', " "), step))
        })
        .collect()
}

/// `from m import a` lines, one per module with its names sorted, modules sorted.
fn merged_imports(lines: &[String]) -> Vec<String> {
    let mut by_module: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> = Default::default();
    for line in lines {
        if let Some((module, names)) = line.strip_prefix("from ").and_then(|l| l.split_once(" import ")) {
            by_module.entry(module).or_default().extend(names.split(", "));
        }
    }
    by_module
        .into_iter()
        .map(|(module, names)| {
            let names: Vec<&str> = names.into_iter().collect();
            let line = format!("from {module} import {}", names.join(", "));
            if line.len() <= COMMENT_WIDTH {
                return line;
            }
            let listed: String = names.iter().map(|n| format!("    {n},\n")).collect();
            format!("from {module} import (\n{listed})")
        })
        .collect()
}

/// `text` as comment lines of at most about 100 characters, each starting with `prefix`.
fn wrapped(text: &str, prefix: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && prefix.len() + line.len() + word.len() >= COMMENT_WIDTH {
            lines.push(format!("{prefix}{line}"));
            line = String::from("   ");
        }
        line.push(' ');
        line.push_str(word);
    }
    lines.push(format!("{prefix}{line}"));
    lines.iter().map(|l| l.replacen(&format!("{prefix} "), prefix, 1)).collect::<Vec<_>>().join("\n")
}

/// The type's name as the model file writes it (`"number"`, `"date_time"`).
fn type_name(column_type: crate::engine::base::table::ColumnType) -> String {
    serde_json::to_value(column_type).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}
