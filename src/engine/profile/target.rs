//! Alerts that need a target: a class balance too skewed to learn from, and columns that
//! alone predict the target almost perfectly (likely leaks of the answer).

use std::borrow::Cow;
use std::collections::HashMap;

use super::alerts::{count, percent};
use super::correlation::numbers;
use super::is_identifier_like;
use super::leakage::{categorical_class_score, categorical_r2, numeric_class_score, MIN_SHARED_ROWS, NO_LABEL};
use super::report::{Alert, ColumnProfile};
use crate::engine::base::stats::{finite_mean, pearson_shifted, takes_part};
use crate::engine::base::table::{ColumnData, ColumnType, Table};

/// A class whose share is below this makes the target imbalanced.
const MINORITY_SHARE: f64 = 0.10;
/// A column predicting at least this share of rows (or R²) may leak the target.
const LEAK_SCORE: f64 = 0.99;
/// Most rows the leakage scores look at.
const LEAK_SAMPLE_ROWS: usize = 200_000;

/// The target's values as the checks need them.
enum Target {
    /// Classes as dense codes ([`NO_LABEL`] for missing) and their names.
    Classes(Vec<u32>, Vec<String>),
    /// Numbers with `NaN` for missing.
    Numbers(Vec<f64>),
}

/// Imbalance and leakage alerts for the column `target` (profiled in `profiles`).
pub(super) fn target_alerts(table: &Table, target: &str, profiles: &[ColumnProfile]) -> Vec<Alert> {
    let (Some(column), Some(profile)) = (table.column(target), profiles.iter().find(|p| p.name == target)) else {
        return Vec::new();
    };
    let classify = match profile.column_type {
        ColumnType::Category | ColumnType::Text | ColumnType::Boolean => true,
        ColumnType::Integer => profile.distinct <= 10,
        ColumnType::Number => false,
        ColumnType::Date | ColumnType::DateTime => return Vec::new(),
    };
    let mut alerts: Vec<Alert> = imbalance(target, &target_values(&column.data, classify)).into_iter().collect();
    // Leakage is scored on evenly spaced rows of a large table: plenty to tell 99% from less.
    let rows = table.row_count();
    let sample = (rows > LEAK_SAMPLE_ROWS).then(|| {
        let step = rows as f64 / LEAK_SAMPLE_ROWS as f64;
        table.take(&(0..LEAK_SAMPLE_ROWS).map(|i| (i as f64 * step) as usize).collect::<Vec<_>>())
    });
    let scored = sample.as_ref().unwrap_or(table);
    let Some(target_column) = scored.column(target) else { return alerts };
    let values = target_values(&target_column.data, classify);
    for (other, p) in scored.columns.iter().zip(profiles) {
        if other.name == target || is_identifier_like(p, rows) || p.distinct < 2 {
            continue;
        }
        if let Some(message) = leak(&other.data, &other.name, target, &values) {
            alerts.push(Alert::new("target_leakage", &[&other.name, target], message));
        }
    }
    alerts
}

fn target_values(data: &ColumnData, classify: bool) -> Target {
    if classify {
        let (codes, labels) = label_codes(data);
        Target::Classes(codes, labels)
    } else {
        Target::Numbers(as_numbers(data).map(Cow::into_owned).unwrap_or_default())
    }
}

fn imbalance(target: &str, values: &Target) -> Option<Alert> {
    let Target::Classes(codes, labels) = values else { return None };
    let mut counts = vec![0usize; labels.len()];
    for &c in codes.iter().filter(|&&c| c != NO_LABEL) {
        counts[c as usize] += 1;
    }
    let total: usize = counts.iter().sum();
    let rarest = (0..counts.len()).min_by_key(|&i| (counts[i], &labels[i]))?;
    let share = counts[rarest] as f64 / total.max(1) as f64;
    (counts.len() >= 2 && share < MINORITY_SHARE).then(|| {
        let message = format!(
            "The target '{target}' is imbalanced: its rarest class '{}' is only {} of labelled rows ({} of {}).",
            labels[rarest],
            percent(share),
            count(counts[rarest]),
            count(total)
        );
        Alert::new("imbalanced_target", &[target], message)
    })
}

