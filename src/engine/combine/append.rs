//! Appending tables that have the same columns, remembering which file each row came from.

use crate::engine::base::error::Result;
use crate::engine::base::table::{Column, ColumnData, Table};

use super::unify::concatenate;

/// The name of the column that says which file a row came from.
pub const SOURCE_COLUMN: &str = "source_file";

/// Whether the tables have the same column names in the same order (and there are two or more).
pub fn same_columns(tables: &[&Table]) -> bool {
    let Some(first) = tables.first() else { return false };
    tables.len() > 1
        && tables.iter().all(|t| {
            t.column_count() == first.column_count()
                && t.columns.iter().zip(&first.columns).all(|(a, b)| a.name == b.name)
        })
}

/// The rows of every table, in order, with a [`SOURCE_COLUMN`] category naming each row's
/// table (a number is added to the name if the tables already have such a column). Also
/// returns notes on columns whose types differed and were kept as text.
pub fn append(name: impl Into<String>, tables: &[&Table]) -> Result<(Table, Vec<String>)> {
    if !same_columns(tables) {
        return Err("only tables with the same column names, in the same order, can be appended".into());
    }
    let mut notes = Vec::new();
    let mut columns = Vec::with_capacity(tables[0].column_count() + 1);
    for (i, first) in tables[0].columns.iter().enumerate() {
        let parts: Vec<&ColumnData> = tables.iter().map(|t| &t.columns[i].data).collect();
        let (data, as_text) = concatenate(&parts);
        if as_text {
            let types: Vec<String> =
                tables.iter().map(|t| format!("{} in {}", t.columns[i].column_type().name(), t.name)).collect();
            notes.push(format!("'{}' has different types ({}), so it was kept as text", first.name, types.join(", ")));
        }
        columns.push(Column::new(first.name.clone(), data));
    }
    let levels: Vec<String> = tables.iter().map(|t| t.name.clone()).collect();
    let codes =
        tables.iter().enumerate().flat_map(|(i, t)| std::iter::repeat_n(Some(i as u32), t.row_count())).collect();
    let source_name = unused_name(tables[0], SOURCE_COLUMN);
    columns.push(Column::new(source_name, ColumnData::Category { codes, levels }));
    Ok((Table::new(name, columns)?, notes))
}

/// `wanted`, or `wanted_2`, `wanted_3`, … the first name the table does not use.
pub(super) fn unused_name(table: &Table, wanted: &str) -> String {
    if table.column(wanted).is_none() {
        return wanted.to_string();
    }
    (2..).map(|n| format!("{wanted}_{n}")).find(|n| table.column(n).is_none()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, xs: Vec<Option<i64>>) -> Table {
        Table::new(name, vec![Column::new("x", ColumnData::Integer(xs.into()))]).unwrap()
    }

    #[test]
    fn appends_rows_with_their_source() {
        let (a, b) = (table("a.csv", vec![Some(1), Some(2)]), table("b.csv", vec![Some(3)]));
        let (t, notes) = append("both", &[&a, &b]).unwrap();
        assert!(notes.is_empty());
        assert_eq!(t.column_names(), ["x", "source_file"]);
        assert_eq!(t.columns[0].data, ColumnData::Integer(vec![Some(1), Some(2), Some(3)].into()));
        let source: Vec<_> = (0..3).map(|i| t.columns[1].data.text_at(i).unwrap()).collect();
        assert_eq!(source, ["a.csv", "a.csv", "b.csv"]);
    }

    #[test]
    fn refuses_different_columns() {
        let a = table("a.csv", vec![Some(1)]);
        let b = Table::new("b.csv", vec![Column::new("y", ColumnData::Integer(vec![Some(1)].into()))]).unwrap();
        assert!(append("both", &[&a, &b]).is_err());
        assert!(append("one", &[&a]).is_err());
    }

    #[test]
    fn keeps_an_existing_source_file_column() {
        let a =
            Table::new("a.csv", vec![Column::new("source_file", ColumnData::Integer(vec![Some(1)].into()))]).unwrap();
        let (t, _) = append("both", &[&a, &a.clone()]).unwrap();
        assert_eq!(t.column_names(), ["source_file", "source_file_2"]);
    }
}
