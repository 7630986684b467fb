//! The tables a recipe's steps leave on the preview rows, remembered between requests, so
//! that previewing a step or listing the columns each step sees refits only the steps from
//! the first edited one on. Each step is keyed by its JSON (on/off switch included): an edit
//! of step k forgets what steps k, k+1, … left and keeps what the steps before left.
//!
//! A step that cannot run (a column it names does not exist at that point, or fitting fails)
//! leaves the table as it was and records its problem, so the steps after it still get their
//! columns listed; previewing a step after it reports the problem, as fitting would.

use crate::engine::base::error::{Error, Result};
use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::document::{step_error, Recipe, RecipeStep};
use super::step::FitContext;
use crate::engine::base::table::{ColumnType, Table};

/// Cells (rows × columns) of remembered tables kept at most, about 300 MB of numbers; past
/// it the tables of the earliest steps are dropped, and refitted from the nearest kept one
/// when needed.
pub const CACHE_CELLS: usize = 40_000_000;

/// A column's name and type as a step sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepColumn {
    pub name: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
}

/// The columns before each step of a recipe and after its last, and each step's problem.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnsAtSteps {
    /// `before[i]`: the columns step `i` sees; the last entry: the columns after the recipe.
    pub before: Vec<Vec<StepColumn>>,
    /// `problems[i]`: why step `i` cannot run where it is, if it cannot.
    pub problems: Vec<Option<String>>,
}

/// What one step did to the table before it.
#[derive(Clone, Debug)]
struct Done {
    /// The step's JSON, which must match for this to be reused.
    key: String,
    /// The step itself, to fit again when its table was dropped.
    entry: RecipeStep,
    /// Why the step could not run (then it left the table as it was).
    problem: Option<Error>,
    /// Whether the problem stops the steps after it from being fitted (the step is on).
    blocks: bool,
    /// The table after the step, when it changed it and is still remembered.
    table: Option<Table>,
    /// The columns after the step.
    columns: Vec<StepColumn>,
}

/// The remembered prefix of a recipe fitted on one source table.
#[derive(Clone, Debug)]
pub struct PrefixCache {
    source: Option<Table>,
    context: FitContext,
    done: Vec<Done>,
    /// Cells of kept tables allowed ([`CACHE_CELLS`] unless a test says otherwise).
    budget: usize,
}

impl Default for PrefixCache {
    fn default() -> Self {
        Self::with_budget(CACHE_CELLS)
    }
}

