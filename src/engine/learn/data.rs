//! The inputs of learning: a dense numeric feature matrix and a target.

use smartcore::linalg::basic::matrix::DenseMatrix;

use super::error::LearnError;

/// The largest magnitude accepted in features and numeric targets. Beyond it sums of squares
/// overflow, and a model could learn infinities that cannot be saved as JSON.
pub const MAX_MAGNITUDE: f64 = 1e100;

/// A dense row-major matrix of finite numbers: one row per example, one column per feature.
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    rows: usize,
    cols: usize,
    values: Vec<f64>,
}

impl Features {
    /// A `rows` × `cols` matrix from row-major `values`. Errors when the length does not match
    /// or a value is missing (NaN), infinite or beyond ±1e100.
    pub fn new(rows: usize, cols: usize, values: Vec<f64>) -> Result<Features, LearnError> {
        if rows.checked_mul(cols) != Some(values.len()) {
            return Err(LearnError::new(format!(
                "the feature matrix should hold {rows} rows × {cols} columns but has {} values",
                values.len()
            )));
        }
        if let Some(at) = values.iter().position(|x| !x.is_finite() || x.abs() > MAX_MAGNITUDE) {
            let (row, col) = (at / cols + 1, at % cols + 1);
            return Err(LearnError::new(format!(
                "feature {col} of row {row} is {}; every input must be a finite number within ±1e100 (impute missing values, rescale huge ones)",
                crate::engine::base::format::short_number(values[at])
            )));
        }
        Ok(Features { rows, cols, values })
    }

    /// Number of rows (examples).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (features).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Row `i` as a slice of `cols()` numbers. Panics if `i >= rows()`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.cols..(i + 1) * self.cols]
    }

    /// All values, row-major.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The rows at `indices`, in that order (repeats allowed). Panics on an index `>= rows()`.
    pub fn take(&self, indices: &[usize]) -> Features {
        let mut values = Vec::with_capacity(indices.len() * self.cols);
        for &i in indices {
            values.extend_from_slice(self.row(i));
        }
        Features { rows: indices.len(), cols: self.cols, values }
    }

    /// Calls `f` with the columns `columns` reordered by `order` (row `i` takes the value of
    /// row `order[i]` in each of them, the other columns unchanged), then puts them back: one
    /// shuffle of permutation importance, without copying the whole matrix. `order` must be
    /// a permutation of `0..rows()` and every column below `cols()` (else it panics).
    pub fn with_columns_reordered<R>(
        &mut self,
        columns: &[usize],
        order: &[usize],
        f: impl FnOnce(&Features) -> R,
    ) -> R {
        assert_eq!(order.len(), self.rows, "a row order must name every row once");
        let saved: Vec<Vec<f64>> =
            columns.iter().map(|&c| (0..self.rows).map(|r| self.values[r * self.cols + c]).collect()).collect();
        for (&c, original) in columns.iter().zip(&saved) {
            for (r, &from) in order.iter().enumerate() {
                self.values[r * self.cols + c] = original[from];
            }
        }
        let result = f(self);
        for (&c, original) in columns.iter().zip(&saved) {
            for (r, &x) in original.iter().enumerate() {
                self.values[r * self.cols + c] = x;
            }
        }
        result
    }

    /// The matrix as smartcore wants it (column-major copy).
    pub(crate) fn to_dense(&self) -> Result<DenseMatrix<f64>, LearnError> {
        let mut column_major = Vec::with_capacity(self.values.len());
        for c in 0..self.cols {
            column_major.extend((0..self.rows).map(|r| self.values[r * self.cols + c]));
        }
        DenseMatrix::new(self.rows, self.cols, column_major, true)
            .map_err(|e| LearnError::new(format!("the feature matrix could not be built: {e}")))
    }
}

/// What the model learns to predict, one entry per row of the features.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// Class labels `0..n_classes` (indices into the caller's list of class names).
    Classes { labels: Vec<u32>, n_classes: usize },
    /// Numbers to estimate.
    Values(Vec<f64>),
}

impl Target {
    /// Number of entries.
    pub fn len(&self) -> usize {
        match self {
            Target::Classes { labels, .. } => labels.len(),
            Target::Values(values) => values.len(),
        }
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entries at `indices`, in that order; the class count is kept.
    /// Panics on an index `>= len()`.
    pub fn take(&self, indices: &[usize]) -> Target {
        match self {
            Target::Classes { labels, n_classes } => {
                Target::Classes { labels: indices.iter().map(|&i| labels[i]).collect(), n_classes: *n_classes }
            }
            Target::Values(values) => Target::Values(indices.iter().map(|&i| values[i]).collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use smartcore::linalg::basic::arrays::Array;

    #[test]
    fn features_check_shape_and_values() {
        let x = Features::new(2, 3, vec![1., 2., 3., 4., 5., 6.]).unwrap();
        assert_eq!((x.rows(), x.cols()), (2, 3));
        assert_eq!(x.row(1), &[4., 5., 6.]);
        assert!(Features::new(2, 3, vec![1.; 5]).is_err());
        assert!(Features::new(usize::MAX, 2, vec![]).is_err());
        let nan = Features::new(2, 2, vec![1., 2., f64::NAN, 4.]).unwrap_err();
        assert!(nan.contains("feature 1 of row 2"), "{nan}");
        assert!(Features::new(1, 2, vec![1., f64::INFINITY]).is_err());
        assert!(Features::new(1, 2, vec![1., -1e200]).is_err());
        assert!(Features::new(0, 0, vec![]).is_ok());
    }

    #[test]
    fn take_picks_rows_in_order() {
        let x = Features::new(3, 2, vec![1., 2., 3., 4., 5., 6.]).unwrap();
        let t = x.take(&[2, 0, 2]);
        assert_eq!(t.values(), &[5., 6., 1., 2., 5., 6.]);
        let y = Target::Classes { labels: vec![0, 1, 2], n_classes: 3 };
        assert_eq!(y.take(&[2, 0]), Target::Classes { labels: vec![2, 0], n_classes: 3 });
        assert_eq!(Target::Values(vec![1., 2.]).take(&[1]), Target::Values(vec![2.]));
    }

    #[test]
    fn reordered_columns_are_put_back() {
        let mut x = Features::new(3, 3, vec![1., 2., 3., 4., 5., 6., 7., 8., 9.]).unwrap();
        let seen = x.with_columns_reordered(&[0, 2], &[2, 0, 1], |m| m.values().to_vec());
        assert_eq!(seen, vec![7., 2., 9., 1., 5., 3., 4., 8., 6.]);
        assert_eq!(x.values(), &[1., 2., 3., 4., 5., 6., 7., 8., 9.]);
    }

    #[test]
    fn dense_copy_keeps_positions() {
        let x = Features::new(2, 3, vec![1., 2., 3., 4., 5., 6.]).unwrap();
        let m = x.to_dense().unwrap();
        assert_eq!(m.shape(), (2, 3));
        assert_eq!(*m.get((1, 0)), 4.);
        assert_eq!(*m.get((0, 2)), 3.);
    }
}
