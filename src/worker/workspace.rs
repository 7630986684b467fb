//! The worker's state and its answer to each request. Pure Rust: the Web Worker runtime
//! feeds it messages, and native tests call it directly.

use crate::engine::artifact::Artifact;
use crate::engine::export::{write_csv, CsvOptions};
use crate::engine::fixes::fix_for;
use crate::engine::format::count;
use crate::engine::ingest::{read_csv_detailed, IngestOptions, IngestReport};
use crate::engine::profile::{profile_with, ProfileOptions, Report};
use crate::engine::recipe::Recipe;
use crate::engine::table::Table;
use crate::engine::train::train;
use crate::worker::protocol::{Answer, ColumnSummary, DatasetView, FileDownload, Request, PREVIEW_ROWS};

/// The bundled Palmer penguins data (CC0; Horst, Hill & Gorman, palmerpenguins).
const PENGUINS_CSV: &str = include_str!("../../public/samples/penguins.csv");

/// Loaded datasets and the last trained model.
#[derive(Default)]
pub struct Workspace {
    datasets: Vec<Dataset>,
    active: usize,
    model: Option<Artifact>,
    /// How reports are made: the chosen target, Spearman or not.
    profile_options: ProfileOptions,
}

/// One loaded dataset with how it was read.
struct Dataset {
    table: Table,
    /// Why it holds only part of its file, if it does.
    sample_note: Option<String>,
    ingest: IngestReport,
    options: IngestOptions,
    /// The bundled sample it came from, if any (else a user's file).
    bundled: Option<String>,
    /// The last report and the options it was made with: switching back to a dataset, or
    /// asking for the same report again, does not profile it twice.
    report: Option<(ProfileOptions, Report)>,
}

/// A file's bytes as the worker read them: all of it, or its first part when the whole file
/// is larger than [`crate::worker::protocol::MAX_OPEN_BYTES`].
pub struct FileBytes {
    pub name: String,
    pub bytes: Vec<u8>,
    /// The size of the whole file; more than `bytes.len()` when only its start was read.
    pub full_size: u64,
}

impl FileBytes {
    /// A file read whole.
    pub fn whole(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let full_size = bytes.len() as u64;
        FileBytes { name: name.into(), bytes, full_size }
    }

    /// Whether only the start of the file was read.
    pub fn is_partial(&self) -> bool {
        (self.bytes.len() as u64) < self.full_size
    }
}

impl Workspace {
    /// An empty workspace.
    pub fn new() -> Self {
        Self::default()
    }

    /// Answers one request. `files` are the files of a `LoadFiles` request, in order;
    /// `now` is the ISO 8601 time stored in a trained model. On error nothing changes.
    pub fn handle(&mut self, request: Request, files: Vec<FileBytes>, now: &str) -> Result<Answer, String> {
        match request {
            Request::LoadFiles { options, .. } => self.load_files(files, &options),
            Request::LoadSample { name } => self.load_sample(&name),
            Request::Reread { index, options } => self.reread(index, files, options),
            Request::Profile { options } => {
                self.profile_options = options;
                self.view()
            }
            Request::Activate { index } => {
                if index >= self.datasets.len() {
                    return Err(format!("there is no dataset number {}", index + 1));
                }
                self.active = index;
                self.view()
            }
            Request::Train { recipe, options } => {
                let trained = train(self.active_table()?, &recipe, &options, now)?;
                self.model = Some(trained.artifact);
                Ok(Answer::Trained { recipe: trained.recipe, summary: Box::new(trained.summary) })
            }
            Request::ExportCleanedCsv { recipe } => self.cleaned_csv(&recipe),
            Request::ExportModel => {
                let model = self.model.as_ref().ok_or("train a model first; there is no model to download yet")?;
                Ok(download(format!("{}-model.json", self.download_stem()), "application/json", model.to_json()?))
            }
            Request::ExportRecipe { recipe } => {
                Ok(download(format!("{}-recipe.json", self.download_stem()), "application/json", recipe.to_json()))
            }
            Request::Crash => panic!("a deliberate crash, requested to test recovery"),
        }
    }

    fn load_files(&mut self, files: Vec<FileBytes>, options: &IngestOptions) -> Result<Answer, String> {
        if files.is_empty() {
            return Err("no file was chosen".into());
        }
        let loaded = files.iter().map(|file| read_file(file, options)).collect::<Result<Vec<_>, _>>()?;
        self.datasets.extend(loaded);
        self.active = self.datasets.len() - 1;
        self.view()
    }

    fn load_sample(&mut self, name: &str) -> Result<Answer, String> {
        let dataset = read_sample(name, &IngestOptions::default())?;
        self.datasets.push(dataset);
        self.active = self.datasets.len() - 1;
        self.view()
    }

