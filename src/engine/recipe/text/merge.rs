//! Merging categories by hand: each group of values becomes one value.

mod onnx;
mod python;
mod sql;
pub(super) use onnx::merges_onnx;
pub(super) use python::merges_python;
pub(super) use sql::merges_sql;

use crate::engine::base::error::Result;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::engine::base::table::Table;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, LABELS};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{map_labels, update_column};

/// Values `from` all become `to`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Merge {
    pub from: Vec<String>,
    pub to: String,
}

/// Rewrites the values of `column` as `merges` say.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MergeCategories {
    pub column: String,
    pub merges: Vec<Merge>,
}

impl StepKind for MergeCategories {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::TextAndCategories,
            "Merge categories",
            "Turns each group of values into one value, e.g. \"NY\" and \"N.Y.\" into \"New York\".",
            vec![
                Param::new("column", "Column", "The text or category column.", ParamKind::column(LABELS)),
                Param::new("merges", "Merges", "Each group of values and the value they become.", ParamKind::Merges),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(merge_summary(&self.merges))
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl FittedKind for MergeCategories {
    fn apply(&self, table: Table) -> Result<Table> {
        apply_merges(table, &self.column, &self.merges)
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

/// "3 groups into 'New York', 'Boston', …".
pub fn merge_summary(merges: &[Merge]) -> String {
    let targets: Vec<String> = merges.iter().take(3).map(|m| format!("'{}'", m.to)).collect();
    let more = if merges.len() > 3 { ", …" } else { "" };
    let groups = if merges.len() == 1 { "group" } else { "groups" };
    format!("{} {groups} into {}{more}", merges.len(), targets.join(", "))
}

/// `table` with the values of `column` merged as `merges` say (a later group wins a value
/// two groups name).
pub fn apply_merges(mut table: Table, column: &str, merges: &[Merge]) -> Result<Table> {
    let mut into: HashMap<&str, &str> = HashMap::new();
    for merge in merges {
        for from in &merge.from {
            into.insert(from, &merge.to);
        }
    }
    update_column(&mut table, column, |data| {
        map_labels(data, |label| Some(into.get(label).map_or(label, |to| *to).to_string()))
    })?;
    Ok(table)
}
