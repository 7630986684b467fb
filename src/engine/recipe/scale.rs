//! Standard scaling: (x − mean) / std with the training mean and population std.

use serde::{Deserialize, Serialize};

use super::FittedStep;
use crate::engine::table::{ColumnData, Table};

/// The learned centre and scale of one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    pub column: String,
    pub mean: f64,
    /// Population standard deviation (ddof = 0, as scikit-learn); 1 when it is 0.
    pub std: f64,
}

/// Learns mean and standard deviation of each numeric column, ignoring missing values.
pub fn fit(table: &Table, columns: &[String]) -> Result<FittedStep, String> {
    let mut scales = Vec::with_capacity(columns.len());
    for name in columns {
        let data = &table.require(name)?.data;
        let values = data.to_numbers().ok_or_else(|| {
            format!("'{name}' is a {} column; only numeric columns can be scaled", data.column_type().name())
        })?;
        let present: Vec<f64> = values.into_iter().filter(|x| !x.is_nan()).collect();
        if present.is_empty() {
            return Err(format!("'{name}' has no values in the training rows to learn a scale from"));
        }
        let n = present.len() as f64;
        let mean = present.iter().sum::<f64>() / n;
        let var = present.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
        let std = if var > 0.0 { var.sqrt() } else { 1.0 };
        scales.push(Scale { column: name.clone(), mean, std });
    }
    Ok(FittedStep::StandardScale { scales })
}

/// Scales each column with its learned parameters; missing stays missing.
pub fn apply(mut table: Table, scales: &[Scale]) -> Result<Table, String> {
    for scale in scales {
        let position =
            table.position(&scale.column).ok_or_else(|| format!("there is no column named '{}'", scale.column))?;
        let column = &mut table.columns[position];
        let values = column
            .data
            .to_numbers()
            .ok_or_else(|| format!("'{}' is not numeric, so it cannot be scaled", scale.column))?;
        column.data = ColumnData::Number(values.into_iter().map(|x| (x - scale.mean) / scale.std).collect());
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::table::Column;

    #[test]
    fn matches_scikit_learn_standard_scaler() {
        // StandardScaler().fit([[1],[2],[4]]): mean_ = 7/3, scale_ = sqrt(14/9).
        let t = Table::new("t", vec![Column::new("x", ColumnData::Integer(vec![Some(1), Some(2), Some(4), None]))]).unwrap();
        let FittedStep::StandardScale { scales } = fit(&t, &["x".into()]).unwrap() else { unreachable!() };
        assert!((scales[0].mean - 7.0 / 3.0).abs() < 1e-12);
        assert!((scales[0].std - (14.0f64 / 9.0).sqrt()).abs() < 1e-12);
        let out = apply(t, &scales).unwrap();
        let ColumnData::Number(v) = &out.columns[0].data else { unreachable!() };
        assert!((v[0] - (1.0 - 7.0 / 3.0) / (14.0f64 / 9.0).sqrt()).abs() < 1e-12);
        assert!(v[3].is_nan());
    }
}
