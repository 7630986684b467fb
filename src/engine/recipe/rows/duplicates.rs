//! Dropping duplicate rows, judged on all columns or a subset.

mod sql;

use crate::engine::base::error::Result;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::engine::base::table::{ColumnData, Table};
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, ANY};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{keep_rows, require_all, Labels};

/// Keeps the first of each group of rows equal in `columns` (all columns when empty).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DropDuplicates {
    pub columns: Vec<String>,
}

impl StepKind for DropDuplicates {
    type Fitted = Self;
    const REMOVES_ROWS: bool = true;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Rows,
            "Drop duplicate rows",
            "Removes rows equal to an earlier row, keeping the first one.",
            vec![Param::new(
                "columns",
                "Compare on",
                "The columns that must be equal; none chosen compares whole rows.",
                ParamKind::columns_or_all(ANY),
            )],
        )
    }

    fn detail(&self) -> Option<String> {
        self.columns.is_empty().then(|| "whole rows".to_string())
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }
}

impl FittedKind for DropDuplicates {
    fn apply(&self, table: Table) -> Result<Table> {
        require_all(&table, &self.columns)?;
        let columns: Vec<&ColumnData> = table
            .columns
            .iter()
            .filter(|c| self.columns.is_empty() || self.columns.contains(&c.name))
            .map(|c| &c.data)
            .collect();
        let ids = row_ids(&columns, table.row_count());
        let mut seen = vec![false; ids.len()];
        let keep: Vec<bool> = ids.iter().map(|&id| !std::mem::replace(&mut seen[id as usize], true)).collect();
        Ok(keep_rows(table, &keep))
    }

    fn sql(
        &self,
        before: &crate::engine::recipe::sql::SqlFrame,
    ) -> std::result::Result<crate::engine::recipe::sql::SqlStep, String> {
        self.to_sql(before)
    }
}

/// Dense ids of the rows: rows equal in every column get the same id (missing equals
/// missing, `-0.0` equals `0.0`). Built column by column, pairing the id so far with the
/// column's value id.
fn row_ids(columns: &[&ColumnData], rows: usize) -> Vec<u32> {
    let mut ids = vec![0u32; rows];
    for data in columns {
        let mut pairs: HashMap<(u32, u32), u32> = HashMap::with_capacity(rows.min(1 << 16));
        for (id, value) in ids.iter_mut().zip(value_ids(data)) {
            let next = pairs.len() as u32;
            *id = *pairs.entry((*id, value)).or_insert(next);
        }
    }
    ids
}

/// Dense ids of one column's values.
fn value_ids(data: &ColumnData) -> Vec<u32> {
    let keys: Vec<Option<u64>> = match data {
        ColumnData::Number(v) => {
            v.iter().map(|x| (!x.is_nan()).then(|| if x == 0.0 { 0 } else { x.to_bits() })).collect()
        }
        ColumnData::Integer(v) => v.iter().map(|x| x.map(|x| x as u64)).collect(),
        ColumnData::Boolean(v) => v.iter().map(|x| x.map(u64::from)).collect(),
        ColumnData::Date(v) => v.iter().map(|x| x.map(|x| x as u64)).collect(),
        ColumnData::DateTime(v) => v.iter().map(|x| x.map(|x| x as u64)).collect(),
        ColumnData::Category { .. } | ColumnData::Text(_) => {
            return Labels::of(data).codes.iter().map(|c| c.map_or(0, |c| c + 1)).collect()
        }
    };
    let mut index: HashMap<Option<u64>, u32> = HashMap::new();
    keys.into_iter()
        .map(|key| {
            let next = index.len() as u32;
            *index.entry(key).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::Column;

    #[test]
    fn keeps_the_first_of_equal_rows() {
        let t = Table::new(
            "t",
            vec![
                Column::new("x", ColumnData::Number(vec![1.0, f64::NAN, 1.0, f64::NAN, -0.0, 0.0].into())),
                Column::new(
                    "c",
                    ColumnData::Text(vec![
                        Some("a".into()),
                        None,
                        Some("a".into()),
                        None,
                        Some("z".into()),
                        Some("z".into()),
                    ]),
                ),
                Column::new(
                    "k",
                    ColumnData::Integer(vec![Some(1), Some(2), Some(3), Some(2), Some(5), Some(5)].into()),
                ),
            ],
        )
        .unwrap();
        let all = DropDuplicates { columns: vec![] }.apply(t.clone()).unwrap();
        assert_eq!(all.row_count(), 4);
        let subset = DropDuplicates { columns: vec!["x".into(), "c".into()] }.apply(t).unwrap();
        assert_eq!(subset.columns[2].data, ColumnData::Integer(vec![Some(1), Some(2), Some(5)].into()));
    }
}
