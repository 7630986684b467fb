//! Frequency encoding: each category becomes its share (or count) of the training rows.

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::Result;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{replace_by_lookup, sorted_categories};
use crate::engine::base::table::{ColumnData, Table};
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, DISCRETE};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};

/// Replaces each category by how often it occurs in the training rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrequencyEncode {
    pub columns: Vec<String>,
    /// Shares of the training rows (0–1) rather than counts.
    pub normalize: bool,
}

/// The learned frequency of each category, per column; unseen categories get 0.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrequencyFitted {
    pub encodings: Vec<Frequencies>,
}

/// The frequencies of one column's categories.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frequencies {
    pub column: String,
    pub values: Vec<(String, f64)>,
}

impl StepKind for FrequencyEncode {
    type Fitted = FrequencyFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Encoding,
            "Frequency encode",
            "Replaces each category by how often it occurs in the training rows; new categories get 0.",
            vec![
                Param::new("columns", "Columns", "The category columns to encode.", ParamKind::columns(DISCRETE)),
                Param::new(
                    "normalize",
                    "As shares",
                    "Shares of the training rows with a value (0–1) rather than counts.",
                    ParamKind::Bool { default: true },
                ),
            ],
        )
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<FrequencyFitted> {
        let mut encodings = Vec::with_capacity(self.columns.len());
        for name in &self.columns {
            let counted = sorted_categories(&table.require(name)?.data);
            let rows = counted.iter().map(|(_, n)| n).sum::<usize>().max(1) as f64;
            let values = counted
                .into_iter()
                .map(|(c, n)| (c, if self.normalize { n as f64 / rows } else { n as f64 }))
                .collect();
            encodings.push(Frequencies { column: name.clone(), values });
        }
        Ok(FrequencyFitted { encodings })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for FrequencyFitted {
    fn apply(&self, mut table: Table) -> Result<Table> {
        for encoding in &self.encodings {
            let lookup: HashMap<&str, f64> = encoding.values.iter().map(|(c, f)| (c.as_str(), *f)).collect();
            replace_by_lookup(&mut table, &encoding.column, &lookup, (0.0, f64::NAN), ColumnData::Number)?;
        }
        Ok(table)
    }

    fn sql(
        &self,
        before: &crate::engine::recipe::sql::SqlFrame,
    ) -> std::result::Result<crate::engine::recipe::sql::SqlStep, String> {
        self.to_sql(before)
    }

    fn onnx(
        &self,
        graph: &mut crate::engine::base::onnx::GraphBuilder,
        before: &crate::engine::recipe::onnx::OnnxFrame,
    ) -> std::result::Result<Vec<crate::engine::recipe::onnx::OnnxColumn>, String> {
        self.to_onnx(graph, before)
    }
}
