//! Sampling rows has no SQL translation: Sift draws with its own seeded random generator over
//! the row order, which neither engine can reproduce.

use super::FittedSample;
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

impl FittedSample {
    pub(super) fn to_sql(&self, _: &SqlFrame) -> Result<SqlStep, String> {
        Err("it draws rows with Sift's seeded random generator in file order, which SQL cannot reproduce".into())
    }
}