impl PrefixCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty cache keeping tables of at most `cells` cells in all.
    pub fn with_budget(cells: usize) -> Self {
        PrefixCache { source: None, context: FitContext::default(), done: Vec::new(), budget: cells }
    }

    /// The table the recipe is fitted on, if one was given.
    pub fn source(&self) -> Option<&Table> {
        self.source.as_ref()
    }

    /// Fits from now on on `table` (forgetting everything remembered).
    pub fn set_source(&mut self, table: Table) {
        self.done.clear();
        self.source = Some(table);
    }

    /// Forgets the source and everything fitted on it (the data changed).
    pub fn clear(&mut self) {
        self.done.clear();
        self.source = None;
    }

    /// How many steps' outcomes are remembered, and how many of their tables are kept.
    pub fn remembered(&self) -> (usize, usize) {
        (self.done.len(), self.done.iter().filter(|d| d.table.is_some()).count())
    }

    /// The source as step `end` of `recipe` sees it (the enabled steps before it fitted and
    /// applied), or the error fitting them gives. Borrowed when it is remembered.
    pub fn table_before(&mut self, recipe: &Recipe, end: usize, context: &FitContext) -> Result<Cow<'_, Table>> {
        let end = end.min(recipe.steps.len());
        self.sync(recipe, end, context)?;
        if let Some((i, done)) = self.done.iter().enumerate().take(end).find(|(_, d)| d.blocks) {
            let problem = done.problem.clone().unwrap_or_else(|| Error::other("it cannot run"));
            return Err(step_error(i, &recipe.steps[i].step, problem));
        }
        self.table_at(end, context)
    }

    /// The columns each step of `recipe` sees and those after it, with each step's problem.
    pub fn columns(&mut self, recipe: &Recipe, context: &FitContext) -> Result<ColumnsAtSteps> {
        self.sync(recipe, recipe.steps.len(), context)?;
        let source = self.source.as_ref().ok_or(NO_SOURCE)?;
        let mut before = vec![columns_of(source)];
        before.extend(self.done.iter().map(|d| d.columns.clone()));
        Ok(ColumnsAtSteps {
            before,
            problems: self.done.iter().map(|d| d.problem.as_ref().map(Error::to_string)).collect(),
        })
    }

    /// Makes the remembered outcomes those of `recipe`'s steps `..end` under `context`.
    fn sync(&mut self, recipe: &Recipe, end: usize, context: &FitContext) -> Result<()> {
        if self.source.is_none() {
            return Err(NO_SOURCE.into());
        }
        if *context != self.context {
            self.done.clear();
            self.context = context.clone();
        }
        let same = self.done.iter().zip(&recipe.steps).take_while(|(d, s)| d.key == key(s)).count();
        self.done.truncate(same);
        while self.done.len() < end {
            let i = self.done.len();
            let before = self.table_at(i, context)?.into_owned();
            let done = run(&recipe.steps[i], before, context);
            self.done.push(done);
            self.evict();
        }
        Ok(())
    }

    /// The table after the remembered steps `..end`, refitting from the nearest kept table
    /// the steps whose tables were dropped.
    fn table_at(&self, end: usize, context: &FitContext) -> Result<Cow<'_, Table>> {
        let kept = self.done[..end].iter().enumerate().rev().find_map(|(j, d)| d.table.as_ref().map(|t| (j + 1, t)));
        let (from, base) = match kept {
            Some(kept) => kept,
            None => (0, self.source.as_ref().ok_or(NO_SOURCE)?),
        };
        let mut replay = self.done[from..end].iter().filter(|d| d.problem.is_none() && d.entry.enabled).peekable();
        if replay.peek().is_none() {
            return Ok(Cow::Borrowed(base));
        }
        let mut table = base.clone();
        for done in replay {
            table = done.entry.step.fit_transform(table, context)?.1;
        }
        Ok(Cow::Owned(table))
    }

    /// Drops the earliest kept tables while they hold more cells than the budget; the last
    /// one is always kept.
    fn evict(&mut self) {
        let cells = |t: &Table| t.row_count() * t.column_count();
        let mut total: usize = self.done.iter().filter_map(|d| d.table.as_ref()).map(cells).sum();
        let last = self.done.iter().rposition(|d| d.table.is_some());
        for (i, done) in self.done.iter_mut().enumerate() {
            if total <= self.budget || Some(i) == last {
                break;
            }
            if let Some(table) = done.table.take() {
                total -= cells(&table);
            }
        }
    }
}

const NO_SOURCE: &str = "open a CSV file or load the sample data first";

/// A step's outcome on `before`.
fn run(entry: &RecipeStep, before: Table, context: &FitContext) -> Done {
    let key = key(entry);
    let lacking: Vec<String> = entry.step.columns().into_iter().filter(|c| before.column(c).is_none()).collect();
    let pass = |problem: Option<Error>, before: &Table| Done {
        key: key.clone(),
        entry: entry.clone(),
        blocks: entry.enabled && problem.is_some(),
        problem,
        table: None,
        columns: columns_of(before),
    };
    if !lacking.is_empty() {
        return pass(Some(Error::missing_column(&lacking[0], absent_message(&lacking))), &before);
    }
    if !entry.enabled {
        return pass(None, &before);
    }
    match entry.step.fit_transform(before.clone(), context) {
        Ok((_, after)) => Done {
            key,
            entry: entry.clone(),
            problem: None,
            blocks: false,
            columns: columns_of(&after),
            table: Some(after),
        },
        Err(problem) => pass(Some(problem), &before),
    }
}

/// "'x' does not exist at this point of the recipe …".
fn absent_message(lacking: &[String]) -> String {
    let names: Vec<String> = lacking.iter().map(|n| format!("'{n}'")).collect();
    let verb = if lacking.len() == 1 { "does" } else { "do" };
    format!(
        "{} {verb} not exist at this point of the recipe (a step before it may have been removed, moved or changed); \
         choose other columns or remove this step",
        names.join(", ")
    )
}

fn key(entry: &RecipeStep) -> String {
    serde_json::to_string(entry).unwrap_or_default()
}

fn columns_of(table: &Table) -> Vec<StepColumn> {
    table.columns.iter().map(|c| StepColumn { name: c.name.clone(), column_type: c.column_type() }).collect()
}
