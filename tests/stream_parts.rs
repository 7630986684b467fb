//! Reading, predicting and cleaning a file a part at a time gives what reading it whole gives,
//! or refuses: on every CSV fixture, on random CSV text, and through `sift predict` and
//! `sift clean --fit` on the sample datasets, with parts as small as a few records.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use sift::engine::artifact::predictions_csv;
use sift::engine::base::table::Table;
use sift::engine::export::{write_csv, CsvOptions};
use sift::engine::ingest::{read_csv, IngestOptions};
use sift::engine::learn::Algorithm;
use sift::engine::recipe::RecipeStep;
use sift::engine::recipe::{FitContext, Recipe};
use sift::engine::stream::{clean_in_parts, predict_in_parts, CsvParts};
use sift::engine::train::{train, TrainOptions};

#[path = "common/every_step.rs"]
mod every_step;

/// Part sizes that cut every fixture many times, in every kind of place.
const PART_SIZES: [usize; 4] = [37, 200, 1_000, 10_000];

/// Column names, and each column's cell texts (how a CSV writes them).
type Cells = (Vec<String>, Vec<Vec<Option<String>>>);

/// Every row of `bytes` read in parts of `part_bytes`, as one table's cell texts by column.
fn read_in_parts(name: &str, bytes: &[u8], part_bytes: usize) -> Result<Cells, String> {
    let mut parts = CsvParts::new(name, Cursor::new(bytes.to_vec()), &IngestOptions::default(), part_bytes);
    let mut names = None;
    let mut columns: Vec<Vec<Option<String>>> = Vec::new();
    while let Some(part) = parts.next_part().map_err(|e| e.to_string())? {
        let (part_names, part_columns) = texts(&part.table);
        if names.is_none() {
            columns = vec![Vec::new(); part_names.len()];
            names = Some(part_names.clone());
        }
        assert_eq!(names.as_ref(), Some(&part_names), "{name}: a part has other columns");
        for (all, part) in columns.iter_mut().zip(part_columns) {
            all.extend(part);
        }
    }
    Ok((names.unwrap_or_default(), columns))
}

/// The cells of `table`.
fn texts(table: &Table) -> Cells {
    let names = table.columns.iter().map(|c| c.name.clone()).collect();
    let columns = table.columns.iter().map(|c| (0..c.data.len()).map(|i| c.data.text_at(i)).collect()).collect();
    (names, columns)
}

/// Whether a refusal is one that only reading in parts makes (the whole file reads).
fn refused_for_parts(message: &str) -> bool {
    message.contains("cannot be read in parts") || message.contains("must be UTF-8 throughout")
}

/// Checks that reading `bytes` in parts of `part_bytes` agrees with reading them whole;
/// `true` when it read them (rather than refusing a file that reads whole).
fn agrees(name: &str, bytes: &[u8], part_bytes: usize) -> bool {
    let whole = read_csv(name, bytes, &IngestOptions::default());
    let parts = read_in_parts(name, bytes, part_bytes);
    match (whole, parts) {
        (Ok(whole), Ok(parts)) => {
            assert_eq!(texts(&whole), parts, "{name} in parts of {part_bytes} bytes reads other cells");
            true
        }
        (Ok(_), Err(e)) => {
            assert!(refused_for_parts(&e), "{name} in parts of {part_bytes} bytes fails although it reads whole: {e}");
            false
        }
        (Err(whole), Ok(_)) => panic!("{name} in parts of {part_bytes} bytes reads although it fails whole: {whole}"),
        (Err(_), Err(_)) => true,
    }
}

fn csv_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            csv_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "csv") {
            found.push(path);
        }
    }
}

#[test]
fn every_fixture_reads_in_parts_as_it_reads_whole_or_is_refused() {
    let mut files = Vec::new();
    csv_files(Path::new("tests/fixtures"), &mut files);
    csv_files(Path::new("public/samples"), &mut files);
    files.sort();
    assert!(files.len() > 40, "the fixtures moved: {}", files.len());
    let mut refused = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        for size in PART_SIZES {
            if !agrees(&name, &bytes, size) {
                refused.push(format!("{} ({size})", path.display()));
            }
        }
    }
    // Refusals are allowed (never a wrong read), but on ordinary files they would make
    // streaming useless: they must stay rare.
    println!("{} of {} reads refused: {refused:?}", refused.len(), files.len() * PART_SIZES.len());
    assert!(refused.len() * 10 <= files.len() * PART_SIZES.len(), "too many refusals: {refused:?}");
}

#[test]
fn a_column_that_changes_type_further_down_is_refused_with_its_lines() {
    let mut text = String::from("id,code\n");
    for i in 0..200 {
        text.push_str(&format!("{i},{}\n", if i < 150 { "12" } else { "0012x" }));
    }
    let error = read_in_parts("codes.csv", text.as_bytes(), 500).unwrap_err();
    assert!(error.contains("column 'code' cannot be read in parts"), "{error}");
    assert!(error.contains("lines "), "{error}");
}

