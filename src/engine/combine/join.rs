//! Joining two tables on a key column (inner or left), as SQL does.

use crate::engine::base::error::{Error, Result};
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::engine::base::format::count;
use crate::engine::base::table::{Column, Table};

use super::append::unused_name;

/// A join that would make more rows than this is refused (the browser tab would run out
/// of memory long before it finished).
pub const MAX_JOIN_ROWS: usize = 10_000_000;

/// Which rows a join keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinKind {
    /// Only left rows with a matching right row.
    Inner,
    /// Every left row; right columns are missing where nothing matched.
    Left,
}

/// How to join: the key column of each table and which rows to keep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinSpec {
    pub left_key: String,
    pub right_key: String,
    pub how: JoinKind,
}

impl JoinKind {
    /// The name the UI shows.
    pub fn label(self) -> &'static str {
        match self {
            JoinKind::Inner => "inner",
            JoinKind::Left => "left",
        }
    }
}

/// The rows of `left` matched with the rows of `right` whose key has the same value (as
/// text, so the integer 7 matches the text "7"; missing keys match nothing). A left row
/// matching several right rows appears once per match. The right key column is left out,
/// and right columns whose names are taken get `_2`, `_3`, ….
pub fn join(name: impl Into<String>, left: &Table, right: &Table, spec: &JoinSpec) -> Result<Table> {
    let left_key = &left.column(&spec.left_key).ok_or_else(|| missing_key(&spec.left_key, left))?.data;
    let right_key = &right.column(&spec.right_key).ok_or_else(|| missing_key(&spec.right_key, right))?.data;
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for row in 0..right.row_count() {
        if let Some(key) = right_key.text_at(row) {
            by_key.entry(key).or_default().push(row);
        }
    }
    let mut left_rows = Vec::new();
    let mut right_rows: Vec<Option<usize>> = Vec::new();
    for row in 0..left.row_count() {
        match left_key.text_at(row).and_then(|key| by_key.get(&key)) {
            Some(matches) => {
                left_rows.extend(std::iter::repeat_n(row, matches.len()));
                right_rows.extend(matches.iter().map(|&r| Some(r)));
            }
            None if spec.how == JoinKind::Left => {
                left_rows.push(row);
                right_rows.push(None);
            }
            None => {}
        }
        if left_rows.len() > MAX_JOIN_ROWS {
            return Err(Error::other(format!(
                "this join would make more than {} rows: the key '{}' repeats too often on both sides; choose a key that is unique in one of the tables",
                count(MAX_JOIN_ROWS),
                spec.right_key
            )));
        }
    }
    let mut joined = left.take(&left_rows);
    for column in right.columns.iter().filter(|c| c.name != spec.right_key) {
        let name = unused_name(&joined, &column.name);
        joined.columns.push(Column::new(name, column.data.take_optional(&right_rows)));
    }
    joined.name = name.into();
    Ok(joined)
}

fn missing_key(key: &str, table: &Table) -> Error {
    Error::missing_column(key, format!("'{}' has no column named '{key}' to join on", table.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::ColumnData;

    fn people() -> Table {
        Table::new(
            "people.csv",
            vec![
                Column::new("id", ColumnData::Integer(vec![Some(1), Some(2), Some(3), None].into())),
                Column::new(
                    "name",
                    ColumnData::Text(["ann", "bob", "cy", "dee"].map(|s| Some(s.to_string())).to_vec()),
                ),
            ],
        )
        .unwrap()
    }

    fn orders() -> Table {
        Table::new(
            "orders.csv",
            vec![
                Column::new("person", ColumnData::Text(["1", "1", "3", "9"].map(|s| Some(s.to_string())).to_vec())),
                Column::new("name", ColumnData::Number(vec![10.0, 11.0, 30.0, 90.0].into())),
            ],
        )
        .unwrap()
    }

    fn texts(t: &Table, column: usize) -> Vec<Option<String>> {
        (0..t.row_count()).map(|i| t.columns[column].data.text_at(i)).collect()
    }

    #[test]
    fn inner_join_repeats_left_rows_per_match() {
        let spec = JoinSpec { left_key: "id".into(), right_key: "person".into(), how: JoinKind::Inner };
        let t = join("j", &people(), &orders(), &spec).unwrap();
        assert_eq!(t.column_names(), ["id", "name", "name_2"]);
        assert_eq!(texts(&t, 1), [Some("ann"), Some("ann"), Some("cy")].map(|s| s.map(String::from)));
        assert_eq!(texts(&t, 2), [Some("10"), Some("11"), Some("30")].map(|s| s.map(String::from)));
    }

    #[test]
    fn left_join_keeps_unmatched_rows_with_missing_values() {
        let spec = JoinSpec { left_key: "id".into(), right_key: "person".into(), how: JoinKind::Left };
        let t = join("j", &people(), &orders(), &spec).unwrap();
        assert_eq!(t.row_count(), 5);
        assert_eq!(texts(&t, 2), [Some("10"), Some("11"), None, Some("30"), None].map(|s| s.map(String::from)));
    }

    #[test]
    fn names_a_missing_key() {
        let spec = JoinSpec { left_key: "nope".into(), right_key: "person".into(), how: JoinKind::Left };
        let err = join("j", &people(), &orders(), &spec).unwrap_err();
        assert!(err.contains("people.csv") && err.contains("nope"), "{err}");
    }
}
