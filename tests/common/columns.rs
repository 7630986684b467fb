//! Small tables for tests: a category column from its values, a table from named columns.

#![allow(dead_code)]

use sift::engine::base::table::{Column, ColumnData, Table};

/// A category column whose levels are the values in order of first appearance.
pub fn category<S: AsRef<str>>(values: &[S]) -> ColumnData {
    let mut levels: Vec<String> = Vec::new();
    let codes = values
        .iter()
        .map(|v| {
            let code = levels.iter().position(|l| l == v.as_ref()).unwrap_or_else(|| {
                levels.push(v.as_ref().to_string());
                levels.len() - 1
            });
            Some(code as u32)
        })
        .collect();
    ColumnData::Category { codes, levels }
}

/// A table named "t" of `columns`.
pub fn table(columns: Vec<(&str, ColumnData)>) -> Table {
    Table::new("t", columns.into_iter().map(|(n, d)| Column::new(n, d)).collect()).unwrap()
}
