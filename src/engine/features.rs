//! From a prepared table to what the learners take: a numeric matrix and class labels.

use std::collections::BTreeSet;

use crate::engine::learn::Features;
use crate::engine::table::{ColumnData, Table};

/// The table as a row-major numeric matrix. Every column must be numeric and complete;
/// otherwise the error says which column and row, and which step would fix it.
pub fn feature_matrix(table: &Table) -> Result<Features, String> {
    let rows = table.row_count();
    let cols = table.column_count();
    if cols == 0 {
        return Err("no input columns are left after the recipe; keep at least one column besides the target".into());
    }
    let mut values = vec![0.0; rows * cols];
    for (j, column) in table.columns.iter().enumerate() {
        let numbers = column.data.to_numbers().ok_or_else(|| {
            format!(
                "'{}' is a {} column; a model needs numbers, so encode it (one-hot) or drop it",
                column.name,
                column.column_type().name()
            )
        })?;
        for (i, x) in numbers.into_iter().enumerate() {
            if x.is_nan() {
                return Err(format!(
                    "'{}' is missing in row {}; add an impute step for it (or drop the column)",
                    column.name,
                    i + 1
                ));
            }
            values[i * cols + j] = x;
        }
    }
    Features::new(rows, cols, values).map_err(|e| e.to_string())
}

/// Class labels (indices into the sorted class names) and the sorted class names.
/// Missing values get label 0; callers remove rows with a missing target first.
pub fn class_labels(data: &ColumnData) -> (Vec<u32>, Vec<String>) {
    let texts: Vec<Option<String>> = (0..data.len()).map(|i| data.text_at(i)).collect();
    let classes: Vec<String> = texts.iter().flatten().cloned().collect::<BTreeSet<_>>().into_iter().collect();
    let labels = texts
        .iter()
        .map(|t| t.as_ref().and_then(|t| classes.binary_search(t).ok()).unwrap_or(0) as u32)
        .collect();
    (labels, classes)
}
