//! What the models' SQL translations share (each algorithm's stored form writes its own in a
//! `sql.rs` beside it): the inputs they are written over, sums and dot products that add in
//! the order Sift's Rust adds, the class a row's scores pick (the first best, as
//! `Scores::best` picks it) and a decision tree as nested `CASE`.
//!
//! Every number is a `Dialect::number` literal, so the SQL does the same IEEE arithmetic on
//! the same doubles as Sift; constants that Sift derives from stored numbers (a product, a
//! logarithm) are computed here in Rust, exactly as Sift computes them, and written as
//! literals. Only `exp`, `ln` and `power` are left to the engine (within an ulp of Rust's).

use crate::engine::base::sql::{Dialect, ModelSql};

/// What a model's SQL is written over.
pub struct SqlInputs<'a> {
    /// The SQL expression of each model input: a `DOUBLE`, never `NULL`.
    pub features: &'a [String],
    /// The class count the labels index into (0 for regression and clustering).
    pub n_classes: usize,
    pub dialect: Dialect,
}

impl SqlInputs<'_> {
    /// `x` as a `DOUBLE` literal, in parentheses when negative (so that `a - -1e0` never
    /// reads as a comment `--`).
    pub fn number(&self, x: f64) -> String {
        let text = self.dialect.number(x);
        if text.starts_with('-') {
            format!("({text})")
        } else {
            text
        }
    }

    /// The SQL of input `j`, or an error when a stored model names an input it does not have.
    pub fn feature(&self, j: usize) -> Result<&str, String> {
        self.features
            .get(j)
            .map(String::as_str)
            .ok_or_else(|| format!("it uses input {} of {}", j + 1, self.features.len()))
    }

    /// Σ features[j] · weights[j], added one after the other from the first (as an iterator's
    /// `sum` or smartcore's matrix product adds).
    pub fn sequential_dot(&self, weights: &[f64]) -> String {
        sum(self.features.iter().zip(weights).map(|(x, w)| format!("{x} * {}", self.number(*w))))
    }

    /// Σ features[j] · weights[j] added as `base::vector::dot` adds: four running lanes over
    /// the first multiple of four, `(l0 + l1) + (l2 + l3)`, then the rest added in order.
    pub fn lanes_dot(&self, weights: &[f64]) -> String {
        let term = |j: usize| format!("{} * {}", self.features[j], self.number(weights[j]));
        let whole = self.features.len().min(weights.len()) / 4 * 4;
        let rest: Vec<String> = (whole..self.features.len().min(weights.len())).map(term).collect();
        if whole == 0 {
            return sum(rest);
        }
        let lane = |l: usize| sum((l..whole).step_by(4).map(term));
        let lanes = format!("({} + {}) + ({} + {})", lane(0), lane(1), lane(2), lane(3));
        if rest.is_empty() {
            format!("({lanes})")
        } else {
            format!("({lanes} + {})", sum(rest))
        }
    }

    /// The 0-based position (`BIGINT`) of the largest of `scores`, the first on ties: the
    /// class `Scores::best` picks. The list is written once and searched by a lambda.
    pub fn first_largest(&self, scores: &[String]) -> String {
        self.first_position(scores, "max")
    }

    /// The 0-based position (`BIGINT`) of the smallest of `values`, the first on ties (as
    /// `Iterator::min_by` picks).
    pub fn first_smallest(&self, values: &[String]) -> String {
        self.first_position(values, "min")
    }

    fn first_position(&self, values: &[String], extreme: &str) -> String {
        let list = values.join(",\n");
        match self.dialect {
            Dialect::DuckDb => format!(
                "CAST(list_transform([[\n{list}\n]], lambda v: list_position(v, list_{extreme}(v)))[1] - 1 AS BIGINT)"
            ),
            Dialect::Spark => format!(
                "CAST(transform(array(array(\n{list}\n)), v -> array_position(v, array_{extreme}(v)))[0] - 1 AS BIGINT)"
            ),
        }
    }

    /// A classifier's SQL from its class probabilities (in class order): the class is the
    /// first most probable.
    pub fn classes(&self, probabilities: Vec<String>) -> ModelSql {
        ModelSql::Classes { class_index: self.first_largest(&probabilities), probabilities: Some(probabilities) }
    }

    /// Expressions over the classes a model saw (`seen` labels, in its order) spread into
    /// `n_classes` by label; a class it never saw scores 0 (as `estimators::spread`).
    pub fn spread(&self, seen: &[u32], values: Vec<String>) -> Result<Vec<String>, String> {
        let mut out = vec![self.number(0.0); self.n_classes];
        for (&label, value) in seen.iter().zip(values) {
            *out.get_mut(label as usize).ok_or("it names a class the model does not list")? = value;
        }
        Ok(out)
    }

    /// A tree as nested `CASE`: from node 0, `branch(node)` says where a split node sends a
    /// row (`x <= threshold` to the left, as every tree in Sift compares), `leaf(node)` is
    /// the SQL of a leaf's value.
    pub fn tree(
        &self,
        branch: &dyn Fn(usize) -> Option<Branch>,
        leaf: &dyn Fn(usize) -> String,
    ) -> Result<String, String> {
        self.subtree(0, 0, branch, leaf)
    }

    fn subtree(
        &self,
        node: usize,
        depth: usize,
        branch: &dyn Fn(usize) -> Option<Branch>,
        leaf: &dyn Fn(usize) -> String,
    ) -> Result<String, String> {
        let Some(b) = branch(node) else { return Ok(leaf(node)) };
        if b.left <= node || b.right <= node {
            return Err(format!("node {node} of a tree points back up the tree"));
        }
        let pad = " ".repeat(depth + 1);
        let (test, left, right) = (
            format!("{} <= {}", self.feature(b.feature)?, self.number(b.threshold)),
            self.subtree(b.left, depth + 1, branch, leaf)?,
            self.subtree(b.right, depth + 1, branch, leaf)?,
        );
        Ok(match self.dialect {
            Dialect::DuckDb => format!("CASE WHEN {test}\n{pad}THEN {left}\n{pad}ELSE {right} END"),
            Dialect::Spark => format!("if({test},\n{pad}{left},\n{pad}{right})"),
        })
    }
}

