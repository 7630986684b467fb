//! Trees grown by Sift ([`super::cart`]), for classes and numbers: one decision tree on every
//! row and feature (scikit-learn's `DecisionTree*`), or a random forest of trees on bootstrap
//! samples of the rows, each split choosing among a random subset of the features
//! (scikit-learn's `RandomForest*`). Class probabilities are the leaf's class shares and
//! numbers the leaf's mean, averaged over a forest's trees. The forest's trees are
//! independent and separately seeded, so they could be grown in several workers and joined.

mod onnx;
mod sql;

use serde::{Deserialize, Serialize};

use super::cart::{Columns, Growth, Outcome, Tree};
use super::{Classify, Regress};
use crate::engine::base::progress::Progress;
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;
use crate::engine::learn::rng::SplitMix64;
use crate::engine::learn::scores::{ScoreKind, Scores};

/// Trees whose leaf shares are averaged.
#[derive(Debug, Serialize, Deserialize)]
pub struct Forest {
    num_features: usize,
    trees: Vec<Tree>,
}

/// The training rows column by column, and how trees may grow; `max_features` when the
/// parameters leave it empty.
fn setup<'a>(params: &Params, x: &Features, outcome: Outcome<'a>, max_features: usize) -> (Columns<'a>, Growth) {
    let data =
        Columns { columns: (0..x.cols()).map(|j| (0..x.rows()).map(|i| x.row(i)[j]).collect()).collect(), outcome };
    let growth = Growth {
        max_depth: params.opt_int("max_depth").map(|d| d as usize),
        min_samples_split: params.count("min_samples_split"),
        min_samples_leaf: params.count("min_samples_leaf"),
        max_features: params.opt_int("max_features").map_or(max_features, |m| m as usize),
        entropy: params.text("criterion") == "entropy",
    };
    (data, growth)
}

/// One decision tree on every row and feature (features taken in a seeded random order, which
/// only matters between equally good splits).
#[derive(Debug, Serialize, Deserialize)]
pub struct SingleTree {
    num_features: usize,
    tree: Tree,
}

impl SingleTree {
    pub fn fit(params: &Params, seed: u64, x: &Features, outcome: Outcome) -> SingleTree {
        let (data, growth) = setup(params, x, outcome, x.cols());
        let tree = Tree::grow(&data, &vec![1; x.rows()], &growth, &mut SplitMix64::new(seed));
        SingleTree { num_features: x.cols(), tree }
    }

    /// `n_classes` 0: a tree for numbers.
    pub fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        if self.num_features != n_features {
            return Err("the decision tree takes another number of features".into());
        }
        self.tree.check(n_features, n_classes.max(1), n_classes > 0)
    }
}

impl Classify for SingleTree {
    fn scores(&self, x: &Features, n_classes: usize) -> Result<Scores, LearnError> {
        let values = (0..x.rows()).flat_map(|i| self.tree.leaf(x.row(i)).to_vec()).collect();
        Ok(Scores::new(ScoreKind::Probability, n_classes, values))
    }
}

impl Regress for SingleTree {
    fn predict(&self, x: &Features) -> Result<Vec<f64>, LearnError> {
        Ok((0..x.rows()).map(|i| self.tree.leaf(x.row(i))[0]).collect())
    }
}

impl Forest {
    /// Grows `n_estimators` trees, reporting after each; tree `i` draws its rows and features
    /// from the `i`-th seed drawn from `seed`.
    pub fn fit(
        params: &Params,
        seed: u64,
        x: &Features,
        outcome: Outcome,
        progress: &mut Progress,
    ) -> Result<Forest, LearnError> {
        let n_trees = params.count("n_estimators");
        let (data, growth) = setup(params, x, outcome, ((x.cols() as f64).sqrt() as usize).max(1));
        let mut seeds = SplitMix64::new(seed);
        let mut trees = Vec::with_capacity(n_trees);
        for i in 0..n_trees {
            let mut rng = SplitMix64::new(seeds.next_u64());
            let mut weights = vec![0u32; x.rows()];
            for _ in 0..x.rows() {
                weights[rng.below(x.rows() as u64) as usize] += 1;
            }
            trees.push(Tree::grow(&data, &weights, &growth, &mut rng));
            progress.report((i + 1) as f64 / n_trees as f64, "growing trees")?;
        }
        Ok(Forest { num_features: x.cols(), trees })
    }

    /// A forest needs trees, each sound; `n_classes` 0: a forest for numbers.
    pub fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        if self.trees.is_empty() || self.num_features != n_features {
            return Err("the random forest has no trees, or takes another number of features".into());
        }
        self.trees.iter().try_for_each(|t| t.check(n_features, n_classes.max(1), n_classes > 0))
    }

    /// The mean over the trees of each row's leaf values (`width` per row). Tree by tree, so
    /// that one tree's nodes stay in the cache while every row walks it.
    fn mean_leaves(&self, x: &Features, width: usize) -> Vec<f64> {
        let mut values = vec![0.0; x.rows() * width];
        let share = 1.0 / self.trees.len().max(1) as f64;
        for tree in &self.trees {
            for (i, out) in values.chunks_exact_mut(width.max(1)).enumerate() {
                out.iter_mut().zip(tree.leaf(x.row(i))).for_each(|(o, v)| *o += v * share);
            }
        }
        values
    }
}

impl Classify for Forest {
    fn scores(&self, x: &Features, n_classes: usize) -> Result<Scores, LearnError> {
        // Summing shares can overshoot by an ulp (1.0000000000000007): a probability is at most 1.
        let mut shares = self.mean_leaves(x, n_classes);
        shares.iter_mut().for_each(|p| *p = p.clamp(0.0, 1.0));
        Ok(Scores::new(ScoreKind::Probability, n_classes, shares))
    }
}

impl Regress for Forest {
    fn predict(&self, x: &Features) -> Result<Vec<f64>, LearnError> {
        Ok(self.mean_leaves(x, 1))
    }
}
