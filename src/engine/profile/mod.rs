//! The data-quality report: what is in each column, how columns relate, and what deserves
//! a warning. Statistics follow pandas' definitions so the numbers agree with it.
//!
//! On optimizing: a browser's WebAssembly engine first runs each function as quickly
//! compiled code and swaps in optimized code only for later calls, never in the middle of a
//! call. So the loops over every row (sorting, sums, correlations, hashing) live in small
//! functions marked `#[inline(never)]` that run once per column or pair: a loop inlined into
//! a function called once would run unoptimized from start to end.

mod alerts;
mod association;
mod categories;
mod column;
mod correlation;
mod dates;
mod duplicates;
mod histogram;
mod keys;
mod leakage;
mod matrices;
mod missingness;
mod numeric;
mod overview;
mod placeholders;
mod relations;
mod report;
mod shared;
mod sort;
mod target;
mod text;

use serde::{Deserialize, Serialize};

use crate::engine::base::table::{ColumnType, Table};

pub use keys::{is_identifier_like, key_like_name};
pub use matrices::{MAX_CATEGORY_COLUMNS, MAX_CATEGORY_LEVELS, MAX_NUMERIC_COLUMNS};
pub use report::{Alert, Bin, ColumnProfile, Correlations, LengthStats, Report, TypeCount, ValueCount, REPORT_VERSION};
pub use shared::{profile_shared, Analyst, ColumnAnalysis, Finished, SHARE_MIN_ROWS};

/// What to compute beyond the default report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileOptions {
    /// Also compute the Spearman rank correlation matrix (slower: it ranks every column).
    #[serde(default)]
    pub spearman: bool,
    /// The column a model will predict: enables the imbalance and leakage alerts.
    #[serde(default)]
    pub target: Option<String>,
}

/// Profiles every column of `table` and collects alerts (no target).
pub fn profile(table: &Table) -> Report {
    profile_with(table, &ProfileOptions::default())
}

/// Profiles `table` with alerts about `target` (class imbalance, leakage) when given.
pub fn profile_with_target(table: &Table, target: Option<&str>) -> Report {
    profile_with(table, &ProfileOptions { target: target.map(str::to_string), ..ProfileOptions::default() })
}

/// Profiles `table` as `options` say.
pub fn profile_with(table: &Table, options: &ProfileOptions) -> Report {
    let analyses = table.columns.iter().map(|c| ColumnAnalysis::of(&c.name, &c.data)).collect();
    let correlations = matrices::correlations(table, options.spearman);
    assemble(table, options, analyses, correlations)
}

/// The report from each column's analysis (in the table's order) and the correlations.
fn assemble(
    table: &Table,
    options: &ProfileOptions,
    analyses: Vec<ColumnAnalysis>,
    correlations: Correlations,
) -> Report {
    let rows = table.row_count();
    let (columns, findings): (Vec<ColumnProfile>, Vec<column::Findings>) =
        analyses.into_iter().map(|a| (a.profile, a.findings)).unzip();
    let missing_cells: usize = columns.iter().map(|c| c.missing).sum();
    let cells = rows * table.column_count();
    let duplicate_rows =
        if duplicates::all_rows_differ(&columns, rows, &[]) { 0 } else { duplicates::count_duplicate_rows(table) };
    let target = options.target.as_deref().filter(|t| table.column(t).is_some());

    let mut alerts: Vec<Alert> = alerts::duplicate_rows(duplicate_rows).into_iter().collect();
    // Duplicates a row-number or other identifier column hides.
    // Only whole-number identifiers (row numbers, ids) are set aside: two countries with the
    // same figures are not duplicates. And at least two other columns must remain: in a
    // yearly series of one measure, a value that recurs is not a duplicate row.
    let ids: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].column_type == ColumnType::Integer && is_identifier_like(&columns[i], rows))
        .collect();
    if !ids.is_empty() && ids.len() + 2 <= columns.len() && !duplicates::all_rows_differ(&columns, rows, &ids) {
        let hidden = duplicates::count_duplicates_in(table, &ids);
        let names: Vec<&str> = ids.iter().map(|&i| columns[i].name.as_str()).collect();
        alerts.extend(alerts::hidden_duplicates(hidden, duplicate_rows, &names));
    }
    let mut column_alerts: Vec<Alert> =
        columns.iter().zip(&findings).flat_map(|(c, f)| alerts::column_alerts(c, f, rows)).collect();
    alerts::group_some_missing(&mut column_alerts, rows);
    alerts.extend(column_alerts);
    let mut correlations = correlations;
    let mut notes = Vec::new();
    alerts.extend(relations::pair_alerts(table, &columns, &correlations, &mut notes));
    alerts.extend(missingness::missing_for_a_reason(table, &columns));
    correlations.notes.extend(notes);
    if let Some(target) = target {
        alerts.extend(target::target_alerts(table, target, &columns));
    }
    Report {
        version: REPORT_VERSION,
        rows,
        column_count: table.column_count(),
        missing_cells,
        missing_share: if cells == 0 { 0.0 } else { missing_cells as f64 / cells as f64 },
        duplicate_rows,
        memory_bytes: overview::memory_bytes(table),
        type_counts: overview::type_counts(table),
        target: target.map(str::to_string),
        columns,
        alerts,
        correlations,
    }
}