/// Where a tree's split node sends a row: to `left` when input `feature` ≤ `threshold`.
#[derive(Clone, Copy)]
pub struct Branch {
    pub feature: usize,
    pub threshold: f64,
    pub left: usize,
    pub right: usize,
}

/// `terms` added one after the other, one per line, in parentheses (`0e0` for none). A term
/// with its own `+` or `-` at the top must come in parentheses: `a - b + c - d` would add
/// `c` to `a - b` before taking `d`, not `(a - b) + (c - d)` as Rust does.
pub fn sum(terms: impl IntoIterator<Item = String>) -> String {
    let terms: Vec<String> = terms.into_iter().collect();
    if terms.is_empty() {
        "0e0".into()
    } else {
        format!("({})", terms.join("\n + "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inputs(features: &[String]) -> SqlInputs<'_> {
        SqlInputs { features, n_classes: 3, dialect: Dialect::DuckDb }
    }

    #[test]
    fn dots_add_in_rust_s_order() {
        let f: Vec<String> = (0..6).map(|j| format!("x{j}")).collect();
        let w = [1.0, -2.0, 3.0, 4.0, 5.0, 6.0];
        assert_eq!(inputs(&f[..2]).sequential_dot(&w), "(x0 * 1e0\n + x1 * (-2e0))");
        assert_eq!(inputs(&f[..1]).sequential_dot(&w), "(x0 * 1e0)", "a product inside a product keeps its order");
        assert_eq!(
            inputs(&f).lanes_dot(&w).replace('\n', ""),
            "(((x0 * 1e0) + (x1 * (-2e0))) + ((x2 * 3e0) + (x3 * 4e0)) + (x4 * 5e0 + x5 * 6e0))"
        );
    }

    #[test]
    fn spread_fills_unseen_classes_with_zero() {
        let f = vec!["a".to_string()];
        assert_eq!(inputs(&f).spread(&[0, 2], vec!["p".into(), "q".into()]).unwrap(), ["p", "0e0", "q"]);
        assert!(inputs(&f).spread(&[5], vec!["p".into()]).is_err());
    }
}
