//! Find and replace, literally or with a regular expression.

mod onnx;
mod sql;

use crate::engine::base::error::{Error, Result};
use regex::{NoExpand, Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use super::map_columns;
use crate::engine::base::table::Table;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, LABELS};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};

/// Replaces every occurrence of `find` in each value by `replace`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FindReplace {
    pub columns: Vec<String>,
    pub find: String,
    pub replace: String,
    /// `find` is a regular expression (Rust `regex` syntax; `$1` in `replace` is group 1).
    pub regex: bool,
    pub case_sensitive: bool,
}

impl StepKind for FindReplace {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::TextAndCategories,
            "Find and replace",
            "Replaces a piece of text, or a regular expression, by another in every value.",
            vec![
                Param::new("columns", "Columns", "The text or category columns to change.", ParamKind::columns(LABELS)),
                Param::new("find", "Find", "The text (or regular expression) to look for.", ParamKind::text("")),
                Param::new("replace", "Replace with", "What to put instead; may be empty.", ParamKind::text("")),
                Param::new(
                    "regex",
                    "Regular expression",
                    "Read 'Find' as a regular expression ($1 in the replacement is group 1).",
                    ParamKind::Bool { default: false },
                ),
                Param::new(
                    "case_sensitive",
                    "Match case",
                    "Whether upper and lower case must match.",
                    ParamKind::Bool { default: true },
                ),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(format!("'{}' → '{}'", self.find, self.replace))
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        self.pattern()?;
        Ok(self.clone())
    }
}

impl FittedKind for FindReplace {
    fn apply(&self, table: Table) -> Result<Table> {
        let pattern = self.pattern()?;
        map_columns(table, &self.columns, |label| {
            if self.regex {
                pattern.replace_all(label, self.replace.as_str()).into_owned()
            } else {
                pattern.replace_all(label, NoExpand(&self.replace)).into_owned()
            }
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
        graph: &mut crate::engine::base::onnx::GraphBuilder,
        before: &crate::engine::recipe::onnx::OnnxFrame,
    ) -> std::result::Result<Vec<crate::engine::recipe::onnx::OnnxColumn>, String> {
        self.to_onnx(graph, before)
    }
}

impl FindReplace {
    fn pattern(&self) -> Result<Regex> {
        if self.find.is_empty() {
            return Err("give the text to find".into());
        }
        let source = if self.regex { self.find.clone() } else { regex::escape(&self.find) };
        RegexBuilder::new(&source)
            .case_insensitive(!self.case_sensitive)
            .build()
            .map_err(|e| Error::other(format!("'{}' is not a valid regular expression: {e}", self.find)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::{Column, ColumnData};

    #[test]
    fn replaces_literally_or_by_pattern() {
        let t = Table::new("t", vec![Column::new("c", ColumnData::Text(vec![Some("a.b A.B".into()), None]))]).unwrap();
        let mut step = FindReplace {
            columns: vec!["c".into()],
            find: "a.".into(),
            replace: "$1".into(),
            regex: false,
            case_sensitive: false,
        };
        let out = step.fit(&t, &FitContext::default()).unwrap().apply(t.clone()).unwrap();
        assert_eq!(out.columns[0].data, ColumnData::Text(vec![Some("$1b $1B".into()), None]));
        step = FindReplace {
            find: r"(\w)\.(\w)".into(),
            replace: "$2$1".into(),
            regex: true,
            case_sensitive: true,
            ..step
        };
        let out = step.apply(t).unwrap();
        assert_eq!(out.columns[0].data.text_at(0).as_deref(), Some("ba BA"));
        step.find = "(".into();
        assert!(step.fit(&out, &FitContext::default()).unwrap_err().contains("not a valid"));
    }
}
