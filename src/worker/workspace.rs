//! The worker's state and its answer to each request. Pure Rust: the Web Worker runtime
//! feeds it messages, and native tests call it directly.

use crate::engine::artifact::sql::{fitted_recipe_statement, model_statement};
use crate::engine::artifact::Artifact;
use crate::engine::base::error::{Error, Result};
use crate::engine::base::format::count;
use crate::engine::base::sql::Dialect;
use crate::engine::base::table::Table;
use crate::engine::combine::join;
use crate::engine::export::{write_csv, CsvOptions};
use crate::engine::fixes::fix_with_data;
use crate::engine::ingest::{complete, IngestOptions};
use crate::engine::learn::{Progress, ProgressFn};
use crate::engine::profile::{profile_shared, profile_with, Analyst, ProfileOptions};
use crate::engine::recipe::{FitContext, Recipe};
use crate::engine::train::train_timed;
use crate::worker::dataset::{read_files, read_sample, reread_files, Dataset, Origin};
use crate::worker::protocol::{
    Answer, ColumnSummary, DatasetSummary, DatasetView, FileDownload, JoinRequest, ModelSource, Request, PREVIEW_ROWS,
};
use crate::worker::{learn_jobs, predict_jobs, recipe_jobs};

pub use crate::worker::dataset::FileBytes;

/// The table the page's SQL downloads read (as `sift sql` names it by default).
const SQL_TABLE: &str = "input";

/// Asked for someone to analyse some of a report's columns; `None` when nobody can now.
pub type Analysts = fn() -> Option<Box<dyn Analyst>>;

/// Loaded datasets and the last trained model.
#[derive(Default)]
pub struct Workspace {
    datasets: Vec<Dataset>,
    active: usize,
    model: Option<Artifact>,
    /// The predictions CSV of the last Predict, for download.
    predicted: Option<FileDownload>,
    /// How reports are made: the chosen target, Spearman or not.
    profile_options: ProfileOptions,
    /// The recipe prefix fitted on the active data's first rows, for previews.
    recipe_jobs: recipe_jobs::RecipeJobs,
    /// Seconds from any origin, to time model fits (the browser's worker sets it).
    clock: Option<fn() -> f64>,
    /// Who analyses some of a new dataset's columns for its report, when anyone can.
    analysts: Option<Analysts>,
}

impl Workspace {
    /// An empty workspace.
    pub fn new() -> Self {
        Self::default()
    }

    /// Times each model fit with `clock` (seconds) into the training summary's `fit_seconds`.
    pub fn set_clock(&mut self, clock: fn() -> f64) {
        self.clock = Some(clock);
    }

    /// Asks `analysts` for someone to analyse some columns of each newly read dataset's
    /// report (the browser's helper worker), while this thread analyses the others.
    pub fn set_analysts(&mut self, analysts: Analysts) {
        self.analysts = Some(analysts);
    }

    /// Answers one request. `files` are the files of a `LoadFiles` request, in order;
    /// `now` is the ISO 8601 time stored in a trained model. On error nothing changes.
    pub fn handle(&mut self, request: Request, files: Vec<FileBytes>, now: &str) -> Result<Answer> {
        self.handle_with_progress(request, files, now, &mut |_, _| true)
    }

    /// [`Workspace::handle_with_progress`], awaiting the files of a `LoadFiles` or `Reread`
    /// as they are read: how the browser's worker answers, since a browser hands a file over
    /// asynchronously.
    pub async fn answer(
        &mut self,
        request: Request,
        files: Vec<FileBytes>,
        now: &str,
        progress: &mut ProgressFn<'_>,
    ) -> Result<Answer> {
        match request {
            request @ (Request::LoadFiles { .. } | Request::Reread { .. }) => {
                self.read_attached(request, files, progress).await
            }
            request => self.handle_with_progress(request, files, now, progress),
        }
    }

