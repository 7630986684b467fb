//! Linear rescaling as SQL: `(x - shift) / scale + offset` with the learned constants, the
//! same double operations in the same order as Sift, so the result is the same number.

use super::ScaleFitted;
use crate::engine::recipe::sql::{SqlFrame, SqlStep};

impl ScaleFitted {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let names: Vec<String> = self.scales.iter().map(|s| s.column.clone()).collect();
        before.map_numbers(&names, |name, x| {
            let s = self
                .scales
                .iter()
                .find(|s| s.column == name)
                .ok_or_else(|| format!("no fitted values for '{name}'"))?;
            Ok(format!("({x} - {}) / {} + {}", d.number(s.shift), d.number(s.scale), d.number(s.offset)))
        })
    }
}
