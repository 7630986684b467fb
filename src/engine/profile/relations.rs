//! Alerts about pairs of columns, over every column (not only those in the heatmaps):
//! number columns that move together in a line (Pearson) or in order only (Spearman), and
//! category columns strongly associated (bias-corrected Cramér's V) or one determining the
//! other.
//!
//! The work is bounded: number pairs are measured on evenly spaced rows when the table is
//! large (the alert says how many), and the category pairs past a budget of pairs × rows are
//! left out with a note saying so.

use std::borrow::Cow;

use super::alerts::{count, name_list};
use super::association::{dense_codes, Coded, Contingency};
use super::correlation::spearman_matrix;
use super::keys::is_identifier_like;
use super::matrices::MAX_CATEGORY_LEVELS;
use super::report::{Alert, ColumnProfile, Correlations};
use crate::engine::base::stats::{finite_mean, in_correlation_unit, pearson_shifted, takes_part};
use crate::engine::base::table::{ColumnData, ColumnType, Table};

/// |Pearson r| from here on is a high correlation.
pub(super) const HIGH_CORRELATION: f64 = 0.95;
/// |Spearman ρ| from here on (with Pearson below [`HIGH_CORRELATION`]) is a monotone relation:
/// one column is nearly a function of the other. (Two trending series reach 0.95 in rank
/// and in line alike; that is not a curve Pearson misses.)
const MONOTONE: f64 = 0.99;
/// Bias-corrected Cramér's V from here on is a strong association.
const STRONG_ASSOCIATION: f64 = 0.8;
/// Fewest rows per cell of the contingency table, on average, for V to be trusted.
const MIN_ROWS_PER_CELL: f64 = 5.0;
/// Most pairs listed one by one per kind.
const MAX_LISTED_PAIRS: usize = 25;
/// Most rows the number pairs are measured on: more rows add little to a correlation.
const MAX_SAMPLE_ROWS: usize = 20_000;
/// Bound on pairs × sampled rows for the number pairs, and on pairs × rows for the category pairs.
const WORK_BUDGET: f64 = 2e8;

/// The pair alerts of `table`, given its columns' profiles and its correlation matrices.
/// `notes` gets a sentence for any columns left out.
pub(super) fn pair_alerts(
    table: &Table,
    columns: &[ColumnProfile],
    correlations: &Correlations,
    notes: &mut Vec<String>,
) -> Vec<Alert> {
    let mut alerts = number_pairs(table, columns, correlations);
    alerts.extend(category_pairs(table, columns, notes));
    alerts
}

/// Evenly spaced rows: all of them up to `max`.
fn sample_rows(rows: usize, max: usize) -> Vec<usize> {
    if rows <= max {
        (0..rows).collect()
    } else {
        (0..max).map(|k| k * rows / max).collect()
    }
}

