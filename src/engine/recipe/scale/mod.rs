//! Scaling and transforms of numeric columns, learned on the training rows.

mod affine;
mod log;
mod minimize;
mod yeo_johnson;

pub use affine::{MinMaxScale, RobustScale, Scale, ScaleFitted, StandardScale};
pub use log::Log1p;
pub use yeo_johnson::{YeoJohnson, YeoJohnsonFitted};

use super::values::{numeric_column, update_column};
use crate::engine::table::{ColumnData, Table};

/// `table` with numeric column `name` replaced by `f` of each present value, as numbers
/// (missing stays missing).
fn map_numbers(table: &mut Table, name: &str, f: impl Fn(f64) -> f64) -> Result<(), String> {
    let values = numeric_column(table, name)?;
    let mapped = values.into_iter().map(|x| if x.is_nan() { x } else { f(x) }).collect();
    update_column(table, name, |_| Ok(ColumnData::Number(mapped)))
}
