//! Ordinal encoding: each category becomes its rank in an order (alphabetical, by frequency
//! in the training rows, or the user's own).

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::Result;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::one_hot::Encoding;
use super::{replace_by_lookup, sorted_categories};
use crate::engine::base::table::{ColumnData, Table};
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, DISCRETE};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};

/// The order categories are numbered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrdinalOrder {
    /// Sorted, as scikit-learn's OrdinalEncoder.
    Alphabetical,
    /// The most frequent category in the training rows is 0.
    ByFrequency,
    /// The order of `categories`.
    Custom,
}

/// Replaces each category by its position (0, 1, 2, …) in an order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrdinalEncode {
    pub columns: Vec<String>,
    pub order: OrdinalOrder,
    /// The categories in order, for the custom order.
    pub categories: Vec<String>,
}

/// The learned order of each column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrdinalFitted {
    pub encodings: Vec<Encoding>,
}

impl StepKind for OrdinalEncode {
    type Fitted = OrdinalFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Encoding,
            "Ordinal encode",
            "Replaces each category by its position in an order (0, 1, 2, …); categories not in the order become missing.",
            vec![
                Param::new("columns", "Columns", "The category columns to encode.", ParamKind::columns(DISCRETE)),
                Param::new(
                    "order",
                    "Order",
                    "Alphabetical, most frequent first, or your own order.",
                    ParamKind::choice(&[("alphabetical", "alphabetical"), ("by_frequency", "most frequent first"), ("custom", "my order")], "alphabetical"),
                ),
                Param::new("categories", "My order", "The categories in order, for your own order (e.g. low, medium, high).", ParamKind::TextList),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(match self.order {
            OrdinalOrder::Alphabetical => "alphabetical".into(),
            OrdinalOrder::ByFrequency => "by frequency".into(),
            OrdinalOrder::Custom => self.categories.join(" < "),
        })
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<OrdinalFitted> {
        if self.order == OrdinalOrder::Custom && self.categories.is_empty() {
            return Err("list the categories in order for your own order".into());
        }
        let mut encodings = Vec::with_capacity(self.columns.len());
        for name in &self.columns {
            let mut counted = sorted_categories(&table.require(name)?.data);
            let categories = match self.order {
                OrdinalOrder::Custom => self.categories.clone(),
                OrdinalOrder::Alphabetical => counted.into_iter().map(|(c, _)| c).collect(),
                OrdinalOrder::ByFrequency => {
                    counted.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
                    counted.into_iter().map(|(c, _)| c).collect()
                }
            };
            encodings.push(Encoding { column: name.clone(), categories });
        }
        Ok(OrdinalFitted { encodings })
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        self.to_python()
    }
}

impl FittedKind for OrdinalFitted {
    fn apply(&self, mut table: Table) -> Result<Table> {
        for encoding in &self.encodings {
            let rank: HashMap<&str, Option<i64>> =
                encoding.categories.iter().enumerate().map(|(i, c)| (c.as_str(), Some(i as i64))).collect();
            replace_by_lookup(&mut table, &encoding.column, &rank, (None, None), ColumnData::Integer)?;
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
