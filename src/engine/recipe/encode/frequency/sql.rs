//! Frequency encoding as SQL: each learned category's share by a `CASE`; unseen labels get 0
//! and missing ones `NULL`, as in Sift.

use super::FrequencyFitted;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{lookup, SqlFrame, SqlStep};

impl FrequencyFitted {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        before.map_columns(|name, _| {
            let Some(encoding) = self.encodings.iter().find(|e| e.column == name) else { return Ok(None) };
            let shares: Vec<(String, String)> =
                encoding.values.iter().map(|(c, f)| (c.clone(), d.number(*f))).collect();
            let expr = lookup(&before.label(name)?, &shares, &d.number(0.0), &d.number(f64::NAN), d);
            Ok(Some((ColumnType::Number, expr)))
        })
    }
}