    /// [`Workspace::handle`], telling `progress` the done share (0 to 1) of long jobs and
    /// what they are doing; a `false` from it stops the job with a "cancelled" error. Files
    /// are read at once: they must be in memory or never make the read wait.
    pub fn handle_with_progress(
        &mut self,
        request: Request,
        files: Vec<FileBytes>,
        now: &str,
        progress: &mut ProgressFn,
    ) -> Result<Answer> {
        if !recipe_jobs::RecipeJobs::keeps_cache(&request) {
            self.recipe_jobs.forget();
        }
        match request {
            request @ (Request::LoadFiles { .. } | Request::Reread { .. }) => complete(self.read_attached(request, files, progress)),
            Request::LoadSample { name } => self.load_sample(&name),
            Request::Join(join) => self.join(&join),
            Request::Profile { options } => {
                self.profile_options = options;
                self.view()
            }
            Request::Activate { index } => {
                if index >= self.datasets.len() {
                    return Err(Error::other(format!("there is no dataset number {}", index + 1)));
                }
                self.active = index;
                self.view()
            }
            Request::Train { recipe, options } => {
                let clock = self.clock.as_ref().map(|c| c as &dyn Fn() -> f64);
                let trained = train_timed(self.active_table()?, &recipe, &options, now, &mut Progress::new(progress), clock)?;
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
            Request::ExportSql { dialect, recipe } => self.sql(dialect, recipe.as_ref()),
            Request::ExportOnnx { model } => {
                let trained_name = format!("{}-model.onnx", self.download_stem());
                Ok(Answer::Download(predict_jobs::onnx(model, &files, self.model.as_ref(), trained_name)?))
            }
            Request::ExportPython { model } => {
                let trained_name = format!("{}-pipeline.py", self.download_stem());
                Ok(Answer::Download(predict_jobs::python(model, &files, self.model.as_ref(), trained_name)?))
            }
            Request::PreviewStep { recipe, index, step, context } => {
                let (table, jobs) = self.recipe_parts()?;
                Ok(Answer::Preview(Box::new(jobs.preview(table, &recipe, index, &step, &context)?)))
            }
            Request::RecipeColumns { recipe, context } => {
                let (table, jobs) = self.recipe_parts()?;
                Ok(Answer::Columns(Box::new(jobs.columns(table, &recipe, &context)?)))
            }
            Request::ProposeClusters { recipe, index, column, method, ngram_size, context } => {
                let table = self.active_table()?;
                Ok(Answer::Clusters(Box::new(recipe_jobs::clusters(table, &recipe, index, &column, method, ngram_size, &context)?)))
            }
            Request::ApplyRecipe { recipe, context } => {
                Ok(Answer::Applied(Box::new(recipe_jobs::apply(self.active_table()?, &recipe, &context)?)))
            }
            Request::OpenRecipe { text, context } => Ok(Answer::Recipe(recipe_jobs::open_recipe(self.active_table()?, &text, &context)?)),
            Request::Crash => panic!("a deliberate crash, requested to test recovery"),
            Request::InspectModel { model } => {
                Ok(Answer::Model(Box::new(predict_jobs::inspect(model, &files, self.model.as_ref())?)))
            }
            Request::RestoreModel { json } => {
                let artifact = Artifact::from_json(&json).map_err(|e| e.context("the saved model cannot be restored"))?;
                let info = predict_jobs::inspect(ModelSource::Trained, &[], Some(&artifact))?;
                self.model = Some(artifact);
                Ok(Answer::Model(Box::new(info)))
            }
            Request::Predict { model } => {
                let (view, file) = predict_jobs::predict(model, &files, self.model.as_ref())?;
                self.predicted = Some(file);
                Ok(Answer::Predictions(Box::new(view)))
            }
            Request::ExportPredictions => self.predicted.clone().map(Answer::Download).ok_or_else(|| {
                Error::other("there are no predictions to download: open a model and a CSV to predict (again, if Sift restarted)")
            }),
            Request::CrossValidate { recipe, options, folds } => {
                learn_jobs::cross_validation(self.active_table()?, &recipe, &options, folds, progress)
            }
            Request::GridSearch { recipe, options, grid, folds } => {
                learn_jobs::grid(self.active_table()?, &recipe, &options, &grid, folds, progress)
            }
            Request::CompareModels { recipe, options, algorithms } => {
                learn_jobs::leaderboard(self.active_table()?, &recipe, &options, &algorithms, progress)
            }
        }
    }

    /// Answers a request that reads the attached files: `LoadFiles` or `Reread`.
    async fn read_attached(
        &mut self,
        request: Request,
        files: Vec<FileBytes>,
        progress: &mut ProgressFn<'_>,
    ) -> Result<Answer> {
        self.recipe_jobs.forget();
        match request {
            Request::LoadFiles { options, .. } => self.load_files(files, &options, progress).await,
            Request::Reread { index, options } => self.reread(index, files, options, progress).await,
            _ => Err("only opening or re-reading files reads attached files".into()),
        }
    }

    async fn load_files(
        &mut self,
        mut files: Vec<FileBytes>,
        options: &IngestOptions,
        progress: &mut ProgressFn<'_>,
    ) -> Result<Answer> {
        if files.is_empty() {
            return Err("no file was chosen".into());
        }
        let started = self.now();
        let read = read_files(&mut files, options, progress).await;
        drop(files); // the bytes are not needed while the report is made
        self.datasets.extend(self.timed_read(read?, started));
        self.active = self.datasets.len() - 1;
        self.report_shared().await;
        self.view()
    }

    fn load_sample(&mut self, name: &str) -> Result<Answer> {
        let dataset = read_sample(name, &IngestOptions::default())?;
        self.datasets.push(dataset);
        self.active = self.datasets.len() - 1;
        self.view()
    }

    async fn reread(
        &mut self,
        index: usize,
        mut files: Vec<FileBytes>,
        options: IngestOptions,
        progress: &mut ProgressFn<'_>,
    ) -> Result<Answer> {
        let current = self
            .datasets
            .get(index)
            .ok_or_else(|| Error::other(format!("there is no dataset number {}", index + 1)))?;
        let dataset = match &current.origin {
            Origin::Sample(sample) => read_sample(sample, &options)?,
            Origin::Files => {
                let started = self.now();
                let mut dataset = reread_files(&mut files, &options, progress).await?;
                dataset.seconds.read = elapsed(self.clock, started);
                dataset
            }
            Origin::Joined => {
                return Err(
                    "a joined table cannot be read again: re-read the tables it came from, then join them again".into(),
                )
            }
        };
        self.datasets[index] = dataset;
        self.active = index;
        self.report_shared().await;
        self.view()
    }

    /// Seconds on the clock, if the workspace has one.
    fn now(&self) -> Option<f64> {
        self.clock.map(|clock| clock())
    }

    /// `datasets`, each noting the seconds since `started` as its read time.
    fn timed_read(&self, mut datasets: Vec<Dataset>, started: Option<f64>) -> Vec<Dataset> {
        let read = elapsed(self.clock, started);
        for dataset in &mut datasets {
            dataset.seconds.read = read;
        }
        datasets
    }

    fn join(&mut self, request: &JoinRequest) -> Result<Answer> {
        let side = |index: usize| {
            self.datasets.get(index).ok_or_else(|| Error::other(format!("there is no dataset number {}", index + 1)))
        };
        let (left, right) = (side(request.left)?, side(request.right)?);
        let name = format!("{} ⋈ {}", stem(&left.table.name), stem(&right.table.name));
        let table = join(name, &left.table, &right.table, &request.spec)?;
        let note = format!(
            "A {} join of {} and {} on {} = {}: {} rows.",
            request.spec.how.label(),
            left.table.name,
            right.table.name,
            request.spec.left_key,
            request.spec.right_key,
            count(table.row_count())
        );
        self.datasets.push(Dataset::joined(table, left.ingest.clone(), note));
        self.active = self.datasets.len() - 1;
        self.view()
    }

    fn active_table(&self) -> Result<&Table> {
        self.datasets
            .get(self.active)
            .map(|d| &d.table)
            .ok_or_else(|| Error::other("open a CSV file or load the sample data first"))
    }

    /// The active table and the recipe jobs' state, borrowed together.
    fn recipe_parts(&mut self) -> Result<(&Table, &mut recipe_jobs::RecipeJobs)> {
        let table =
            self.datasets.get(self.active).map(|d| &d.table).ok_or("open a CSV file or load the sample data first")?;
        Ok((table, &mut self.recipe_jobs))
    }

    /// The active dataset's file name without extension, to name downloads.
    fn download_stem(&self) -> String {
        self.datasets.get(self.active).map_or("sift".to_string(), |d| stem(&d.table.name))
    }

    /// The model's statement, or `recipe`'s fitted on the active dataset as the cleaned CSV is.
    fn sql(&self, dialect: Dialect, recipe: Option<&Recipe>) -> Result<Answer> {
        let (what, statement) = match recipe {
            None => {
                let model = self.model.as_ref().ok_or("train a model first; there is no model to write as SQL yet")?;
                ("model", model_statement(model, dialect, SQL_TABLE)?)
            }
            Some(recipe) => (
                "cleaning",
                fitted_recipe_statement(self.active_table()?, recipe, &FitContext::default(), dialect, SQL_TABLE)?,
            ),
        };
        let name = format!("{}-{what}-{}.sql", self.download_stem(), dialect.name());
        Ok(download(name, "application/sql", statement))
    }

    fn cleaned_csv(&self, recipe: &Recipe) -> Result<Answer> {
        let table = self.active_table()?;
        let (_, cleaned) = recipe.fit_transform(table.clone(), &FitContext::default())?;
        let csv = write_csv(&cleaned, CsvOptions::default())?;
        Ok(download(format!("{}-cleaned.csv", self.download_stem()), "text/csv", csv))
    }

    /// Makes the active dataset's report, unless made, with someone from `analysts` (if
    /// any) analysing some of its columns; [`Workspace::view`] then finds it made.
    async fn report_shared(&mut self) {
        let (options, clock, started) = (&self.profile_options, self.clock, self.now());
        let Some(dataset) =
            self.datasets.get_mut(self.active).filter(|d| d.report.as_ref().is_none_or(|(made, _)| made != options))
        else {
            return;
        };
        let Some(mut analyst) = self.analysts.and_then(|analysts| analysts()) else { return };
        let report = profile_shared(&dataset.table, options, Some(analyst.as_mut())).await;
        dataset.seconds.report = elapsed(clock, started);
        dataset.report = Some((options.clone(), report));
    }

    fn view(&mut self) -> Result<Answer> {
        let options = &self.profile_options;
        let (clock, started) = (self.clock, self.now());
        let dataset = self.datasets.get_mut(self.active).ok_or("open a CSV file or load the sample data first")?;
        let report = match &dataset.report {
            Some((made_with, report)) if made_with == options => report.clone(),
            _ => {
                let report = profile_with(&dataset.table, options);
                dataset.seconds.report = elapsed(clock, started);
                dataset.report = Some((options.clone(), report.clone()));
                report
            }
        };
        let dataset = &self.datasets[self.active];
        let table = &dataset.table;
        let preview_rows = table.row_count().min(PREVIEW_ROWS);
        Ok(Answer::Dataset(Box::new(DatasetView {
            datasets: self
                .datasets
                .iter()
                .map(|d| DatasetSummary { files: d.files.clone(), ..summary(&d.table) })
                .collect(),
            active: self.active,
            name: table.name.clone(),
            rows: table.row_count(),
            columns: summary(table).columns,
            sample_note: dataset.sample_note.clone(),
            made_from: dataset.made_from.clone(),
            ingest: dataset.ingest.clone(),
            options: dataset.options.clone(),
            preview: (0..preview_rows).map(|r| table.columns.iter().map(|c| c.data.text_at(r)).collect()).collect(),
            alert_fixes: report.alerts.iter().map(|a| fix_with_data(a, &report, table)).collect(),
            seconds: dataset.seconds,
            report,
        })))
    }
}

/// Seconds on `clock` since `started`, when timed.
fn elapsed(clock: Option<fn() -> f64>, started: Option<f64>) -> Option<f64> {
    started.zip(clock).map(|(start, clock)| clock() - start)
}

/// A table's name, size and columns.
fn summary(table: &Table) -> DatasetSummary {
    DatasetSummary {
        name: table.name.clone(),
        rows: table.row_count(),
        columns: table
            .columns
            .iter()
            .map(|c| ColumnSummary { name: c.name.clone(), column_type: c.column_type() })
            .collect(),
        files: Vec::new(),
    }
}

fn download(file_name: String, mime: &str, content: String) -> Answer {
    Answer::Download(FileDownload::text(file_name, mime, content))
}

/// A file name without its extension, for naming downloads.
/// Appended and joined datasets lose the extension of each file they name.
fn stem(name: &str) -> String {
    let stem = name
        .split(" + ")
        .map(|part| match part.rsplit_once('.') {
            Some((s, ext)) if !s.is_empty() && ext.len() <= 4 && !ext.contains(' ') => s,
            _ => part,
        })
        .collect::<Vec<_>>()
        .join(" + ");
    if stem.is_empty() {
        "sift".to_string()
    } else {
        stem
    }
}
