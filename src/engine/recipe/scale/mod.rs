//! Scaling and transforms of numeric columns, learned on the training rows.

mod affine;
mod log;
mod minimize;
mod yeo_johnson;

pub use affine::{MinMaxScale, RobustScale, Scale, ScaleFitted, StandardScale};
pub use log::Log1p;
pub use yeo_johnson::{YeoJohnson, YeoJohnsonFitted};

use super::finite::checked_output;
use super::values::{numeric_column, update_column};
use crate::engine::base::error::Result;
use crate::engine::base::table::{ColumnData, Table};

/// `table` with numeric column `name` replaced by `f` of each present value, as numbers
/// (missing stays missing); an error when `f` makes a finite value infinite.
fn map_numbers(table: &mut Table, name: &str, f: impl Fn(f64) -> f64) -> Result<()> {
    let values = numeric_column(table, name)?;
    let mapped = values
        .into_iter()
        .enumerate()
        .map(|(row, x)| if x.is_nan() { Ok(x) } else { checked_output(name, row, x, f(x)) })
        .collect::<Result<Vec<f64>>>()?;
    update_column(table, name, |_| Ok(ColumnData::Number(mapped.into())))
}
