//! Decision trees grown by Sift (CART, as scikit-learn grows them), for classes (Gini or
//! entropy) and numbers (squared error). smartcore's tree scans every training row at every
//! node, which makes a fully grown tree cost about the square of the rows; this one sorts
//! only the node's own rows, about n log² n per tree. A leaf keeps its class shares (so a
//! forest's probabilities are the mean of its trees' leaf shares, as in scikit-learn) or the
//! mean of its numbers.

mod onnx;
mod sql;

use serde::{Deserialize, Serialize};

use crate::engine::learn::rng::SplitMix64;

/// How a tree may grow.
pub struct Growth {
    /// Splits on a path from the root (scikit-learn's `max_depth`); `None`: until pure.
    pub max_depth: Option<usize>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    /// Features tried per split (more are tried while none of them splits).
    pub max_features: usize,
    /// Entropy instead of Gini impurity.
    pub entropy: bool,
}

/// What the tree learns to predict.
pub enum Outcome<'a> {
    Classes { labels: &'a [u32], n_classes: usize },
    Values(&'a [f64]),
}

impl Outcome<'_> {
    /// How many running sums describe a node: class counts, or Σy and Σy².
    fn sums(&self) -> usize {
        match self {
            Outcome::Classes { n_classes, .. } => *n_classes,
            Outcome::Values(_) => 2,
        }
    }

    /// How many numbers a node keeps: class shares, or the mean.
    pub fn width(&self) -> usize {
        match self {
            Outcome::Classes { n_classes, .. } => *n_classes,
            Outcome::Values(_) => 1,
        }
    }

    fn add(&self, sums: &mut [f64], row: usize, w: f64) {
        match self {
            Outcome::Classes { labels, .. } => sums[labels[row] as usize] += w,
            Outcome::Values(y) => {
                sums[0] += w * y[row];
                sums[1] += w * y[row] * y[row];
            }
        }
    }

    /// The node's impurity times its weight `n`: Gini `n − Σ c²/n`, entropy
    /// `−Σ c·log2(c/n)`, or the squared error `Σy² − (Σy)²/n`.
    fn impurity(&self, sums: &[f64], n: f64, entropy: bool) -> f64 {
        if n <= 0.0 {
            return 0.0;
        }
        match self {
            Outcome::Values(_) => (sums[1] - sums[0] * sums[0] / n).max(0.0),
            Outcome::Classes { .. } if entropy => {
                -sums.iter().filter(|&&c| c > 0.0).map(|c| c * (c / n).log2()).sum::<f64>()
            }
            Outcome::Classes { .. } => n - sums.iter().map(|c| c * c).sum::<f64>() / n,
        }
    }

    /// Whether every row has the same class or number (nothing left to split).
    fn is_pure(&self, rows: &[usize]) -> bool {
        match self {
            Outcome::Classes { labels, .. } => rows.windows(2).all(|w| labels[w[0]] == labels[w[1]]),
            Outcome::Values(y) => rows.windows(2).all(|w| y[w[0]] == y[w[1]]),
        }
    }

    fn value(&self, sums: &[f64], n: f64) -> Vec<f64> {
        match self {
            Outcome::Classes { .. } => sums.iter().map(|c| c / n.max(1.0)).collect(),
            Outcome::Values(_) => vec![sums[0] / n.max(1.0)],
        }
    }
}

/// The training data, column by column.
pub struct Columns<'a> {
    pub columns: Vec<Vec<f64>>,
    pub outcome: Outcome<'a>,
}

/// A tree as parallel lists, node 0 the root: node i splits on `feature[i]` (rows with a
/// value ≤ `threshold[i]` go to `left[i]`, the others to `right[i]`) unless `left[i]` is 0
/// (a leaf). `value` holds `width` numbers per node: its class shares, or its mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    pub width: usize,
    pub feature: Vec<u32>,
    pub threshold: Vec<f64>,
    pub left: Vec<u32>,
    pub right: Vec<u32>,
    pub value: Vec<f64>,
}

struct Pending {
    node: usize,
    rows: Vec<usize>,
    depth: usize,
}

