//! The worker's state and its answer to each request. Pure Rust: the Web Worker runtime
//! feeds it messages, and native tests call it directly.

use crate::engine::artifact::Artifact;
use crate::engine::export::{write_csv, CsvOptions};
use crate::engine::fixes::fix_for;
use crate::engine::ingest::{read_csv, IngestOptions};
use crate::engine::profile::profile;
use crate::engine::recipe::Recipe;
use crate::engine::table::Table;
use crate::engine::train::train;
use crate::worker::protocol::{Answer, ColumnSummary, DatasetView, FileDownload, Request, PREVIEW_ROWS};

/// The bundled Palmer penguins data (CC0; Horst, Hill & Gorman, palmerpenguins).
const PENGUINS_CSV: &str = include_str!("../../public/samples/penguins.csv");

/// Loaded datasets and the last trained model.
#[derive(Default)]
pub struct Workspace {
    tables: Vec<Table>,
    /// Per table: why it holds only part of its file, if it does.
    sample_notes: Vec<Option<String>>,
    active: usize,
    model: Option<Artifact>,
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
            Request::LoadFiles { .. } => self.load_files(files),
            Request::LoadSample { name } => self.load_sample(&name),
            Request::Activate { index } => {
                if index >= self.tables.len() {
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

    fn load_files(&mut self, files: Vec<FileBytes>) -> Result<Answer, String> {
        if files.is_empty() {
            return Err("no file was chosen".into());
        }
        let options = IngestOptions::default();
        let mut loaded = Vec::with_capacity(files.len());
        for file in &files {
            let bytes = if file.is_partial() { up_to_last_line_break(&file.bytes) } else { &file.bytes[..] };
            let table = read_csv(&file.name, bytes, &options)?;
            let note = file.is_partial().then(|| sample_note(&table, bytes.len() as u64, file.full_size));
            loaded.push((table, note));
        }
        self.add(loaded)
    }

    fn load_sample(&mut self, name: &str) -> Result<Answer, String> {
        let table = match name {
            "penguins" => read_csv("penguins.csv", PENGUINS_CSV.as_bytes(), &IngestOptions::default())?,
            other => return Err(format!("there is no sample dataset called '{other}'")),
        };
        self.add(vec![(table, None)])
    }

    fn add(&mut self, loaded: Vec<(Table, Option<String>)>) -> Result<Answer, String> {
        for (table, note) in loaded {
            self.tables.push(table);
            self.sample_notes.push(note);
        }
        self.active = self.tables.len() - 1;
        self.view()
    }

    fn active_table(&self) -> Result<&Table, String> {
        self.tables.get(self.active).ok_or_else(|| "open a CSV file or load the sample data first".to_string())
    }

    /// The active dataset's file name without extension, to name downloads.
    fn download_stem(&self) -> String {
        self.tables.get(self.active).map_or("sift".to_string(), |t| stem(&t.name))
    }

    fn cleaned_csv(&self, recipe: &Recipe) -> Result<Answer, String> {
        let table = self.active_table()?;
        let cleaned = recipe.fit(table)?.apply(table)?;
        let csv = write_csv(&cleaned, CsvOptions::default())?;
        Ok(download(format!("{}-cleaned.csv", self.download_stem()), "text/csv", csv))
    }

    fn view(&self) -> Result<Answer, String> {
        let table = self.active_table()?;
        let preview_rows = table.row_count().min(PREVIEW_ROWS);
        let report = profile(table);
        Ok(Answer::Dataset(Box::new(DatasetView {
            datasets: self.tables.iter().map(|t| t.name.clone()).collect(),
            active: self.active,
            name: table.name.clone(),
            rows: table.row_count(),
            columns: table
                .columns
                .iter()
                .map(|c| ColumnSummary { name: c.name.clone(), column_type: c.column_type() })
                .collect(),
            sample_note: self.sample_notes.get(self.active).cloned().flatten(),
            preview: (0..preview_rows).map(|r| table.columns.iter().map(|c| c.data.text_at(r)).collect()).collect(),
            alert_fixes: report.alerts.iter().map(|a| fix_for(a, &report)).collect(),
            report,
        })))
    }
}

/// The bytes up to and including the last line break (a partial read ends mid-line).
fn up_to_last_line_break(bytes: &[u8]) -> &[u8] {
    bytes.iter().rposition(|&b| b == b'\n').map_or(bytes, |end| &bytes[..=end])
}

fn sample_note(table: &Table, read: u64, full_size: u64) -> String {
    format!(
        "Sample: this file is {} — too large to open whole in a browser tab — so Sift opened its first {} rows ({}). The report and models describe this sample, not the whole file.",
        megabytes(full_size),
        thousands(table.row_count()),
        megabytes(read)
    )
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn download(file_name: String, mime: &str, content: String) -> Answer {
    Answer::Download(FileDownload { file_name, mime: mime.to_string(), content })
}

/// A file name without its extension, for naming downloads.
fn stem(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if stem.is_empty() { "sift".to_string() } else { stem.to_string() }
}
