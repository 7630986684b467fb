//! Polynomial and interaction terms: products of the chosen numeric columns, in
//! scikit-learn's PolynomialFeatures order (without its constant and first-degree terms,
//! which are the columns themselves).

mod onnx;
mod python;
mod sql;

use crate::engine::base::error::{Error, Result};
use serde::{Deserialize, Serialize};

use crate::engine::base::table::{Column, ColumnData, Table};
use crate::engine::recipe::finite::overflow;
use crate::engine::recipe::schema::{Family, Param, ParamKind, StepInfo, NUMERIC};
use crate::engine::recipe::step::{FitContext, FittedKind, StepKind};
use crate::engine::recipe::values::{ensure_new_names, numeric_column};

/// At most this many new columns, to keep the table in memory.
const MAX_TERMS: usize = 500;

/// Adds the products of `columns` up to `degree`, at the end, named like `a^2*b`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Polynomial {
    pub columns: Vec<String>,
    pub degree: usize,
    /// Only products of different columns (`a*b`, not `a^2`).
    pub interaction_only: bool,
}

impl StepKind for Polynomial {
    type Fitted = Self;

    fn info() -> StepInfo {
        StepInfo::new(
            Family::Features,
            "Polynomial terms",
            "Adds products of the chosen columns (squares and interactions such as a × b) as new columns.",
            vec![
                Param::new("columns", "Columns", "The numeric columns to combine.", ParamKind::columns(NUMERIC)),
                Param::new(
                    "degree",
                    "Degree",
                    "The highest power (2: squares and pairs).",
                    ParamKind::integer(2, Some(2), Some(5)),
                ),
                Param::new(
                    "interaction_only",
                    "Interactions only",
                    "Only products of different columns, no powers.",
                    ParamKind::Bool { default: false },
                ),
            ],
        )
    }

    fn detail(&self) -> Option<String> {
        Some(if self.interaction_only {
            format!("interactions up to degree {}", self.degree)
        } else {
            format!("degree {}", self.degree)
        })
    }

    fn fit(&self, _: &Table, _: &FitContext) -> Result<Self> {
        let terms = self.terms();
        if terms.len() > MAX_TERMS {
            return Err(Error::other(format!(
                "this would add {} columns (at most {MAX_TERMS}); choose fewer columns or a lower degree",
                terms.len()
            )));
        }
        Ok(self.clone())
    }

    fn python(&self) -> std::result::Result<crate::engine::recipe::python::PythonStep, String> {
        Ok(self.to_python())
    }
}

impl Polynomial {
    /// Each new column as the indices of the columns it multiplies (non-decreasing).
    fn terms(&self) -> Vec<Vec<usize>> {
        let p = self.columns.len();
        let mut all = Vec::new();
        let mut current: Vec<Vec<usize>> = (0..p).map(|i| vec![i]).collect();
        for _ in 2..=self.degree {
            let next: Vec<Vec<usize>> = current
                .iter()
                .flat_map(|term| {
                    let last = term.last().copied().unwrap_or(0);
                    let from = if self.interaction_only { last + 1 } else { last };
                    (from..p).map(move |i| term.iter().copied().chain([i]).collect())
                })
                .collect();
            all.extend(next.iter().cloned());
            current = next;
            if all.len() > MAX_TERMS {
                break;
            }
        }
        all
    }

    /// `a^2*b` for the term `[a, a, b]`.
    fn name(&self, term: &[usize]) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut i = 0;
        while let Some(&column) = term.get(i) {
            let power = term[i..].iter().take_while(|c| **c == column).count();
            let name = self.columns.get(column).map_or("?", String::as_str);
            parts.push(if power == 1 { name.to_string() } else { format!("{name}^{power}") });
            i += power;
        }
        parts.join("*")
    }
}

impl FittedKind for Polynomial {
    fn apply(&self, mut table: Table) -> Result<Table> {
        let inputs = self.columns.iter().map(|c| numeric_column(&table, c)).collect::<Result<Vec<_>, _>>()?;
        let terms = self.terms();
        let names: Vec<String> = terms.iter().map(|t| self.name(t)).collect();
        ensure_new_names(&table, &names)?;
        let rows = table.row_count();
        for (term, name) in terms.iter().zip(names) {
            let mut values = vec![1.0; rows];
            for column in term.iter().filter_map(|c| inputs.get(*c)) {
                values.iter_mut().zip(column).for_each(|(v, x)| *v *= x);
            }
            let finite_inputs = |row: usize| term.iter().all(|c| inputs.get(*c).is_none_or(|x| x[row].is_finite()));
            if let Some(row) = (0..rows).find(|&row| values[row].is_infinite() && finite_inputs(row)) {
                let used: Vec<(&str, f64)> =
                    self.columns.iter().zip(&inputs).map(|(c, x)| (c.as_str(), x[row])).collect();
                return Err(overflow(&format!("'{name}'"), row, &used));
            }
            table.columns.push(Column::new(name, ColumnData::Number(values.into())));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_follow_scikit_learn_order() {
        let step = Polynomial { columns: vec!["a".into(), "b".into()], degree: 3, interaction_only: false };
        let names: Vec<String> = step.terms().iter().map(|t| step.name(t)).collect();
        // PolynomialFeatures(3).get_feature_names_out(["a", "b"])[3:]
        assert_eq!(names, ["a^2", "a*b", "b^2", "a^3", "a^2*b", "a*b^2", "b^3"]);
        let only = Polynomial { interaction_only: true, ..step };
        assert_eq!(only.terms().iter().map(|t| only.name(t)).collect::<Vec<_>>(), ["a*b"]);
    }
}