impl Tree {
    /// Grows a tree on the rows with a positive `weight` (bootstrap counts), choosing
    /// features at random from `rng`.
    pub fn grow(data: &Columns, weights: &[u32], growth: &Growth, rng: &mut SplitMix64) -> Tree {
        let mut tree = Tree {
            width: data.outcome.width(),
            feature: Vec::new(),
            threshold: Vec::new(),
            left: Vec::new(),
            right: Vec::new(),
            value: Vec::new(),
        };
        let rows: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0).collect();
        tree.add_node(data, weights, &rows);
        let mut stack = vec![Pending { node: 0, rows, depth: 0 }];
        while let Some(task) = stack.pop() {
            let Some((feature, threshold)) = best_split(data, weights, &task, growth, rng) else { continue };
            let (left_rows, right_rows): (Vec<usize>, Vec<usize>) =
                task.rows.iter().partition(|&&r| data.columns[feature][r] <= threshold);
            let left = tree.add_node(data, weights, &left_rows);
            let right = tree.add_node(data, weights, &right_rows);
            let n = task.node;
            (tree.feature[n], tree.threshold[n], tree.left[n], tree.right[n]) =
                (feature as u32, threshold, left as u32, right as u32);
            stack.push(Pending { node: right, rows: right_rows, depth: task.depth + 1 });
            stack.push(Pending { node: left, rows: left_rows, depth: task.depth + 1 });
        }
        tree
    }

    /// A leaf holding the value of `rows`; returns its index.
    fn add_node(&mut self, data: &Columns, weights: &[u32], rows: &[usize]) -> usize {
        let (sums, total) = node_sums(data, weights, rows);
        self.value.extend(data.outcome.value(&sums, total));
        self.feature.push(0);
        self.threshold.push(0.0);
        self.left.push(0);
        self.right.push(0);
        self.feature.len() - 1
    }

    /// The value (class shares, or mean) of the leaf `row` falls in.
    pub fn leaf(&self, row: &[f64]) -> &[f64] {
        let mut node = 0;
        while self.left[node] != 0 {
            node = if row[self.feature[node] as usize] <= self.threshold[node] {
                self.left[node]
            } else {
                self.right[node]
            } as usize;
        }
        &self.value[node * self.width..(node + 1) * self.width]
    }

    /// Lists of one length, children after their parent and inside the tree, splits on
    /// existing features, `width` values per node: shares between 0 and 1 for classes
    /// (`shares`), finite numbers otherwise.
    pub fn check(&self, n_features: usize, width: usize, shares: bool) -> Result<(), String> {
        let n = self.feature.len();
        let sizes = n > 0
            && self.width == width
            && [self.threshold.len(), self.left.len(), self.right.len()].iter().all(|&l| l == n)
            && n.checked_mul(width) == Some(self.value.len());
        let values = self.value.iter().all(|v| if shares { (0.0..=1.0).contains(v) } else { v.is_finite() });
        if !sizes || !values {
            return Err("a tree has lists of different lengths or values out of range".into());
        }
        for i in 0..n {
            let (l, r) = (self.left[i] as usize, self.right[i] as usize);
            if l != 0 && !(l > i && r > i && l < n && r < n && (self.feature[i] as usize) < n_features) {
                return Err(format!("node {i} of a tree points outside the tree or to a missing feature"));
            }
        }
        Ok(())
    }
}

/// The running sums of `rows` and their total weight.
fn node_sums(data: &Columns, weights: &[u32], rows: &[usize]) -> (Vec<f64>, f64) {
    let mut sums = vec![0.0; data.outcome.sums()];
    let mut total = 0.0;
    for &r in rows {
        let w = f64::from(weights[r]);
        data.outcome.add(&mut sums, r, w);
        total += w;
    }
    (sums, total)
}

