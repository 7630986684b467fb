//! Ranking curves of a binary question ("is this row of the class?") from scores: ROC and
//! precision-recall, their areas, and the one-vs-rest average over classes. The points are
//! those of scikit-learn's `roc_curve` (with `drop_intermediate=True`) and
//! `precision_recall_curve`.

use serde::{Deserialize, Serialize};

use super::check_lengths;
use crate::engine::learn::error::LearnError;
use crate::engine::learn::scores::Scores;

/// Points of a curve and the score threshold of each (ROC: x = false positive rate,
/// y = true positive rate; precision-recall: x = recall, y = precision).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Curve {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    /// ROC starts at +∞, which JSON cannot hold: there it is `f64::MAX`.
    pub thresholds: Vec<f64>,
}

impl Curve {
    /// The area under the points (trapezoids).
    pub fn area(&self) -> f64 {
        self.x.windows(2).zip(self.y.windows(2)).map(|(x, y)| (x[1] - x[0]) * (y[1] + y[0]) / 2.0).sum()
    }

    /// At most `max_points` of the points, evenly spaced along the curve and keeping both
    /// ends, for drawing: a curve of 25 000 test rows need not travel to the page whole.
    pub fn thinned(self, max_points: usize) -> Curve {
        let n = self.x.len();
        if n <= max_points || max_points < 2 {
            return self;
        }
        let keep: Vec<usize> = (0..max_points).map(|i| i * (n - 1) / (max_points - 1)).collect();
        let pick = |v: &[f64]| keep.iter().filter_map(|&i| v.get(i).copied()).collect();
        Curve { x: pick(&self.x), y: pick(&self.y), thresholds: pick(&self.thresholds) }
    }
}

/// Running counts at each distinct score: false positives, true positives, the score.
type Cumulative = (Vec<f64>, Vec<f64>, Vec<f64>);

/// Cumulative (false positives, true positives, threshold) at each distinct score, from the
/// highest score down (scikit-learn's `_binary_clf_curve`).
fn cumulative(positive: &[bool], scores: &[f64]) -> Result<Cumulative, LearnError> {
    check_lengths(positive.len(), scores.len())?;
    if scores.iter().any(|s| s.is_nan()) {
        return Err(LearnError::new("a score is not a number"));
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
    let (mut fps, mut tps, mut thresholds) = (Vec::new(), Vec::new(), Vec::new());
    let mut tp = 0.0;
    for (k, &i) in order.iter().enumerate() {
        if positive[i] {
            tp += 1.0;
        }
        let last_of_value = order.get(k + 1).is_none_or(|&j| scores[j] != scores[i]);
        if last_of_value {
            tps.push(tp);
            fps.push((k + 1) as f64 - tp);
            thresholds.push(scores[i]);
        }
    }
    Ok((fps, tps, thresholds))
}

/// The ROC curve; an error when the rows are all positive or all negative (a rate is then
/// undefined).
pub fn roc_curve(positive: &[bool], scores: &[f64]) -> Result<Curve, LearnError> {
    let (fps, tps, thresholds) = cumulative(positive, scores)?;
    let (total_fp, total_tp) = (fps.last().copied().unwrap_or(0.0), tps.last().copied().unwrap_or(0.0));
    if total_fp == 0.0 || total_tp == 0.0 {
        return Err(LearnError::new("a ROC curve needs rows of both kinds (of the class and not)"));
    }
    // Keep the corners: drop points on a straight line between their neighbours.
    let n = fps.len();
    let keep: Vec<usize> = (0..n)
        .filter(|&i| {
            i == 0 || i == n - 1 || n <= 2 || {
                let second = |v: &[f64]| v[i + 1] - 2.0 * v[i] + v[i - 1];
                second(&fps) != 0.0 || second(&tps) != 0.0
            }
        })
        .collect();
    let mut curve = Curve { x: vec![0.0], y: vec![0.0], thresholds: vec![f64::MAX] };
    for i in keep {
        curve.x.push(fps[i] / total_fp);
        curve.y.push(tps[i] / total_tp);
        curve.thresholds.push(thresholds[i]);
    }
    Ok(curve)
}

/// The precision-recall curve, from the highest recall to (recall 0, precision 1).
pub fn precision_recall_curve(positive: &[bool], scores: &[f64]) -> Result<Curve, LearnError> {
    let (fps, tps, thresholds) = cumulative(positive, scores)?;
    let total_tp = tps.last().copied().unwrap_or(0.0);
    let mut curve = Curve { x: Vec::new(), y: Vec::new(), thresholds: Vec::new() };
    for i in (0..tps.len()).rev() {
        let predicted = tps[i] + fps[i];
        curve.y.push(if predicted == 0.0 { 0.0 } else { tps[i] / predicted });
        curve.x.push(if total_tp == 0.0 { 1.0 } else { tps[i] / total_tp });
        curve.thresholds.push(thresholds[i]);
    }
    curve.x.push(0.0);
    curve.y.push(1.0);
    Ok(curve)
}

/// The area under the ROC curve (trapezoids); `None` when only one kind of row is present.
pub fn roc_auc(positive: &[bool], scores: &[f64]) -> Result<Option<f64>, LearnError> {
    match roc_curve(positive, scores) {
        Ok(c) => Ok(Some(c.area())),
        Err(_) if positive.len() == scores.len() && !positive.is_empty() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Average precision: Σ (recallₙ − recallₙ₋₁) · precisionₙ; `None` without positive rows.
pub fn average_precision(positive: &[bool], scores: &[f64]) -> Result<Option<f64>, LearnError> {
    let c = precision_recall_curve(positive, scores)?;
    if !positive.iter().any(|&p| p) {
        return Ok(None);
    }
    Ok(Some(-c.x.windows(2).zip(&c.y).map(|(r, p)| (r[1] - r[0]) * p).sum::<f64>()))
}

/// The macro mean of one-vs-rest ROC AUCs over the classes that have rows of both kinds
/// (scikit-learn's `roc_auc_score(multi_class="ovr")`); with two classes, the AUC of class
/// 1. `None` when no class qualifies.
pub fn roc_auc_ovr(actual: &[u32], scores: &Scores) -> Result<Option<f64>, LearnError> {
    check_lengths(actual.len(), scores.rows())?;
    let one_vs_rest = |c: usize| {
        let positive: Vec<bool> = actual.iter().map(|&a| a as usize == c).collect();
        roc_auc(&positive, &scores.column(c))
    };
    if scores.n_classes == 2 {
        return one_vs_rest(1);
    }
    let aucs: Vec<f64> =
        (0..scores.n_classes).map(one_vs_rest).collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect();
    Ok((!aucs.is_empty()).then(|| aucs.iter().sum::<f64>() / aucs.len() as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_degenerate_rankings() {
        let positive = [false, false, true, true];
        let auc = roc_auc(&positive, &[0.1, 0.2, 0.8, 0.9]).unwrap();
        assert_eq!(auc, Some(1.0));
        assert_eq!(roc_auc(&[true, true], &[0.1, 0.2]).unwrap(), None);
        assert!(roc_auc(&[true], &[0.1, 0.2]).is_err());
        assert_eq!(average_precision(&positive, &[0.1, 0.2, 0.8, 0.9]).unwrap(), Some(1.0));
        assert_eq!(average_precision(&[false, false], &[0.1, 0.2]).unwrap(), None);
        assert!(roc_curve(&positive, &[0.1, f64::NAN, 0.8, 0.9]).is_err());
    }
}