#[test]
fn a_ragged_line_is_named_by_its_line_in_the_file() {
    let mut text = String::from("a,b\n");
    for i in 0..300 {
        text.push_str(if i == 250 { "1,2,3\n" } else { "1,2\n" });
    }
    let whole = read_csv("r.csv", text.as_bytes(), &IngestOptions::default()).unwrap_err().to_string();
    let parts = read_in_parts("r.csv", text.as_bytes(), 100).unwrap_err();
    assert!(whole.contains("line 252"), "{whole}");
    assert_eq!(parts, whole);
}

/// Trains a default model on sample `name` and returns it with the file's bytes.
fn sample_model(name: &str, target: &str) -> (sift::engine::artifact::Artifact, Vec<u8>) {
    let bytes = std::fs::read(format!("public/samples/{name}.csv")).unwrap();
    let table = read_csv(name, &bytes, &IngestOptions::default()).unwrap();
    let options = TrainOptions {
        target: target.into(),
        task: None,
        algorithm: Algorithm::RandomForest,
        params: Default::default(),
        test_share: 0.25,
        seed: 42,
        group: None,
    };
    let trained = train(&table, &Recipe::default(), &options, "2026-01-01T00:00:00Z").unwrap();
    (trained.artifact, bytes)
}

#[test]
fn predicting_in_parts_writes_the_file_predicting_whole_writes() {
    for (name, target) in [("penguins", "species"), ("co2", "co2_ppm"), ("grunfeld", "invest"), ("wine", "cultivar")] {
        let (model, bytes) = sample_model(name, target);
        let whole = predictions_csv(&model, &read_csv(name, &bytes, &IngestOptions::default()).unwrap()).unwrap();
        for size in PART_SIZES {
            let mut parts = CsvParts::new(name, Cursor::new(bytes.clone()), &IngestOptions::default(), size);
            let mut out = Vec::new();
            let rows = predict_in_parts(&model, &mut parts, &mut out, &mut |_| {}).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), whole, "{name} in parts of {size} bytes");
            assert_eq!(rows + 1, whole.lines().count());
        }
    }
}

#[test]
fn cleaning_in_parts_applies_each_step_fitted_elsewhere_as_applying_it_whole() {
    let bytes = std::fs::read("public/samples/penguins.csv").unwrap();
    let table = read_csv("penguins.csv", &bytes, &IngestOptions::default()).unwrap();
    let context = FitContext { target: Some("species".into()), seed: 7 };
    let mut checked = 0;
    for step in every_step::every_step(&table, &context) {
        let kind = step.info().kind;
        if ["drop_duplicates", "sample_rows"].contains(&kind.as_str()) {
            continue; // they need every row at once: refused below
        }
        let recipe = Recipe { steps: vec![RecipeStep::new(step)], ..Recipe::default() };
        // A step whose defaults do not suit these columns (a median of a category) is no test.
        let Ok((fitted, _)) = recipe.fit_transform(table.clone(), &context) else { continue };
        let whole = write_csv(&fitted.apply(&table).unwrap(), CsvOptions::default()).unwrap();
        for size in PART_SIZES {
            let mut parts = CsvParts::new("penguins.csv", Cursor::new(bytes.clone()), &IngestOptions::default(), size);
            let mut out = Vec::new();
            clean_in_parts(&fitted, &mut parts, &mut out, &mut |_| {}).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), whole, "{kind} in parts of {size} bytes");
        }
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} step kinds fitted");
}

#[test]
fn a_step_that_needs_every_row_refuses_a_file_in_parts() {
    let bytes = std::fs::read("public/samples/penguins.csv").unwrap();
    let table = read_csv("penguins.csv", &bytes, &IngestOptions::default()).unwrap();
    let step = sift::engine::recipe::Step::from_value(serde_json::json!({"kind": "drop_duplicates"})).unwrap();
    let recipe = Recipe { steps: vec![RecipeStep::new(step)], ..Recipe::default() };
    let (fitted, _) = recipe.fit_transform(table, &FitContext::default()).unwrap();
    let mut parts = CsvParts::new("penguins.csv", Cursor::new(bytes), &IngestOptions::default(), 1_000);
    let error = clean_in_parts(&fitted, &mut parts, &mut Vec::new(), &mut |_| {}).unwrap_err().to_string();
    assert!(error.contains("needs every row of the file at once"), "{error}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Random CSV-like text: quotes, line breaks of every kind, numbers, dates and words.
    #[test]
    fn random_text_reads_in_parts_as_it_reads_whole_or_is_refused(
        rows in proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof!["[0-9]{1,3}", "-?[0-9]\\.[0-9]{1,2}", "(0?[1-9]|1[0-2])/(0?[1-9]|[12][0-9])/20[0-9]{2}",
                    "[a-c]{1,3}", "\"[a,\n\"]{0,4}\"", "", "NA", "yes|no"],
                3),
            1..40),
        breaks in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        size in 8usize..300,
    ) {
        let mut text = String::from("x,y,z");
        for row in &rows {
            text.push_str(breaks);
            text.push_str(&row.join(","));
        }
        agrees("random.csv", text.as_bytes(), size);
    }
}
