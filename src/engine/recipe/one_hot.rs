//! One-hot encoding: one 0/1 column per category seen in the training rows.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::FittedStep;
use crate::engine::table::{Column, ColumnData, Table};

/// The categories learned for one column, sorted as scikit-learn's OneHotEncoder sorts them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Encoding {
    pub column: String,
    pub categories: Vec<String>,
}

/// Learns the sorted categories of each column.
pub fn fit(table: &Table, columns: &[String]) -> Result<FittedStep, String> {
    let mut encodings = Vec::with_capacity(columns.len());
    for name in columns {
        let data = &table.require(name)?.data;
        let categories: BTreeSet<String> = (0..data.len()).filter_map(|i| data.text_at(i)).collect();
        if categories.is_empty() {
            return Err(format!("'{name}' has no values in the training rows to learn categories from"));
        }
        encodings.push(Encoding { column: name.clone(), categories: categories.into_iter().collect() });
    }
    Ok(FittedStep::OneHot { encodings })
}

/// Replaces each encoded column, in place, by its 0/1 columns named `column_category`.
/// A category not seen in training, or a missing value, gives all zeros.
pub fn apply(mut table: Table, encodings: &[Encoding]) -> Result<Table, String> {
    for encoding in encodings {
        let position = table
            .position(&encoding.column)
            .ok_or_else(|| format!("there is no column named '{}'", encoding.column))?;
        let source = table.columns.remove(position);
        let texts: Vec<Option<String>> = (0..source.data.len()).map(|i| source.data.text_at(i)).collect();
        let indicators = encoding.categories.iter().map(|category| {
            let flags = texts.iter().map(|t| Some(i64::from(t.as_deref() == Some(category.as_str())))).collect();
            Column::new(format!("{}_{}", encoding.column, category), ColumnData::Integer(flags))
        });
        table.columns.splice(position..position, indicators);
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_in_place_and_ignores_unknown_categories() {
        let train = Table::new(
            "t",
            vec![
                Column::new("a", ColumnData::Number(vec![1.0, 2.0])),
                Column::new("c", ColumnData::Text(vec![Some("y".into()), Some("x".into())])),
            ],
        )
        .unwrap();
        let fitted = fit(&train, &["c".to_string()]).unwrap();
        let FittedStep::OneHot { encodings } = fitted else { unreachable!() };
        let test = Table::new(
            "t",
            vec![
                Column::new("a", ColumnData::Number(vec![3.0, 4.0])),
                Column::new("c", ColumnData::Text(vec![Some("z".into()), Some("y".into())])),
            ],
        )
        .unwrap();
        let out = apply(test, &encodings).unwrap();
        assert_eq!(out.column_names(), ["a", "c_x", "c_y"]);
        assert_eq!(out.columns[1].data, ColumnData::Integer(vec![Some(0), Some(0)]));
        assert_eq!(out.columns[2].data, ColumnData::Integer(vec![Some(0), Some(1)]));
    }
}