/// The high-correlation and monotone-relation alerts between number columns. Identifier-like
/// columns (row numbers) are left out: their own alert already says to drop them, and a row
/// number follows every trending column of a time series.
fn number_pairs(table: &Table, columns: &[ColumnProfile], correlations: &Correlations) -> Vec<Alert> {
    let rows = table.row_count();
    let numeric: Vec<(&str, &ColumnData)> = table
        .columns
        .iter()
        .zip(columns)
        .filter(|(c, p)| {
            matches!(c.column_type(), ColumnType::Number | ColumnType::Integer) && !is_identifier_like(p, rows)
        })
        .map(|(c, _)| c)
        .map(|c| (c.name.as_str(), &c.data))
        .collect();
    let k = numeric.len();
    if k < 2 {
        return Vec::new();
    }
    let pairs = (k * (k - 1) / 2) as f64;
    let budget_rows = (WORK_BUDGET / pairs) as usize;
    let rows = sample_rows(table.row_count(), budget_rows.clamp(2_000, MAX_SAMPLE_ROWS));
    let sampled = rows.len() < table.row_count();
    let mut values: Vec<Vec<f64>> = numeric
        .iter()
        .map(|(_, data)| {
            rows.iter().map(|&r| data.number_at(r).filter(|x| takes_part(*x)).unwrap_or(f64::NAN)).collect()
        })
        .collect();
    let spearman = spearman_matrix(&values.iter().map(|v| Cow::Borrowed(&v[..])).collect::<Vec<_>>());
    // Pearson takes columns of extreme magnitude in their unit, as the heatmap and the recipe do.
    values.iter_mut().for_each(|v| in_correlation_unit(v));
    let means: Vec<f64> = values.iter().map(|v| finite_mean(v)).collect();
    // The heatmap's exact Pearson where it has the pair, the sample's elsewhere.
    let heat = |name: &str| correlations.numeric_columns.iter().position(|c| c == name);
    let mut high = Vec::new();
    let mut monotone = Vec::new();
    for i in 0..k {
        for j in i + 1..k {
            let (exact, r) = match (heat(numeric[i].0), heat(numeric[j].0)) {
                (Some(a), Some(b)) => (true, correlations.pearson[a][b]),
                _ => (!sampled, pearson_shifted(&values[i], &values[j], means[i], means[j])),
            };
            let rho = spearman[i][j];
            match (r, rho) {
                (Some(r), _) if r.abs() >= HIGH_CORRELATION => high.push((i, j, r, exact)),
                (r, Some(rho)) if rho.abs() >= MONOTONE => monotone.push((i, j, rho, r)),
                _ => {}
            }
        }
    }
    let on = |exact: bool| if exact { String::new() } else { format!(" on {} evenly spaced rows", count(rows.len())) };
    high.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
    monotone.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
    let mut alerts =
        listed(&high, &numeric, "high_correlation", "highly correlated (|r| ≥ 0.95)", |&(i, j, r, exact)| {
            let (a, b) = (numeric[i].0, numeric[j].0);
            format!(
                "'{a}' and '{b}' are highly correlated (Pearson r = {r:.3}{}); one of them may be redundant.",
                on(exact)
            )
        });
    alerts.extend(listed(&monotone, &numeric, "monotone_relation", "related in order (|Spearman ρ| ≥ 0.99)", |&(i, j, rho, r)| {
        let (a, b) = (numeric[i].0, numeric[j].0);
        let how = if rho > 0.0 { "rises whenever" } else { "falls whenever" };
        let pearson = r.map_or("Pearson r is undefined".to_string(), |r| format!("Pearson r is only {r:.3}"));
        format!(
            "'{b}' {how} '{a}' rises (Spearman ρ = {rho:.3}{}) while {pearson}: one is likely a curved function of the other (a log, a power), so one of them may be redundant.",
            on(!sampled)
        )
    }));
    alerts
}

/// One alert per pair (the first [`MAX_LISTED_PAIRS`]), then one for the rest.
fn listed<T>(
    pairs: &[T],
    numeric: &[(&str, &ColumnData)],
    kind: &str,
    what: &str,
    message: impl Fn(&T) -> String,
) -> Vec<Alert>
where
    T: PairIndex,
{
    let mut alerts: Vec<Alert> = pairs
        .iter()
        .take(MAX_LISTED_PAIRS)
        .map(|p| {
            let (i, j) = p.pair();
            Alert::new(kind, &[numeric[i].0, numeric[j].0], message(p))
        })
        .collect();
    if pairs.len() > MAX_LISTED_PAIRS {
        let rest = &pairs[MAX_LISTED_PAIRS..];
        let mut names: Vec<&str> = rest.iter().flat_map(|p| [numeric[p.pair().0].0, numeric[p.pair().1].0]).collect();
        names.sort_unstable();
        names.dedup();
        alerts.push(Alert::new(kind, &names, format!("{} more pairs of columns are {what}.", count(rest.len()))));
    }
    alerts
}

trait PairIndex {
    fn pair(&self) -> (usize, usize);
}

impl PairIndex for (usize, usize, f64, bool) {
    fn pair(&self) -> (usize, usize) {
        (self.0, self.1)
    }
}

impl PairIndex for (usize, usize, f64, Option<f64>) {
    fn pair(&self) -> (usize, usize) {
        (self.0, self.1)
    }
}

