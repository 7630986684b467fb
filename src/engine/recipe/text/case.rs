//! Changing letter case.

mod python;
mod sql;

use crate::engine::base::error::Result;
use serde::{Deserialize, Serialize};

use super::map_columns;
use crate::engine::base::table::Table;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, LABELS};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};

/// Which case to write in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterCase {
    Lower,
    Upper,
    /// The first letter of each word upper case, the rest lower case.
    Title,
}

/// Rewrites each value in one letter case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeCase {
    pub columns: Vec<String>,
    pub case: LetterCase,
}

impl StepKind for ChangeCase {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::TextAndCategories,
            "Change case",
            "Writes every value in lower, upper or title case, so \"paris\" and \"PARIS\" become one.",
            vec![
                Param::new("columns", "Columns", "The text or category columns to change.", ParamKind::columns(LABELS)),
                Param::new(
                    "case",
                    "Case",
                    "The letter case to write in.",
                    ParamKind::choice(
                        &[("lower", "lower case"), ("upper", "UPPER CASE"), ("title", "Title Case")],
                        "lower",
                    ),
                ),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(
            match self.case {
                LetterCase::Lower => "lower",
                LetterCase::Upper => "upper",
                LetterCase::Title => "title",
            }
            .into(),
        )
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        Ok(self.clone())
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        self.to_python()
    }
}

impl FittedKind for ChangeCase {
    fn apply(&self, table: Table) -> Result<Table> {
        map_columns(table, &self.columns, |label| match self.case {
            LetterCase::Lower => label.to_lowercase(),
            LetterCase::Upper => label.to_uppercase(),
            LetterCase::Title => title_case(label),
        })
    }

    fn sql(
        &self,
        before: &crate::engine::recipe::sql::SqlFrame,
    ) -> std::result::Result<crate::engine::recipe::sql::SqlStep, String> {
        self.to_sql(before)
    }

    fn onnx(
        &self,
        _: &mut crate::engine::base::onnx::GraphBuilder,
        before: &crate::engine::recipe::onnx::OnnxFrame,
    ) -> std::result::Result<Vec<crate::engine::recipe::onnx::OnnxColumn>, String> {
        let _ = before;
        Err("ONNX's StringNormalizer changes case through the C library's locale (it fails where en_US.UTF-8 is not installed, and maps one letter to one letter), not Unicode's full case mapping Sift uses (ß → SS)".into())
    }
}

/// "new YORK city" → "New York City" (white space kept as it is).
fn title_case(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = true;
    for ch in text.chars() {
        if word_start {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        word_start = ch.is_whitespace() || ch == '-';
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn title_case_capitalises_each_word() {
        assert_eq!(super::title_case("new YORK-city  x"), "New York-City  X");
    }
}