/// The split of the node's rows that lowers the weighted impurity most: (feature, threshold
/// halfway between two neighbouring values), or `None` when the node stays a leaf.
fn best_split(
    data: &Columns,
    weights: &[u32],
    task: &Pending,
    growth: &Growth,
    rng: &mut SplitMix64,
) -> Option<(usize, f64)> {
    let (sums, total) = node_sums(data, weights, &task.rows);
    let outcome = &data.outcome;
    let parent = outcome.impurity(&sums, total, growth.entropy);
    let too_deep = growth.max_depth.is_some_and(|d| task.depth >= d);
    if too_deep || total < growth.min_samples_split as f64 || outcome.is_pure(&task.rows) {
        return None;
    }
    let mut features: Vec<usize> = (0..data.columns.len()).collect();
    rng.shuffle(&mut features);
    let min_leaf = growth.min_samples_leaf as f64;
    let mut best: Option<(f64, usize, f64)> = None;
    let mut tried = 0;
    let mut sorted: Vec<(f64, usize)> = Vec::with_capacity(task.rows.len());
    for feature in features {
        if tried >= growth.max_features && best.is_some() {
            break;
        }
        let column = &data.columns[feature];
        sorted.clear();
        sorted.extend(task.rows.iter().map(|&r| (column[r], r)));
        sorted.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        if sorted.first().map(|f| f.0) == sorted.last().map(|l| l.0) {
            continue; // constant here: does not count as tried, as in scikit-learn
        }
        tried += 1;
        let found = match outcome {
            Outcome::Classes { labels, .. } if !growth.entropy => {
                scan_gini(labels, &sorted, weights, &sums, total, min_leaf)
            }
            _ => scan(outcome, &sorted, weights, &sums, total, min_leaf, growth.entropy),
        };
        if let Some((children, threshold)) = found.filter(|(c, _)| best.is_none_or(|(b, _, _)| *c < b)) {
            best = Some((children, feature, threshold));
        }
    }
    // A split that leaves the impurity as it is still splits (as in scikit-learn).
    best.filter(|(children, _, _)| *children <= parent * (1.0 + 1e-12) + 1e-12).map(|(_, f, t)| (f, t))
}

/// The threshold halfway between two neighbouring values (the lower one when halfway rounds
/// up to the upper).
fn halfway(value: f64, next: f64) -> f64 {
    let threshold = value / 2.0 + next / 2.0;
    if threshold >= next || !threshold.is_finite() {
        value
    } else {
        threshold
    }
}

/// The first lowest weighted impurity of the children over the cuts of `sorted` (one feature's
/// (value, row) pairs in value order) that leave `min_leaf` weight on each side, and its
/// threshold.
fn scan(
    outcome: &Outcome,
    sorted: &[(f64, usize)],
    weights: &[u32],
    sums: &[f64],
    total: f64,
    min_leaf: f64,
    entropy: bool,
) -> Option<(f64, f64)> {
    let mut left = vec![0.0; sums.len()];
    let mut right = vec![0.0; sums.len()];
    let mut n_left = 0.0;
    let mut best: Option<(f64, f64)> = None;
    for pair in sorted.windows(2) {
        let ((value, row), next) = (pair[0], pair[1].0);
        let w = f64::from(weights[row]);
        outcome.add(&mut left, row, w);
        n_left += w;
        let n_right = total - n_left;
        if next <= value || n_left < min_leaf || n_right < min_leaf {
            continue;
        }
        right.iter_mut().zip(sums.iter().zip(&left)).for_each(|(r, (s, l))| *r = s - l);
        let children = outcome.impurity(&left, n_left, entropy) + outcome.impurity(&right, n_right, entropy);
        if best.is_none_or(|(b, _)| children < b) {
            best = Some((children, halfway(value, next)));
        }
    }
    best
}

