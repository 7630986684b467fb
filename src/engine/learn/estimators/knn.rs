//! k-nearest neighbours. The model is its training rows, stored as plain lists (checked when
//! read). A row's neighbours are the k training rows at the smallest Euclidean distance
//! (√Σ (a − b)², added input after input), nearest first and, among equally distant rows,
//! the earlier training row first — so a tie at the k-th place keeps the earlier row, a rule
//! ONNX's `TopK` follows too (smartcore's search trees broke such ties in an order of their
//! own). Each neighbour weighs 1 (uniform) or 1 / distance (a neighbour at distance 0 takes
//! all the weight); classes get the weighted vote shares and numbers the weighted mean, added
//! in the neighbours' order with smartcore's arithmetic.

mod onnx;

use serde::{Deserialize, Serialize};

use super::{all_inputs, Classify, Regress};
use crate::engine::learn::data::Features;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::hyper::Params;
use crate::engine::learn::scores::{ScoreKind, Scores};

/// The largest k the trainer accepts (its `k` parameter's maximum).
const MAX_K: usize = 100_000;

/// The training rows and how many of them vote.
#[derive(Debug, Serialize, Deserialize)]
pub struct Neighbours<T> {
    k: usize,
    /// "uniform" or "distance".
    weights: String,
    points: Vec<Vec<f64>>,
    targets: Vec<T>,
}

/// k-nearest neighbours voting for classes; scores are the (weighted) vote shares.
pub type KnnClassifier = Neighbours<u32>;

/// k-nearest neighbours averaging numbers.
pub type KnnRegressor = Neighbours<f64>;

impl<T: Copy> Neighbours<T> {
    pub fn fit(params: &Params, x: &Features, targets: &[T]) -> Result<Neighbours<T>, LearnError> {
        let k = params.count("k");
        if k > x.rows() {
            return Err(LearnError::new(format!(
                "k-nearest neighbours with k = {k} needs at least {k} training rows but has {}; choose a smaller k",
                x.rows()
            )));
        }
        Ok(Neighbours {
            k,
            weights: params.text("weights").to_string(),
            points: (0..x.rows()).map(|i| x.row(i).to_vec()).collect(),
            targets: targets.to_vec(),
        })
    }

    /// Sizes agree, numbers are finite, k is within the rows and the trainer's range, the
    /// weighting one the trainer offers.
    fn check_rows(&self, n_features: usize) -> Result<(), String> {
        let ok = self.k >= 1
            && self.k <= self.points.len().min(MAX_K)
            && matches!(self.weights.as_str(), "uniform" | "distance")
            && self.points.len() == self.targets.len()
            && self.points.iter().all(|p| p.len() == n_features && all_inputs(p));
        if ok {
            Ok(())
        } else {
            Err("the k-nearest neighbours model's rows do not agree with its sizes, or its k or weighting is outside what Sift trains".into())
        }
    }

    /// The k training rows nearest to `row` (nearest first, the earlier row first on equal
    /// distances), each with its weight, and the weights' sum.
    fn neighbours(&self, row: &[f64]) -> Result<(Vec<(usize, f64)>, f64), LearnError> {
        let mut found: Vec<(f64, usize)> = self.points.iter().map(|p| distance(p, row)).zip(0..).collect();
        let order = |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
        if self.k < found.len() {
            found.select_nth_unstable_by(self.k - 1, order);
            found.truncate(self.k);
        }
        found.sort_unstable_by(order);
        let weights: Vec<f64> = if self.weights != "distance" {
            vec![1.0; found.len()]
        } else if found.iter().any(|(d, _)| *d == 0.0) {
            found.iter().map(|(d, _)| if *d == 0.0 { 1.0 } else { 0.0 }).collect()
        } else {
            found.iter().map(|(d, _)| 1.0 / d).collect()
        };
        let total: f64 = weights.iter().sum();
        if !(total.is_finite() && total > 0.0) {
            return Err(LearnError::new(
                "k-nearest neighbours found no neighbour with a weight (the distances overflow)",
            ));
        }
        Ok((found.into_iter().map(|(_, i)| i).zip(weights).collect(), total))
    }
}

/// √Σ (a − b)², added input after input (smartcore's Euclidean distance).
fn distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f64>().sqrt()
}

impl KnnClassifier {
    pub fn check(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        self.check_rows(n_features)?;
        if self.targets.iter().any(|&l| l as usize >= n_classes) {
            return Err("the k-nearest neighbours model names a class that is not listed".into());
        }
        Ok(())
    }
}

impl Classify for KnnClassifier {
    /// Each class's summed weight times 1 / the weights' sum.
    fn scores(&self, x: &Features, n_classes: usize) -> Result<Scores, LearnError> {
        let mut values = vec![0.0; x.rows() * n_classes];
        for (i, out) in values.chunks_exact_mut(n_classes.max(1)).enumerate() {
            let (neighbours, total) = self.neighbours(x.row(i))?;
            for (j, w) in neighbours {
                if let Some(cell) = out.get_mut(self.targets[j] as usize) {
                    *cell += w;
                }
            }
            let inverse = 1.0 / total;
            out.iter_mut().for_each(|v| *v *= inverse);
        }
        Ok(Scores::new(ScoreKind::Probability, n_classes, values))
    }
}

impl KnnRegressor {
    pub fn check(&self, n_features: usize) -> Result<(), String> {
        self.check_rows(n_features)?;
        if !all_inputs(&self.targets) {
            return Err("the k-nearest neighbours model holds a target that is not a finite number".into());
        }
        Ok(())
    }
}

impl Regress for KnnRegressor {
    /// Σ target × (weight / the weights' sum).
    fn predict(&self, x: &Features) -> Result<Vec<f64>, LearnError> {
        (0..x.rows())
            .map(|i| {
                let (neighbours, total) = self.neighbours(x.row(i))?;
                Ok(neighbours.into_iter().fold(0.0, |sum, (j, w)| sum + self.targets[j] * (w / total)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(weights: &str, k: usize) -> Neighbours<f64> {
        let points = vec![vec![0.0], vec![2.0], vec![-2.0], vec![2.0], vec![5.0]];
        Neighbours { k, weights: weights.into(), points, targets: vec![0.0, 10.0, 20.0, 30.0, 40.0] }
    }

    #[test]
    fn equally_distant_rows_are_taken_in_training_order() {
        // From 0, rows 1, 2 and 3 are all 2 away: k = 2 takes row 0 and row 1.
        let (found, total) = model("uniform", 2).neighbours(&[0.0]).unwrap();
        assert_eq!(found, vec![(0, 1.0), (1, 1.0)]);
        assert_eq!(total, 2.0);
        let (found, _) = model("uniform", 4).neighbours(&[0.0]).unwrap();
        assert_eq!(found.iter().map(|n| n.0).collect::<Vec<_>>(), vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_neighbour_at_distance_zero_takes_all_the_weight() {
        let (found, total) = model("distance", 3).neighbours(&[2.0]).unwrap();
        assert_eq!(found, vec![(1, 1.0), (3, 1.0), (0, 0.0)]);
        assert_eq!(total, 2.0);
        let (found, _) = model("distance", 2).neighbours(&[1.0]).unwrap();
        assert_eq!(found, vec![(0, 1.0), (1, 1.0)]);
    }
}
