//! Target encoding as SQL: each learned category's smoothed target mean by a `CASE`, the
//! training mean for unseen and missing labels. This is the fitted encoding that new rows get
//! (and `sift predict` uses); the training rows in `sift clean`'s CSV get out-of-fold values
//! instead, which docs/sql.md explains.

use super::TargetEncodeFitted;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{lookup, replace_with, SqlColumn, SqlFrame, SqlStep};

impl TargetEncodeFitted {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let mut columns = before.unchanged();
        for encoding in &self.encodings {
            let label = before.label(&encoding.column)?;
            let number = |values: &[f64], j: usize| d.number(values.get(j).copied().unwrap_or(f64::NAN));
            let outputs = encoding
                .outputs
                .iter()
                .enumerate()
                .map(|(j, output)| {
                    let means: Vec<(String, String)> =
                        encoding.values.iter().map(|(c, v)| (c.clone(), number(v, j))).collect();
                    let prior = number(&encoding.prior, j);
                    SqlColumn::new(output.clone(), ColumnType::Number, lookup(&label, &means, &prior, &prior, d))
                })
                .collect();
            replace_with(&mut columns, &encoding.column, outputs)?;
        }
        Ok(SqlFrame::step(columns))
    }
}
