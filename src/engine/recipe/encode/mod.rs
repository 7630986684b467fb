//! Encoding steps: categories into numbers a model can use, learned on the training rows.

mod folds;
mod frequency;
mod one_hot;
mod ordinal;
mod target;

pub use frequency::{Frequencies, FrequencyEncode, FrequencyFitted};
pub use one_hot::{Encoding, OneHot, OneHotFitted};
pub use ordinal::{OrdinalEncode, OrdinalFitted, OrdinalOrder};
pub use target::{TargetEncode, TargetEncodeFitted, TargetEncoding};

use super::values::Labels;
use crate::engine::base::error::Result;
use crate::engine::base::table::ColumnData;

/// The distinct present values of `data` with their row counts, in the order scikit-learn's
/// encoders sort categories: numerically for numeric columns, as text otherwise.
fn sorted_categories(data: &ColumnData) -> Vec<(String, usize)> {
    let labels = Labels::of(data);
    let mut categories: Vec<(String, usize)> =
        labels.levels.iter().cloned().zip(labels.counts()).filter(|(_, n)| *n > 0).collect();
    if data.column_type().is_numeric() {
        let number = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
        categories.sort_by(|a, b| number(&a.0).total_cmp(&number(&b.0)).then_with(|| a.0.cmp(&b.0)));
    } else {
        categories.sort_by(|a, b| a.0.cmp(&b.0));
    }
    categories
}

/// Replaces `column` by one value per row, looked up by label in `lookup`; labels it lacks
/// get `unknown`, missing rows `missing`.
fn replace_by_lookup<T: Clone, C: FromIterator<T>>(
    table: &mut crate::engine::base::table::Table,
    column: &str,
    lookup: &std::collections::HashMap<&str, T>,
    (unknown, missing): (T, T),
    wrap: impl FnOnce(C) -> ColumnData,
) -> Result<()> {
    super::values::update_column(table, column, |data| {
        let labels = Labels::of(&data);
        let per_level = labels.per_level(|l| lookup.get(l.as_str()).cloned().unwrap_or_else(|| unknown.clone()));
        Ok(wrap(labels.spread(&per_level, missing)))
    })
}