/// Strong associations between category and boolean columns (at most
/// [`MAX_CATEGORY_LEVELS`] levels, not identifier-like), within the work budget.
fn category_pairs(table: &Table, columns: &[ColumnProfile], notes: &mut Vec<String>) -> Vec<Alert> {
    let rows = table.row_count();
    let candidates: Vec<(&str, &ColumnData)> = table
        .columns
        .iter()
        .zip(columns)
        .filter(|(c, p)| {
            matches!(c.column_type(), ColumnType::Category | ColumnType::Boolean)
                && p.distinct >= 2
                && !is_identifier_like(p, rows)
        })
        .map(|(c, _)| (c.name.as_str(), &c.data))
        .collect();
    let mut coded: Vec<(&str, Coded)> = Vec::new();
    let mut left_out: Vec<String> = Vec::new();
    for (name, data) in candidates {
        let pairs_after = (coded.len() + 1) * coded.len() / 2;
        if (pairs_after as f64) * rows as f64 > WORK_BUDGET {
            left_out.push(format!("'{name}'"));
            continue;
        }
        if let Some(c) = dense_codes(data, MAX_CATEGORY_LEVELS) {
            coded.push((name, c));
        }
    }
    if !left_out.is_empty() {
        notes.push(format!(
            "Association alerts leave out {} to bound the work ({} category columns × {} rows).",
            name_list(&left_out, 3),
            count(coded.len() + left_out.len()),
            count(rows)
        ));
    }
    let mut found: Vec<(f64, Alert)> = Vec::new();
    for i in 0..coded.len() {
        for j in i + 1..coded.len() {
            let ((a, ca), (b, cb)) = (&coded[i], &coded[j]);
            if let Some(alert) = association_alert(a, ca, b, cb) {
                found.push(alert);
            }
        }
    }
    found.sort_by(|x, y| y.0.total_cmp(&x.0));
    found.into_iter().take(MAX_LISTED_PAIRS).map(|(_, a)| a).collect()
}

/// The alert about two coded columns, if they are identical, one determines the other, or
/// they are strongly associated; with the strength to sort by.
fn association_alert(a: &str, ca: &Coded, b: &str, cb: &Coded) -> Option<(f64, Alert)> {
    let t = Contingency::of(ca, cb);
    let (ra, rb) = t.occurring();
    if ra < 2 || rb < 2 {
        return None;
    }
    let v = t.corrected_cramers_v().unwrap_or(0.0);
    let n = t.n as f64;
    let rows = count(t.n as usize);
    let (a_b, b_a) = (t.a_determines_b(), t.b_determines_a());
    // A determining column needs its values to repeat (3 rows each on average) to mean anything.
    let repeats = |levels: usize| n >= 3.0 * levels as f64;
    if a_b && b_a && repeats(ra) {
        let message = if t.equal_texts(ca, cb) {
            format!("'{a}' and '{b}' are identical in all {rows} rows where both are present; drop one of them.")
        } else {
            format!("'{a}' and '{b}' hold the same information under different labels: each value of one always goes with the same value of the other ({rows} rows, {ra} values each); drop one of them.")
        };
        return Some((2.0, Alert::new("strong_association", &[a, b], message)));
    }
    let determined = if a_b && repeats(ra) && rb < ra {
        Some((a, b, ra, rb))
    } else if b_a && repeats(rb) && ra < rb {
        Some((b, a, rb, ra))
    } else {
        None
    };
    if let Some((from, to, from_levels, to_levels)) = determined {
        let message = format!(
            "Each of the {from_levels} values of '{from}' always goes with one value of '{to}' ({to_levels} values, {rows} rows): '{to}' adds nothing once '{from}' is known, so it may be dropped."
        );
        return Some((1.5, Alert::new("strong_association", &[from, to], message)));
    }
    if v >= STRONG_ASSOCIATION && n >= MIN_ROWS_PER_CELL * (ra * rb) as f64 {
        let message = format!(
            "'{a}' and '{b}' are strongly associated (bias-corrected Cramér's V = {v:.2} over {rows} rows); one largely tells the other, which may be redundant or a leak."
        );
        return Some((v, Alert::new("strong_association", &[a, b], message)));
    }
    None
}
