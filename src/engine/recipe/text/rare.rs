//! Grouping rare categories into "Other".

mod onnx;
mod sql;

use crate::engine::base::error::Result;
use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::engine::base::format::count_of;
use crate::engine::base::table::Table;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, LABELS};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{map_labels, update_column, Labels};

/// Which categories count as rare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RareRule {
    /// Fewer than `min_count` training rows.
    MinCount,
    /// Not among the `top_k` most frequent.
    TopK,
}

/// Replaces the rare values of each column by `other`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRare {
    pub columns: Vec<String>,
    pub rule: RareRule,
    pub min_count: usize,
    pub top_k: usize,
    pub other: String,
}

/// The values kept per column; any other value, seen in training or not, becomes `other`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRareFitted {
    pub kept: Vec<KeptValues>,
    pub other: String,
}

/// The frequent values of one column.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeptValues {
    pub column: String,
    pub values: Vec<String>,
}

impl StepKind for GroupRare {
    type Fitted = GroupRareFitted;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::TextAndCategories,
            "Group rare categories",
            "Replaces categories that are rare in the training rows (and new ones) by a single \"Other\".",
            vec![
                Param::new("columns", "Columns", "The text or category columns.", ParamKind::columns(LABELS)),
                Param::new(
                    "rule",
                    "Rare means",
                    "Fewer rows than a minimum, or outside the most frequent few.",
                    ParamKind::choice(
                        &[("min_count", "fewer rows than the minimum"), ("top_k", "not among the most frequent")],
                        "min_count",
                    ),
                ),
                Param::new(
                    "min_count",
                    "Minimum rows",
                    "Categories with fewer training rows are rare.",
                    ParamKind::integer(10, Some(1), None),
                ),
                Param::new(
                    "top_k",
                    "Keep the most frequent",
                    "How many of the most frequent categories to keep.",
                    ParamKind::integer(10, Some(1), None),
                ),
                Param::new("other", "Name for the rest", "The value rare categories become.", ParamKind::text("Other")),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(match self.rule {
            RareRule::MinCount => format!("fewer than {}", count_of(self.min_count, "row")),
            RareRule::TopK => format!("outside the top {}", self.top_k),
        })
    }

    fn fit(&self, table: &Table, _: &FitContext) -> Result<GroupRareFitted> {
        let mut kept = Vec::with_capacity(self.columns.len());
        for name in &self.columns {
            let labels = Labels::of(&table.require(name)?.data);
            let mut counted: Vec<(usize, &String)> =
                labels.counts().into_iter().zip(labels.levels.iter()).filter(|(n, _)| *n > 0).collect();
            counted.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            let values = match self.rule {
                RareRule::MinCount => {
                    counted.iter().filter(|(n, _)| *n >= self.min_count).map(|(_, v)| (*v).clone()).collect()
                }
                RareRule::TopK => counted.iter().take(self.top_k).map(|(_, v)| (*v).clone()).collect(),
            };
            kept.push(KeptValues { column: name.clone(), values });
        }
        Ok(GroupRareFitted { kept, other: self.other.clone() })
    }
}

impl FittedKind for GroupRareFitted {
    fn apply(&self, mut table: Table) -> Result<Table> {
        for column in &self.kept {
            let keep: HashSet<&str> = column.values.iter().map(String::as_str).collect();
            update_column(&mut table, &column.column, |data| {
                map_labels(data, |label| {
                    Some(if keep.contains(label) { label.to_string() } else { self.other.clone() })
                })
            })?;
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
