//! The data-quality report: what is in each column, and what deserves a warning.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::engine::table::{ColumnData, ColumnType, Table};

/// Top values listed per category, text or boolean column.
const TOP_VALUES: usize = 5;
/// Bins of a numeric histogram.
const HISTOGRAM_BINS: usize = 10;

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub rows: usize,
    pub column_count: usize,
    pub missing_cells: usize,
    /// Missing cells over all cells, 0..=1.
    pub missing_share: f64,
    /// Rows identical to an earlier row.
    pub duplicate_rows: usize,
    pub columns: Vec<ColumnProfile>,
    pub alerts: Vec<Alert>,
}

/// What one column holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    pub name: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    /// Non-missing values.
    pub count: usize,
    pub missing: usize,
    /// Distinct non-missing values.
    pub distinct: usize,
    pub mean: Option<f64>,
    /// Sample standard deviation (ddof = 1, as pandas).
    pub std: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub median: Option<f64>,
    /// Most frequent values, most frequent first (categories, text, booleans).
    pub top_values: Vec<ValueCount>,
    /// Equal-width histogram (numbers, integers, dates).
    pub histogram: Vec<Bin>,
}

/// A value and how often it occurs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ValueCount {
    pub value: String,
    pub count: usize,
}

/// One histogram bar: values in `[lower, upper)` (the last bar includes `upper`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    pub lower: f64,
    pub upper: f64,
    pub count: usize,
}

/// A warning about the data, naming its columns, in plain language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub kind: String,
    pub columns: Vec<String>,
    pub message: String,
}

/// Profiles every column of `table` and collects alerts.
pub fn profile(table: &Table) -> Report {
    let rows = table.row_count();
    let columns: Vec<ColumnProfile> =
        table.columns.iter().map(|c| profile_column(&c.name, &c.data)).collect();
    let missing_cells: usize = columns.iter().map(|c| c.missing).sum();
    let cells = rows * table.column_count();
    let duplicate_rows = count_duplicate_rows(table);
    let alerts = alerts(rows, &columns, duplicate_rows);
    Report {
        rows,
        column_count: table.column_count(),
        missing_cells,
        missing_share: if cells == 0 { 0.0 } else { missing_cells as f64 / cells as f64 },
        duplicate_rows,
        columns,
        alerts,
    }
}

fn profile_column(name: &str, data: &ColumnData) -> ColumnProfile {
    let missing = data.missing_count();
    let column_type = data.column_type();
    let numbers: Vec<f64> = match column_type {
        ColumnType::Number | ColumnType::Integer => {
            (0..data.len()).filter_map(|i| data.number_at(i)).collect()
        }
        _ => Vec::new(),
    };
    let stats = NumericStats::of(&numbers);
    let histogram = match column_type {
        ColumnType::Number | ColumnType::Integer | ColumnType::Date => {
            let values: Vec<f64> = (0..data.len()).filter_map(|i| data.number_at(i)).collect();
            histogram(&values)
        }
        _ => Vec::new(),
    };
    let top_values = match column_type {
        ColumnType::Category | ColumnType::Text | ColumnType::Boolean => top_values(data),
        _ => Vec::new(),
    };
    ColumnProfile {
        name: name.to_string(),
        column_type,
        count: data.len() - missing,
        missing,
        distinct: distinct_count(data),
        mean: stats.as_ref().map(|s| s.mean),
        std: stats.as_ref().and_then(|s| s.std),
        min: stats.as_ref().map(|s| s.min),
        max: stats.as_ref().map(|s| s.max),
        median: stats.as_ref().map(|s| s.median),
        top_values,
        histogram,
    }
}

struct NumericStats {
    mean: f64,
    std: Option<f64>,
    min: f64,
    max: f64,
    median: f64,
}

impl NumericStats {
    fn of(values: &[f64]) -> Option<NumericStats> {
        if values.is_empty() {
            return None;
        }
        let n = values.len() as f64;
        let mean = values.iter().sum::<f64>() / n;
        let std = (values.len() > 1)
            .then(|| (values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0)).sqrt());
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mid = sorted.len() / 2;
        let median = if sorted.len() % 2 == 1 { sorted[mid] } else { (sorted[mid - 1] + sorted[mid]) / 2.0 };
        Some(NumericStats { mean, std, min: sorted[0], max: sorted[sorted.len() - 1], median })
    }
}

fn histogram(values: &[f64]) -> Vec<Bin> {
    let finite: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    let (Some(min), Some(max)) = (
        finite.iter().copied().reduce(f64::min),
        finite.iter().copied().reduce(f64::max),
    ) else {
        return Vec::new();
    };
    if min == max {
        return vec![Bin { lower: min, upper: max, count: finite.len() }];
    }
    let width = (max - min) / HISTOGRAM_BINS as f64;
    let mut counts = [0usize; HISTOGRAM_BINS];
    for x in finite {
        let bin = (((x - min) / width) as usize).min(HISTOGRAM_BINS - 1);
        counts[bin] += 1;
    }
    counts
        .iter()
        .enumerate()
        .map(|(i, &count)| Bin { lower: min + width * i as f64, upper: min + width * (i + 1) as f64, count })
        .collect()
}

