//! Per-class scores of a classifier: probabilities where the model gives them, decision
//! values (margins) otherwise. Both rank rows for ROC and precision-recall curves; only
//! probabilities give a log loss.

use serde::{Deserialize, Serialize};

/// What the numbers in [`Scores`] are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreKind {
    /// Each row sums to 1.
    #[default]
    Probability,
    /// Larger means more of that class; no scale.
    Decision,
}

/// A rows × classes matrix of scores, row-major.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub kind: ScoreKind,
    pub n_classes: usize,
    pub values: Vec<f64>,
}

impl Scores {
    /// Scores from row-major `values` of `n_classes` columns.
    pub fn new(kind: ScoreKind, n_classes: usize, values: Vec<f64>) -> Scores {
        Scores { kind, n_classes, values }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.values.len().checked_div(self.n_classes).unwrap_or(0)
    }

    /// The scores of row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.n_classes..(i + 1) * self.n_classes]
    }

    /// The scores of class `c` for every row.
    pub fn column(&self, c: usize) -> Vec<f64> {
        (0..self.rows()).map(|i| self.values[i * self.n_classes + c]).collect()
    }

    /// The best-scored class of each row (the first on ties).
    pub fn best(&self) -> Vec<u32> {
        (0..self.rows())
            .map(|i| {
                let row = self.row(i);
                let mut best = 0;
                for (c, v) in row.iter().enumerate() {
                    if *v > row[best] {
                        best = c;
                    }
                }
                best as u32
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_columns_and_best() {
        let s = Scores::new(ScoreKind::Probability, 3, vec![0.2, 0.5, 0.3, 0.4, 0.4, 0.2]);
        assert_eq!(s.rows(), 2);
        assert_eq!(s.row(1), &[0.4, 0.4, 0.2]);
        assert_eq!(s.column(0), vec![0.2, 0.4]);
        assert_eq!(s.best(), vec![1, 0]);
        assert_eq!(Scores::new(ScoreKind::Decision, 0, vec![]).rows(), 0);
    }
}
