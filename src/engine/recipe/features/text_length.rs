//! Text length and word count.

mod onnx;
mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use crate::engine::base::table::{Column, ColumnData, Table};
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, LABELS};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{ensure_new_names, insert_columns, Labels};

/// What to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextMeasure {
    /// Characters, in column `<name>_length`.
    Characters,
    /// Words separated by white space, in column `<name>_words`.
    Words,
}

/// Adds the length and word count of each text after it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TextLength {
    pub columns: Vec<String>,
    pub measures: Vec<TextMeasure>,
}

impl TextMeasure {
    fn suffix(self) -> &'static str {
        match self {
            TextMeasure::Characters => "length",
            TextMeasure::Words => "words",
        }
    }

    fn of(self, text: &str) -> i64 {
        match self {
            TextMeasure::Characters => text.chars().count() as i64,
            TextMeasure::Words => text.split_whitespace().count() as i64,
        }
    }
}

impl StepKind for TextLength {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Features,
            "Text length",
            "Adds the number of characters and of words of each text as new columns.",
            vec![
                Param::new("columns", "Columns", "The text columns to measure.", ParamKind::columns(LABELS)),
                Param::new(
                    "measures",
                    "Measure",
                    "Characters, words, or both.",
                    ParamKind::choices(&[("characters", "characters"), ("words", "words")], &["characters", "words"]),
                ),
            ],
        )
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        if self.measures.is_empty() {
            return Err("choose what to measure: characters, words or both".into());
        }
        Ok(self.clone())
    }
}

impl FittedKind for TextLength {
    fn apply(&self, mut table: Table) -> Result<Table> {
        for name in &self.columns {
            let position = table.require_position(name)?;
            let names: Vec<String> = self.measures.iter().map(|m| format!("{name}_{}", m.suffix())).collect();
            ensure_new_names(&table, &names)?;
            let labels = Labels::of(&table.columns[position].data);
            let added = self
                .measures
                .iter()
                .zip(names)
                .map(|(measure, column)| {
                    let per_level: Vec<Option<i64>> = labels.per_level(|l| Some(measure.of(l)));
                    Column::new(column, ColumnData::Integer(labels.spread(&per_level, None)))
                })
                .collect();
            insert_columns(&mut table, position + 1, added);
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