fn top_values(data: &ColumnData) -> Vec<ValueCount> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for i in 0..data.len() {
        if let Some(text) = data.text_at(i) {
            *counts.entry(text).or_default() += 1;
        }
    }
    let mut counts: Vec<ValueCount> = counts.into_iter().map(|(value, count)| ValueCount { value, count }).collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    counts.truncate(TOP_VALUES);
    counts
}

fn distinct_count(data: &ColumnData) -> usize {
    match data {
        ColumnData::Number(v) => v.iter().filter(|x| !x.is_nan()).map(|x| x.to_bits()).collect::<HashSet<_>>().len(),
        ColumnData::Integer(v) => v.iter().flatten().collect::<HashSet<_>>().len(),
        ColumnData::Boolean(v) => v.iter().flatten().collect::<HashSet<_>>().len(),
        ColumnData::Date(v) => v.iter().flatten().collect::<HashSet<_>>().len(),
        ColumnData::Category { codes, .. } => codes.iter().flatten().collect::<HashSet<_>>().len(),
        ColumnData::Text(v) => v.iter().flatten().collect::<HashSet<_>>().len(),
    }
}

/// Rows equal to an earlier row in every column (pandas `duplicated().sum()`).
fn count_duplicate_rows(table: &Table) -> usize {
    let rows = table.row_count();
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut duplicates = 0;
    for row in 0..rows {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for column in &table.columns {
            column.data.text_at(row).hash(&mut hasher);
        }
        let bucket = seen.entry(hasher.finish()).or_default();
        if bucket.iter().any(|&other| rows_equal(table, row, other)) {
            duplicates += 1;
        } else {
            bucket.push(row);
        }
    }
    duplicates
}

fn rows_equal(table: &Table, a: usize, b: usize) -> bool {
    table.columns.iter().all(|c| c.data.text_at(a) == c.data.text_at(b))
}

fn alerts(rows: usize, columns: &[ColumnProfile], duplicate_rows: usize) -> Vec<Alert> {
    let mut alerts = Vec::new();
    let mut push = |kind: &str, columns: Vec<String>, message: String| {
        alerts.push(Alert { kind: kind.to_string(), columns, message });
    };
    if duplicate_rows > 0 {
        push(
            "duplicate_rows",
            Vec::new(),
            format!("{duplicate_rows} rows repeat an earlier row exactly; they can bias counts and models."),
        );
    }
    for c in columns {
        let name = vec![c.name.clone()];
        if rows > 0 && c.missing == rows {
            push("empty", name, format!("'{}' is empty: every value is missing.", c.name));
            continue;
        }
        if rows > 1 && c.distinct == 1 {
            push("constant", name.clone(), format!("'{}' has the same value in every row, so it carries no information.", c.name));
        }
        let missing_share = c.missing as f64 / rows.max(1) as f64;
        if missing_share >= 0.2 {
            push(
                "high_missing",
                name.clone(),
                format!("'{}' is missing in {:.0}% of rows; consider imputing or dropping it.", c.name, missing_share * 100.0),
            );
        }
        if is_identifier_like(c, rows) {
            push(
                "identifier",
                name.clone(),
                format!("'{}' is different in every row, like an identifier; it cannot help a model generalise.", c.name),
            );
        } else if c.column_type == ColumnType::Category && c.distinct > 50 {
            push(
                "high_cardinality",
                name,
                format!("'{}' has {} different categories; one-hot encoding it makes many columns.", c.name, c.distinct),
            );
        }
    }
    alerts
}

/// A text or integer column whose every present value is different (and there are enough rows
/// for that to mean something).
pub fn is_identifier_like(c: &ColumnProfile, rows: usize) -> bool {
    rows >= 10
        && matches!(c.column_type, ColumnType::Text | ColumnType::Integer | ColumnType::Category)
        && c.count > 0
        && c.distinct == c.count
        && c.count as f64 >= 0.95 * rows as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::Column;

    #[test]
    fn numeric_statistics_match_pandas() {
        // pandas.Series([1, 2, 4, None]).describe(): count 3, mean 7/3, std 1.527525231651947.
        let t = Table::new("t", vec![Column::new("x", ColumnData::Number(vec![1.0, 2.0, 4.0, f64::NAN]))]).unwrap();
        let r = profile(&t);
        let c = &r.columns[0];
        assert_eq!((c.count, c.missing, c.distinct), (3, 1, 3));
        assert!((c.mean.unwrap() - 7.0 / 3.0).abs() < 1e-12);
        assert!((c.std.unwrap() - 1.527525231651947).abs() < 1e-12);
        assert_eq!((c.min, c.max, c.median), (Some(1.0), Some(4.0), Some(2.0)));
        assert_eq!(c.histogram.iter().map(|b| b.count).sum::<usize>(), 3);
    }

    #[test]
    fn counts_duplicate_rows_like_pandas() {
        let t = Table::new(
            "t",
            vec![
                Column::new("a", ColumnData::Integer(vec![Some(1), Some(1), Some(2), Some(1)])),
                Column::new("b", ColumnData::Text(vec![Some("x".into()), Some("x".into()), None, Some("x".into())])),
            ],
        )
        .unwrap();
        let r = profile(&t);
        assert_eq!(r.duplicate_rows, 2);
        assert_eq!(r.missing_cells, 1);
        assert!(r.alerts.iter().any(|a| a.kind == "duplicate_rows"));
    }
}