    fn reread(&mut self, index: usize, files: Vec<FileBytes>, options: IngestOptions) -> Result<Answer, String> {
        let current = self.datasets.get(index).ok_or_else(|| format!("there is no dataset number {}", index + 1))?;
        let dataset = match (&current.bundled, files.first()) {
            (Some(sample), _) => read_sample(sample, &options)?,
            (None, Some(file)) => read_file(file, &options)?,
            (None, None) => return Err("open the file again to read it with other options".into()),
        };
        self.datasets[index] = dataset;
        self.active = index;
        self.view()
    }

    fn active_table(&self) -> Result<&Table, String> {
        self.datasets
            .get(self.active)
            .map(|d| &d.table)
            .ok_or_else(|| "open a CSV file or load the sample data first".to_string())
    }

    /// The active dataset's file name without extension, to name downloads.
    fn download_stem(&self) -> String {
        self.datasets.get(self.active).map_or("sift".to_string(), |d| stem(&d.table.name))
    }

    fn cleaned_csv(&self, recipe: &Recipe) -> Result<Answer, String> {
        let table = self.active_table()?;
        let cleaned = recipe.fit(table)?.apply(table)?;
        let csv = write_csv(&cleaned, CsvOptions::default())?;
        Ok(download(format!("{}-cleaned.csv", self.download_stem()), "text/csv", csv))
    }

    fn view(&mut self) -> Result<Answer, String> {
        let options = &self.profile_options;
        let dataset = self.datasets.get_mut(self.active).ok_or("open a CSV file or load the sample data first")?;
        let report = match &dataset.report {
            Some((made_with, report)) if made_with == options => report.clone(),
            _ => {
                let report = profile_with(&dataset.table, options);
                dataset.report = Some((options.clone(), report.clone()));
                report
            }
        };
        let dataset = &self.datasets[self.active];
        let table = &dataset.table;
        let preview_rows = table.row_count().min(PREVIEW_ROWS);
        Ok(Answer::Dataset(Box::new(DatasetView {
            datasets: self.datasets.iter().map(|d| d.table.name.clone()).collect(),
            active: self.active,
            name: table.name.clone(),
            rows: table.row_count(),
            columns: table
                .columns
                .iter()
                .map(|c| ColumnSummary { name: c.name.clone(), column_type: c.column_type() })
                .collect(),
            sample_note: dataset.sample_note.clone(),
            ingest: dataset.ingest.clone(),
            options: dataset.options.clone(),
            preview: (0..preview_rows).map(|r| table.columns.iter().map(|c| c.data.text_at(r)).collect()).collect(),
            alert_fixes: report.alerts.iter().map(|a| fix_for(a, &report)).collect(),
            report,
        })))
    }
}

/// Reads a user's file (only its whole lines when it was read in part).
fn read_file(file: &FileBytes, options: &IngestOptions) -> Result<Dataset, String> {
    let bytes = if file.is_partial() { up_to_last_line_break(&file.bytes) } else { &file.bytes[..] };
    let ingested = read_csv_detailed(&file.name, bytes, options)?;
    let sample_note = file.is_partial().then(|| sample_note(&ingested.table, bytes.len() as u64, file.full_size));
    Ok(Dataset { table: ingested.table, sample_note, ingest: ingested.report, options: options.clone(), bundled: None, report: None })
}

/// Reads a bundled sample dataset.
fn read_sample(name: &str, options: &IngestOptions) -> Result<Dataset, String> {
    let (file_name, text) = match name {
        "penguins" => ("penguins.csv", PENGUINS_CSV),
        other => return Err(format!("there is no sample dataset called '{other}'")),
    };
    let ingested = read_csv_detailed(file_name, text.as_bytes(), options)?;
    Ok(Dataset {
        table: ingested.table,
        sample_note: None,
        ingest: ingested.report,
        options: options.clone(),
        bundled: Some(name.to_string()),
        report: None,
    })
}

/// The bytes up to and including the last line break (a partial read ends mid-line).
fn up_to_last_line_break(bytes: &[u8]) -> &[u8] {
    bytes.iter().rposition(|&b| b == b'\n').map_or(bytes, |end| &bytes[..=end])
}

fn sample_note(table: &Table, read: u64, full_size: u64) -> String {
    format!(
        "Sample: this file is {} — too large to open whole in a browser tab — so Sift opened its first {} rows ({}). The report and models describe this sample, not the whole file.",
        megabytes(full_size),
        count(table.row_count()),
        megabytes(read)
    )
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

fn download(file_name: String, mime: &str, content: String) -> Answer {
    Answer::Download(FileDownload { file_name, mime: mime.to_string(), content })
}

/// A file name without its extension, for naming downloads.
fn stem(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if stem.is_empty() { "sift".to_string() } else { stem.to_string() }
}
