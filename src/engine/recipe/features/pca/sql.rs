//! PCA as SQL: each component's score is the sum of (value − training mean) × loading over the
//! inputs, added in Sift's order from 0; a row with a missing input gets `NULL` scores. The
//! `pca_<i>` columns go where Sift puts them (at the first input's place).

use super::PcaFitted;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{SqlColumn, SqlFrame, SqlStep};

impl PcaFitted {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        before.require(&self.columns)?;
        let inputs = self.columns.iter().map(|c| before.number(c)).collect::<Result<Vec<_>, _>>()?;
        let position = before.position(self.columns.first().map_or("", String::as_str))?;
        let mut columns = before.unchanged();
        if !self.keep_inputs {
            columns.retain(|c| !self.columns.contains(&c.name));
        }
        let scores: Vec<SqlColumn> = self
            .components
            .iter()
            .enumerate()
            .map(|(i, loadings)| {
                let terms: String = inputs
                    .iter()
                    .zip(&self.means)
                    .zip(loadings)
                    .map(|((x, mean), w)| format!(" + ({x} - {}) * {}", d.number(*mean), d.number(*w)))
                    .collect();
                SqlColumn::new(format!("pca_{}", i + 1), ColumnType::Number, format!("0e0{terms}"))
            })
            .collect();
        if let Some(taken) = scores.iter().find(|s| columns.iter().any(|c| c.name == s.name)) {
            return Err(format!("a column named '{}' already exists", taken.name));
        }
        let at = position.min(columns.len());
        columns.splice(at..at, scores);
        Ok(SqlFrame::step(columns))
    }
}
