//! The recipe jobs of the worker: a step's before/after preview and the columns each step
//! sees, both on the first rows of the active dataset with the fitted recipe prefix
//! remembered between requests ([`PrefixCache`]); proposed clusters of similar spellings;
//! applying the whole recipe to every row; opening a saved recipe against the data.

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use crate::engine::base::table::Table;
use crate::engine::recipe::{
    distinct_values, preview_step, propose_spelling_groups, ColumnsAtSteps, FitContext, PrefixCache, Recipe,
    SpellingGroup, SpellingKey, Step, StepColumn, StepPreview,
};
use crate::worker::protocol::Request;

/// The preview runs on at most this many first rows, so it answers while the user edits.
pub const PREVIEW_SOURCE_ROWS: usize = 100_000;
/// Proposed clusters sent to the page at most (the largest).
pub const MAX_CLUSTERS: usize = 100;

/// Proposed clusters of similar spellings of a column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterProposal {
    pub column: String,
    /// The largest clusters, at most [`MAX_CLUSTERS`].
    pub clusters: Vec<SpellingGroup>,
    /// Clusters found beyond those sent.
    pub more: usize,
    /// Rows the values were counted on.
    pub rows: usize,
    /// Distinct values of the column.
    pub distinct: usize,
}

/// The shape of the data after the whole recipe, fitted on every row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    pub rows: usize,
    pub columns: Vec<StepColumn>,
}

/// The recipe state the worker keeps between requests: the recipe prefix fitted on the
/// first rows of the active dataset.
#[derive(Debug, Default)]
pub struct RecipeJobs {
    cache: PrefixCache,
}

impl RecipeJobs {
    /// Whether `request` leaves the active data as it is, so what was fitted on it stays
    /// valid. Any other request (loading, re-reading, joining, switching datasets, and
    /// requests added later) makes the worker forget it.
    pub fn keeps_cache(request: &Request) -> bool {
        matches!(
            request,
            Request::PreviewStep { .. }
                | Request::RecipeColumns { .. }
                | Request::ProposeClusters { .. }
                | Request::ApplyRecipe { .. }
                | Request::OpenRecipe { .. }
                | Request::ExportRecipe { .. }
                | Request::ExportSql { .. }
                | Request::ExportOnnx { .. }
                | Request::ExportPython { .. }
                | Request::ExportCleanedCsv { .. }
                | Request::ExportModel
                | Request::Train { .. }
                | Request::Profile { .. }
        )
    }

    /// Forgets what was fitted (the data changed).
    pub fn forget(&mut self) {
        self.cache.clear();
    }

    /// What `step` would do at position `index` of `recipe` (after the enabled steps before
    /// it), on the first [`PREVIEW_SOURCE_ROWS`] rows of `table`.
    pub fn preview(
        &mut self,
        table: &Table,
        recipe: &Recipe,
        index: usize,
        step: &Step,
        context: &FitContext,
    ) -> Result<StepPreview> {
        let before = self.source(table).table_before(recipe, index, context)?;
        preview_step(&before, step, context)
    }

    /// The columns each step of `recipe` sees, and those after the last, on the first rows.
    pub fn columns(&mut self, table: &Table, recipe: &Recipe, context: &FitContext) -> Result<ColumnsAtSteps> {
        self.source(table).columns(recipe, context)
    }

    /// The cache, fitted on the first rows of `table` (taken again if they are not those).
    fn source(&mut self, table: &Table) -> &mut PrefixCache {
        let rows = table.row_count().min(PREVIEW_SOURCE_ROWS);
        let same = self.cache.source().is_some_and(|s| {
            s.row_count() == rows && s.columns.iter().map(|c| &c.name).eq(table.columns.iter().map(|c| &c.name))
        });
        if !same {
            self.cache.set_source(head(table, rows));
        }
        &mut self.cache
    }
}

/// The first `rows` rows of `table`.
fn head(table: &Table, rows: usize) -> Table {
    if rows < table.row_count() {
        table.take(&(0..rows).collect::<Vec<_>>())
    } else {
        table.clone()
    }
}

/// The similar spellings of `column` as step `index` of `recipe` sees it, on every row of
/// `table` (the enabled steps before it fitted on all rows).
pub fn clusters(
    table: &Table,
    recipe: &Recipe,
    index: usize,
    column: &str,
    method: SpellingKey,
    ngram_size: usize,
    context: &FitContext,
) -> Result<ClusterProposal> {
    let index = index.min(recipe.steps.len());
    let prepared;
    let data = if recipe.steps[..index].iter().any(|s| s.enabled) {
        prepared = recipe.table_before(index, table.clone(), context)?;
        &prepared
    } else {
        table
    };
    let values = &data.require(column)?.data;
    let mut clusters = propose_spelling_groups(values, method, ngram_size);
    let more = clusters.len().saturating_sub(MAX_CLUSTERS);
    clusters.truncate(MAX_CLUSTERS);
    let distinct = distinct_values(values);
    Ok(ClusterProposal { column: column.to_string(), clusters, more, rows: data.row_count(), distinct })
}

/// Fits `recipe` on every row of `table` and applies it: what the cleaned CSV holds,
/// without writing it.
pub fn apply(table: &Table, recipe: &Recipe, context: &FitContext) -> Result<Applied> {
    let (_, cleaned) = recipe.fit_transform(table.clone(), context)?;
    let columns =
        cleaned.columns.iter().map(|c| StepColumn { name: c.name.clone(), column_type: c.column_type() }).collect();
    Ok(Applied { rows: cleaned.row_count(), columns })
}

/// A saved recipe from its JSON text, checked against `table`: a clear message names any
/// column it uses that the data lacks.
pub fn open_recipe(table: &Table, text: &str, context: &FitContext) -> Result<Recipe> {
    let recipe = Recipe::from_json(text)?;
    recipe.check_columns(table, context)?;
    Ok(recipe)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::{Column, ColumnData};
    use crate::engine::recipe::ImputeStrategy;

    fn table() -> Table {
        Table::new("t", vec![Column::new("x", ColumnData::Number(vec![1.0, f64::NAN, 3.0].into()))]).unwrap()
    }

    #[test]
    fn previews_a_draft_step() {
        let step = Step::impute(vec!["x".into()], ImputeStrategy::Mean);
        let p = RecipeJobs::default().preview(&table(), &Recipe::default(), 0, &step, &FitContext::default()).unwrap();
        assert_eq!(p.columns_changed, ["x"]);
        assert_eq!(p.rows_changed, 1);
    }

    #[test]
    fn a_recipe_naming_absent_columns_is_refused_with_their_names() {
        let mut recipe = Recipe::default();
        recipe.steps.push(crate::engine::recipe::RecipeStep::new(Step::drop_columns(vec!["nope".into()])));
        let err = open_recipe(&table(), &recipe.to_json(), &FitContext::default()).unwrap_err();
        assert!(err.contains("'nope'"), "{err}");
    }
}
