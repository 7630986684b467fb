//! The report's data types: what `sift profile --json` prints and the Quality stage shows.

use serde::{Deserialize, Serialize};

use crate::engine::base::table::ColumnType;

/// Version of the report document.
pub const REPORT_VERSION: u32 = 1;

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Document version ([`REPORT_VERSION`]).
    #[serde(default)]
    pub version: u32,
    pub rows: usize,
    pub column_count: usize,
    pub missing_cells: usize,
    /// Missing cells over all cells, 0..=1.
    pub missing_share: f64,
    /// Rows identical to an earlier row.
    pub duplicate_rows: usize,
    /// Estimated bytes the typed table takes in memory (values and strings).
    #[serde(default)]
    pub memory_bytes: u64,
    /// How many columns have each type, in a fixed type order; types with no column left out.
    #[serde(default)]
    pub type_counts: Vec<TypeCount>,
    /// The target the report was made for, when one was chosen and exists.
    #[serde(default)]
    pub target: Option<String>,
    pub columns: Vec<ColumnProfile>,
    pub alerts: Vec<Alert>,
    /// Correlation matrices for a heatmap.
    #[serde(default)]
    pub correlations: Correlations,
}

/// Count of columns of one type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeCount {
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    pub count: usize,
}

/// What one column holds. Statistics that do not apply to its type are `None`.
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
    /// `distinct / count` (`None` when every value is missing).
    #[serde(default)]
    pub unique_share: Option<f64>,
    /// Numbers and integers: the mean (pandas `mean`).
    pub mean: Option<f64>,
    /// Sample standard deviation (ddof = 1, as pandas).
    pub std: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub median: Option<f64>,
    /// First quartile (pandas `quantile(0.25)`, linear interpolation).
    #[serde(default)]
    pub q1: Option<f64>,
    /// Third quartile (pandas `quantile(0.75)`).
    #[serde(default)]
    pub q3: Option<f64>,
    /// Values equal to zero.
    #[serde(default)]
    pub zeros: Option<usize>,
    /// Values below zero.
    #[serde(default)]
    pub negatives: Option<usize>,
    /// Values that are +∞ or −∞.
    #[serde(default)]
    pub infinities: Option<usize>,
    /// Sample skewness (pandas `skew`: adjusted Fisher–Pearson).
    #[serde(default)]
    pub skewness: Option<f64>,
    /// Values outside `[q1 − 1.5·IQR, q3 + 1.5·IQR]`.
    #[serde(default)]
    pub outliers: Option<usize>,
    /// Text and categories: length of the values in characters.
    #[serde(default)]
    pub text_length: Option<LengthStats>,
    /// Dates and datetimes: the earliest value, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`.
    #[serde(default)]
    pub date_min: Option<String>,
    /// Dates and datetimes: the latest value, as `date_min`.
    #[serde(default)]
    pub date_max: Option<String>,
    /// Most frequent values, most frequent first (categories, text, booleans).
    pub top_values: Vec<ValueCount>,
    /// Equal-width histogram (numbers, integers, dates as days since 1970-01-01).
    pub histogram: Vec<Bin>,
}

/// Length of text values in characters (Unicode scalar values, as pandas `str.len`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LengthStats {
    pub min: usize,
    pub mean: f64,
    pub max: usize,
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
///
/// Kinds and their `columns` (docs/alerts.md gives each rule): `duplicate_rows` (none);
/// `hidden_duplicates` (the identifier-like columns left out); `empty`, `constant`,
/// `near_constant`, `high_missing`, `identifier`, `repeated_key`, `high_cardinality`, `skewed`,
/// `outliers`, `heavy_tail`, `placeholder`, `zero_placeholder`, `whitespace`, `mixed_types`,
/// `inconsistent_spelling` (the column); `some_missing` (the column, or every such column when
/// more than 5 share one notice); `high_correlation`, `monotone_relation` (the pair, or every
/// column of the pairs past the first 25); `strong_association` (the pair; a column another
/// determines comes second); `missing_for_a_reason` (the columns missing alike, then the column
/// that explains it); `imbalanced_target` (the target); `target_leakage` (the leaking column,
/// then the target).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// What kind of problem, in snake_case (`outliers`, `high_correlation`, …).
    pub kind: String,
    pub columns: Vec<String>,
    /// One plain-language sentence.
    pub message: String,
}

impl Alert {
    /// An alert of `kind` about `columns`.
    pub fn new(kind: &str, columns: &[&str], message: String) -> Alert {
        Alert { kind: kind.to_string(), columns: columns.iter().map(|c| c.to_string()).collect(), message }
    }
}

/// Square matrices of association between columns, for a heatmap. `None` where a value is
/// not defined (a constant column, too few rows in common).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Correlations {
    /// The number and integer columns, in matrix order.
    pub numeric_columns: Vec<String>,
    /// Pearson correlation over pairwise complete rows (pandas `df.corr()`).
    pub pearson: Vec<Vec<Option<f64>>>,
    /// Spearman rank correlation, when asked for (pandas `df.corr("spearman")`).
    pub spearman: Option<Vec<Vec<Option<f64>>>>,
    /// The category and boolean columns, in matrix order.
    pub category_columns: Vec<String>,
    /// Cramér's V without bias correction (scipy `association(method="cramer")`).
    pub cramers_v: Vec<Vec<Option<f64>>>,
    /// Whether some columns were left out to bound the work.
    pub capped: bool,
    /// Which columns were left out and why, in plain language.
    pub notes: Vec<String>,
}
