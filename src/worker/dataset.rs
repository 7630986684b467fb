//! One loaded dataset and where it came from: a file, several files appended, the bundled
//! sample, or a join of two datasets.

use crate::engine::base::error::{Error, Result};
use crate::engine::base::format::count;
use crate::engine::base::table::Table;
use crate::engine::combine::{append, same_columns, SOURCE_COLUMN};
use crate::engine::ingest::{
    read_csv_detailed, read_csv_shared, read_csv_with_progress, ByteSource, IngestOptions, IngestReport, Partner,
};
use crate::engine::learn::ProgressFn;
use crate::engine::profile::{ProfileOptions, Report};
use crate::worker::protocol::{Timings, MAX_OPEN_BYTES};
use crate::worker::samples::sample;

/// The text of a bundled dataset's CSV file (see [`crate::worker::samples`]).
fn sample_csv(name: &str) -> Option<&'static str> {
    Some(match name {
        "penguins" => include_str!("../../public/samples/penguins.csv"),
        "iris" => include_str!("../../public/samples/iris.csv"),
        "wine" => include_str!("../../public/samples/wine.csv"),
        "breast_cancer" => include_str!("../../public/samples/breast_cancer.csv"),
        "diabetes" => include_str!("../../public/samples/diabetes.csv"),
        "grunfeld" => include_str!("../../public/samples/grunfeld.csv"),
        "co2" => include_str!("../../public/samples/co2.csv"),
        _ => return None,
    })
}

/// Where a dataset came from, which decides how it can be read again.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// One or more user files (several were appended); re-reading needs them attached.
    Files,
    /// A bundled sample, by name.
    Sample(String),
    /// A join of two datasets; it cannot be read again, only made again.
    Joined,
}

/// One loaded dataset with how it was read.
pub struct Dataset {
    pub table: Table,
    /// Why it holds only part of its file, if it does.
    pub sample_note: Option<String>,
    pub ingest: IngestReport,
    pub options: IngestOptions,
    pub origin: Origin,
    /// How it was put together from several files or datasets, in plain words.
    pub made_from: Option<String>,
    /// The names of the files it was read from (none for the sample or a join).
    pub files: Vec<String>,
    /// The last report and the options it was made with: switching back to a dataset, or
    /// asking for the same report again, does not profile it twice.
    pub report: Option<(ProfileOptions, Report)>,
    /// How long it took to read and to report on.
    pub seconds: Timings,
}

/// A file's bytes as the worker read them: all of it, or its first part when the whole file
/// is larger than [`MAX_OPEN_BYTES`]; or the file itself, to be read slice by slice.
pub struct FileBytes {
    pub name: String,
    /// The bytes read (none when the file is read from `source`).
    pub bytes: Vec<u8>,
    /// The size of the whole file; more than `bytes.len()` when only its start was read.
    pub full_size: u64,
    /// The file, when it is read slice by slice while it is parsed, so that its bytes are
    /// never all in memory (a large file opened in the browser).
    pub source: Option<Box<dyn ByteSource>>,
    /// Who reads half of the columns of a large `source` (the browser's helper worker).
    pub partner: Option<Box<dyn Partner>>,
}

impl FileBytes {
    /// A file read whole.
    pub fn whole(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let full_size = bytes.len() as u64;
        FileBytes { name: name.into(), bytes, full_size, source: None, partner: None }
    }

    /// The first bytes of a file of `full_size` bytes.
    pub fn partial(name: impl Into<String>, bytes: Vec<u8>, full_size: u64) -> Self {
        FileBytes { name: name.into(), bytes, full_size, source: None, partner: None }
    }

    /// A file to read slice by slice from `source` (at most its first [`MAX_OPEN_BYTES`]),
    /// with `partner` reading half of its columns when it is large.
    pub fn streamed(name: impl Into<String>, source: Box<dyn ByteSource>, partner: Option<Box<dyn Partner>>) -> Self {
        FileBytes { name: name.into(), bytes: Vec::new(), full_size: source.size(), source: Some(source), partner }
    }

    /// Whether only the start of the file is read.
    pub fn is_partial(&self) -> bool {
        match self.source {
            Some(_) => self.full_size > MAX_OPEN_BYTES,
            None => (self.bytes.len() as u64) < self.full_size,
        }
    }
}

impl Dataset {
    fn new(table: Table, ingest: IngestReport, options: &IngestOptions, origin: Origin) -> Self {
        let files = if origin == Origin::Files { vec![table.name.clone()] } else { Vec::new() };
        Dataset {
            table,
            sample_note: None,
            ingest,
            options: options.clone(),
            origin,
            made_from: None,
            files,
            report: None,
            seconds: Timings::default(),
        }
    }

    /// A dataset made by joining others; `ingest` describes its left side.
    pub fn joined(table: Table, mut ingest: IngestReport, note: String) -> Self {
        ingest.row_count = table.row_count();
        ingest.column_count = table.column_count();
        ingest.notes.clear();
        ingest.skipped_rows = Default::default();
        let mut dataset = Dataset::new(table, ingest, &IngestOptions::default(), Origin::Joined);
        dataset.made_from = Some(note);
        dataset
    }
}