/// [`scan`] for Gini impurity, keeping Σ count² of each side as it goes (one update per row
/// instead of one per class). Counts are whole numbers, so every sum is exact and the result
/// is the same as [`scan`]'s.
fn scan_gini(
    labels: &[u32],
    sorted: &[(f64, usize)],
    weights: &[u32],
    sums: &[f64],
    total: f64,
    min_leaf: f64,
) -> Option<(f64, f64)> {
    let mut left = vec![0.0; sums.len()];
    let (mut squares_left, mut squares_right) = (0.0, sums.iter().map(|c| c * c).sum::<f64>());
    let mut n_left = 0.0;
    let mut best: Option<(f64, f64)> = None;
    for pair in sorted.windows(2) {
        let ((value, row), next) = (pair[0], pair[1].0);
        let w = f64::from(weights[row]);
        let class = labels[row] as usize;
        let right = sums[class] - left[class];
        squares_left += w * (2.0 * left[class] + w);
        squares_right += w * (w - 2.0 * right);
        left[class] += w;
        n_left += w;
        let n_right = total - n_left;
        if next <= value || n_left < min_leaf || n_right < min_leaf {
            continue;
        }
        let children = (n_left - squares_left / n_left) + (n_right - squares_right / n_right);
        if best.is_none_or(|(b, _)| children < b) {
            best = Some((children, halfway(value, next)));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grow(columns: Vec<Vec<f64>>, labels: &[u32], growth: &Growth) -> Tree {
        let data = Columns { columns, outcome: Outcome::Classes { labels, n_classes: 3 } };
        Tree::grow(&data, &vec![1; labels.len()], growth, &mut SplitMix64::new(1))
    }

    fn full(max_features: usize) -> Growth {
        Growth { max_depth: None, min_samples_split: 2, min_samples_leaf: 1, max_features, entropy: false }
    }

    #[test]
    fn a_full_tree_fits_its_rows_and_thresholds_sit_between_values() {
        let labels = [0, 0, 1, 1, 2, 2, 1];
        let x = vec![vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 3.5], vec![0.0; 7]];
        let tree = grow(x.clone(), &labels, &full(1));
        for (i, &l) in labels.iter().enumerate() {
            assert_eq!(tree.leaf(&[x[0][i], 0.0])[l as usize], 1.0, "row {i}");
        }
        assert!(tree
            .threshold
            .iter()
            .zip(&tree.left)
            .filter(|(_, &l)| l != 0)
            .all(|(t, _)| t.fract() == 0.5 || *t == 3.25 || *t == 3.75));
        assert!(tree.check(2, 3, true).is_ok());
    }

    #[test]
    fn limits_stop_growth() {
        let labels = [0, 1, 0, 1, 2, 2];
        let x = vec![vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]];
        let stump = grow(x.clone(), &labels, &Growth { max_depth: Some(1), ..full(1) });
        assert_eq!(stump.feature.len(), 3);
        let big_leaves = grow(x, &labels, &Growth { min_samples_leaf: 3, ..full(1) });
        assert_eq!(big_leaves.feature.len(), 3);
        let shares = big_leaves.leaf(&[1.0]);
        assert!((shares[0] - 2.0 / 3.0).abs() < 1e-12 && (shares[1] - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_regression_tree_splits_on_the_step() {
        let y = [1.0, 1.0, 1.0, 5.0, 5.0, 5.0];
        let data = Columns { columns: vec![vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]], outcome: Outcome::Values(&y) };
        let stump = Tree::grow(&data, &[1; 6], &Growth { max_depth: Some(1), ..full(1) }, &mut SplitMix64::new(1));
        assert_eq!((stump.feature.len(), stump.threshold[0]), (3, 3.5));
        assert_eq!((stump.leaf(&[2.0]), stump.leaf(&[9.0])), (&[1.0][..], &[5.0][..]));
        assert!(stump.check(1, 1, false).is_ok());
    }

    #[test]
    fn damaged_trees_are_caught() {
        let tree = grow(vec![vec![1.0, 2.0, 3.0]], &[0, 1, 2], &full(1));
        let mut bad = tree.clone();
        bad.left[0] = 0;
        bad.right[0] = 1;
        assert!(bad.check(1, 3, true).is_ok(), "a leaf's right index is ignored");
        let mut bad = tree.clone();
        bad.left[0] = 99;
        assert!(bad.check(1, 3, true).is_err());
        let mut bad = tree.clone();
        bad.feature[0] = 5;
        assert!(bad.check(1, 3, true).is_err());
        let mut bad = tree;
        bad.value.pop();
        assert!(bad.check(1, 3, true).is_err());
    }
}
