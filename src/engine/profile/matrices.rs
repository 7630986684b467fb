//! Which columns go into the correlation heatmaps, within bounds on the work, and the
//! matrices themselves.

use std::borrow::Cow;

use super::association::{cramers_v_matrix, dense_codes};
use super::correlation::{numbers, spearman_matrix};
use super::report::Correlations;
use crate::engine::base::stats::{pearson_matrix, Source};
use crate::engine::base::table::{ColumnType, Table};

/// Most number columns in the heatmaps (the first ones in the table; the alerts check all).
pub const MAX_NUMERIC_COLUMNS: usize = 50;
/// Most category columns in Cramér's V.
pub const MAX_CATEGORY_COLUMNS: usize = 30;
/// Most levels a category may have to take part in Cramér's V.
pub const MAX_CATEGORY_LEVELS: usize = 100;

/// Pearson (and, when `spearman`, Spearman) between number and integer columns, and Cramér's
/// V between category and boolean columns.
pub(super) fn correlations(table: &Table, spearman: bool) -> Correlations {
    let mut out = Correlations::default();
    let numeric: Vec<_> =
        table.columns.iter().filter(|c| matches!(c.column_type(), ColumnType::Number | ColumnType::Integer)).collect();
    if numeric.len() > MAX_NUMERIC_COLUMNS {
        out.capped = true;
        out.notes.push(format!(
            "The heatmaps show the first {MAX_NUMERIC_COLUMNS} of {} number columns; the correlation alerts check them all.",
            numeric.len()
        ));
    }
    let used: Vec<_> = numeric.into_iter().take(MAX_NUMERIC_COLUMNS).collect();
    out.numeric_columns = used.iter().map(|c| c.name.clone()).collect();
    out.pearson = pearson_matrix(&used.iter().filter_map(|c| Source::of(&c.data)).collect::<Vec<_>>());
    out.spearman =
        spearman.then(|| spearman_matrix(&used.iter().filter_map(|c| numbers(&c.data)).collect::<Vec<Cow<[f64]>>>()));

    let mut coded = Vec::new();
    let mut too_many_levels = Vec::new();
    let mut categorical = 0;
    for c in &table.columns {
        if !matches!(c.column_type(), ColumnType::Category | ColumnType::Boolean) {
            continue;
        }
        categorical += 1;
        if coded.len() == MAX_CATEGORY_COLUMNS {
            continue;
        }
        match dense_codes(&c.data, MAX_CATEGORY_LEVELS) {
            Some(codes) => coded.push((c.name.clone(), codes)),
            None => too_many_levels.push(format!("'{}'", c.name)),
        }
    }
    if categorical > coded.len() + too_many_levels.len() {
        out.capped = true;
        out.notes.push(format!("Cramér's V uses the first {MAX_CATEGORY_COLUMNS} category columns of {categorical}."));
    }
    if !too_many_levels.is_empty() {
        out.capped = true;
        out.notes.push(format!(
            "Cramér's V leaves out {} with more than {MAX_CATEGORY_LEVELS} categories.",
            super::alerts::name_list(&too_many_levels, 3)
        ));
    }
    let (names, codes): (Vec<String>, Vec<_>) = coded.into_iter().unzip();
    out.category_columns = names;
    out.cramers_v = cramers_v_matrix(&codes.iter().collect::<Vec<_>>());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::{Column, ColumnData};

    #[test]
    fn leaves_out_categories_with_too_many_levels() {
        let many: Vec<String> = (0..150).map(|i| format!("v{i}")).collect();
        let codes: Vec<Option<u32>> = (0..300).map(|i| Some(i % 150)).collect();
        let few: Vec<Option<u32>> = (0..300).map(|i| Some(i % 3)).collect();
        let t = Table::new(
            "t",
            vec![
                Column::new("many", ColumnData::Category { codes: codes.into(), levels: many }),
                Column::new(
                    "few",
                    ColumnData::Category { codes: few.into(), levels: vec!["a".into(), "b".into(), "c".into()] },
                ),
                Column::new("x", ColumnData::Number((0..300).map(f64::from).collect())),
            ],
        )
        .unwrap();
        let c = correlations(&t, true);
        assert_eq!(c.category_columns, ["few"]);
        assert!(c.capped);
        assert_eq!(c.notes, ["Cramér's V leaves out 'many' with more than 100 categories."]);
        assert_eq!(c.numeric_columns, ["x"]);
        assert_eq!(c.spearman, Some(vec![vec![Some(1.0)]]));
    }
}