/// A message when `data` alone predicts the target almost perfectly.
fn leak(data: &ColumnData, name: &str, target: &str, values: &Target) -> Option<String> {
    let numeric = as_numbers(data);
    match values {
        Target::Classes(classes, _) => {
            let s = match &numeric {
                Some(x) => numeric_class_score(x, classes)?,
                None => categorical_class_score(&label_codes(data).0, classes)?,
            };
            let (error, baseline_error) = (1.0 - s.accuracy, 1.0 - s.baseline);
            (s.accuracy >= LEAK_SCORE && baseline_error > 0.0 && error <= 0.2 * baseline_error).then(|| {
                format!(
                    "'{name}' alone predicts '{target}' for {} of rows, so it may leak the answer; check it is known before the outcome.",
                    percent(s.accuracy)
                )
            })
        }
        Target::Numbers(y) => {
            let r2 = match &numeric {
                Some(x) => {
                    let (mx, my) = (finite_mean(x), finite_mean(y));
                    let shared = x.iter().zip(y).filter(|(a, b)| takes_part(**a) && takes_part(**b)).count();
                    (shared >= MIN_SHARED_ROWS).then(|| pearson_shifted(x, y, mx, my)).flatten()?.powi(2)
                }
                None => {
                    let (codes, labels) = label_codes(data);
                    categorical_r2(&codes, labels.len(), y)?.0
                }
            };
            (r2 >= LEAK_SCORE).then(|| {
                format!(
                    "'{name}' alone explains {} of the variation in '{target}' (R² {r2:.3}), so it may leak the answer; check it is known before the outcome.",
                    percent(r2)
                )
            })
        }
    }
}

/// Numbers, integers and dates as numbers (`NaN` for missing); `None` for other types.
fn as_numbers(data: &ColumnData) -> Option<Cow<'_, [f64]>> {
    match data {
        ColumnData::Date(_) | ColumnData::DateTime(_) => data.to_numbers().map(Cow::Owned),
        _ => numbers(data),
    }
}

/// Any column as dense class codes (by display text) and the class names, in order of
/// first appearance.
fn label_codes(data: &ColumnData) -> (Vec<u32>, Vec<String>) {
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut labels = Vec::new();
    let mut code_of = |text: &str| {
        *index.entry(text.to_string()).or_insert_with(|| {
            labels.push(text.to_string());
            (labels.len() - 1) as u32
        })
    };
    let codes: Vec<u32> = match data {
        ColumnData::Category { codes, levels } => {
            let dense: Vec<u32> = levels.iter().map(|l| code_of(l)).collect();
            codes.iter().map(|c| c.and_then(|c| dense.get(c as usize).copied()).unwrap_or(NO_LABEL)).collect()
        }
        ColumnData::Text(v) => v.iter().map(|t| t.as_deref().map_or(NO_LABEL, &mut code_of)).collect(),
        _ => (0..data.len()).map(|i| data.text_at(i).map_or(NO_LABEL, |t| code_of(&t))).collect(),
    };
    // Levels that never occur would count as classes of size zero.
    let mut used = vec![false; labels.len()];
    codes.iter().filter(|&&c| c != NO_LABEL).for_each(|&c| used[c as usize] = true);
    if used.iter().all(|&u| u) {
        return (codes, labels);
    }
    let mut new_code = vec![NO_LABEL; labels.len()];
    let mut kept = Vec::new();
    for (i, label) in labels.into_iter().enumerate().filter(|(i, _)| used[*i]) {
        new_code[i] = kept.len() as u32;
        kept.push(label);
    }
    (codes.into_iter().map(|c| if c == NO_LABEL { c } else { new_code[c as usize] }).collect(), kept)
}