/// Reads the files of one "open": files with the same columns become one appended dataset,
/// placed where the first of them was; any other file is its own dataset. All or nothing.
pub async fn read_files(
    files: &mut [FileBytes],
    options: &IngestOptions,
    progress: &mut ProgressFn<'_>,
) -> Result<Vec<Dataset>> {
    let mut groups: Vec<Vec<Dataset>> = Vec::new();
    for file in files {
        let dataset = read_file(file, options, progress).await?;
        match groups.iter_mut().find(|g| same_columns(&[&g[0].table, &dataset.table])) {
            Some(group) => group.push(dataset),
            None => groups.push(vec![dataset]),
        }
    }
    groups.into_iter().map(|mut g| if g.len() == 1 { Ok(g.remove(0)) } else { appended(g) }).collect()
}

/// Reads the files of a dataset again: they must still make one dataset.
pub async fn reread_files(
    files: &mut [FileBytes],
    options: &IngestOptions,
    progress: &mut ProgressFn<'_>,
) -> Result<Dataset> {
    let mut datasets = read_files(files, options, progress).await?;
    match datasets.len() {
        0 => Err("open the file again to read it with other options".into()),
        1 => Ok(datasets.remove(0)),
        _ => {
            Err("read with these options, the files no longer have the same columns, so they cannot be appended".into())
        }
    }
}

/// Several datasets with the same columns as one, with a `source_file` column.
fn appended(parts: Vec<Dataset>) -> Result<Dataset> {
    let tables: Vec<&Table> = parts.iter().map(|d| &d.table).collect();
    let name = format!(
        "{} + {}",
        tables[0].name,
        if tables.len() == 2 { tables[1].name.clone() } else { format!("{} more files", tables.len() - 1) }
    );
    let (table, type_notes) = append(name, &tables)?;
    let sizes: Vec<String> = tables.iter().map(|t| format!("{} ({} rows)", t.name, count(t.row_count()))).collect();
    let mut ingest = parts[0].ingest.clone();
    let made_from = format!(
        "Appended {} files with the same columns: {}. The column '{}' says which file each row came from.",
        tables.len(),
        sizes.join(", "),
        table.columns.last().map_or(SOURCE_COLUMN, |c| c.name.as_str())
    );
    ingest.notes.extend(type_notes);
    for part in &parts[1..] {
        ingest.skipped_rows.count += part.ingest.skipped_rows.count;
        ingest.notes.extend(part.ingest.notes.iter().map(|n| format!("{}: {n}", part.table.name)));
    }
    (ingest.row_count, ingest.column_count) = (table.row_count(), table.column_count());
    let notes: Vec<String> = parts.iter().filter_map(|d| d.sample_note.clone()).collect();
    let mut dataset = Dataset::new(table, ingest, &parts[0].options, Origin::Files);
    dataset.files = parts.iter().map(|d| d.table.name.clone()).collect();
    dataset.made_from = Some(made_from);
    dataset.sample_note = (!notes.is_empty()).then(|| notes.join(" "));
    Ok(dataset)
}

/// Reads a user's file (only its whole lines when it was read in part).
async fn read_file(file: &mut FileBytes, options: &IngestOptions, progress: &mut ProgressFn<'_>) -> Result<Dataset> {
    let partial = file.is_partial();
    let (ingested, read) = match &mut file.source {
        Some(source) => {
            let partner = file.partner.as_mut().map(|p| -> &mut dyn Partner { p.as_mut() });
            (
                read_csv_shared(&file.name, source.as_mut(), MAX_OPEN_BYTES, options, partner, progress).await?,
                file.full_size.min(MAX_OPEN_BYTES),
            )
        }
        None => {
            let bytes = if partial { up_to_last_line_break(&file.bytes) } else { &file.bytes[..] };
            (read_csv_with_progress(&file.name, bytes, options, progress)?, bytes.len() as u64)
        }
    };
    let sample_note = partial.then(|| sample_note(&ingested.table, read, file.full_size));
    let mut dataset = Dataset::new(ingested.table, ingested.report, options, Origin::Files);
    dataset.sample_note = sample_note;
    Ok(dataset)
}

/// Reads a bundled sample dataset.
pub fn read_sample(name: &str, options: &IngestOptions) -> Result<Dataset> {
    let (sample, text) = sample(name)
        .zip(sample_csv(name))
        .ok_or_else(|| Error::other(format!("there is no sample dataset called '{name}'")))?;
    let ingested = read_csv_detailed(sample.file, text.as_bytes(), options)?;
    Ok(Dataset::new(ingested.table, ingested.report, options, Origin::Sample(name.to_string())))
}

/// The bytes up to and including the last line break (a partial read ends mid-line).
fn up_to_last_line_break(bytes: &[u8]) -> &[u8] {
    bytes.iter().rposition(|&b| b == b'\n').map_or(bytes, |end| &bytes[..=end])
}

fn sample_note(table: &Table, read: u64, full_size: u64) -> String {
    format!(
        "Sample: {} is {} — too large to open whole in a browser tab — so Sift opened its first {} rows ({}). The report and models describe this sample, not the whole file.",
        table.name,
        megabytes(full_size),
        count(table.row_count()),
        megabytes(read)
    )
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}
