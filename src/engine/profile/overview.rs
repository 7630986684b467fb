//! Table-wide figures: memory used and columns per type.

use std::mem::size_of;

use super::report::TypeCount;
use crate::engine::base::table::{ColumnData, ColumnType, Table};

/// Estimated bytes of the typed table: each column's value storage plus its strings.
pub(super) fn memory_bytes(table: &Table) -> u64 {
    let strings = |v: &[Option<String>]| v.iter().flatten().map(|s| s.capacity() as u64).sum::<u64>();
    table
        .columns
        .iter()
        .map(|c| {
            let n = c.data.len() as u64;
            let values = match &c.data {
                ColumnData::Number(v) => v.bytes() as u64,
                ColumnData::Integer(v) => v.bytes() as u64,
                ColumnData::DateTime(v) => v.bytes() as u64,
                ColumnData::Boolean(_) => n * size_of::<Option<bool>>() as u64,
                ColumnData::Date(v) => v.bytes() as u64,
                ColumnData::Category { codes, levels } => {
                    codes.bytes() as u64
                        + levels.iter().map(|l| (size_of::<String>() + l.capacity()) as u64).sum::<u64>()
                }
                ColumnData::Text(v) => n * size_of::<Option<String>>() as u64 + strings(v),
            };
            values + (size_of::<String>() + c.name.len()) as u64
        })
        .sum()
}

/// Columns per type, in the order of [`ColumnType`]; types without columns left out.
pub(super) fn type_counts(table: &Table) -> Vec<TypeCount> {
    use ColumnType::*;
    [Number, Integer, Boolean, Date, DateTime, Category, Text]
        .into_iter()
        .map(|t| TypeCount { column_type: t, count: table.columns.iter().filter(|c| c.column_type() == t).count() })
        .filter(|t| t.count > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::Column;

    #[test]
    fn counts_types_and_bytes() {
        let t = Table::new(
            "t",
            vec![
                Column::new("x", ColumnData::Number(vec![1.0, 2.0].into())),
                Column::new("s", ColumnData::Text(vec![Some("abc".into()), None])),
            ],
        )
        .unwrap();
        let counts = type_counts(&t);
        assert_eq!(counts.len(), 2);
        assert_eq!((counts[0].column_type, counts[0].count), (ColumnType::Number, 1));
        let expected = 16 + 2 * size_of::<Option<String>>() + 3 + 2 * size_of::<String>() + 2;
        assert_eq!(memory_bytes(&t), expected as u64);
    }
}
