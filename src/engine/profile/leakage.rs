//! How well one column alone predicts the target, scored leave-one-out so that a column with
//! a value per row (which "predicts" its own row trivially) does not look like a leak.

use super::sort::{f64_key, sort_by_key};

/// Code of a missing value in dense label codes.
pub(super) const NO_LABEL: u32 = u32::MAX;

/// Fewest rows with both values present for a score to mean anything.
pub(super) const MIN_SHARED_ROWS: usize = 20;

/// Accuracy of predicting each row's class from the other rows, and the accuracy of always
/// predicting the most frequent class, over `n` rows where both are present.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct ClassScore {
    pub accuracy: f64,
    pub baseline: f64,
    pub rows: usize,
}

/// Predicts a row's class as the most frequent class among the *other* rows with the same
/// value of `x` (dense codes); rows whose value occurs once count as wrong.
pub(super) fn categorical_class_score(x: &[u32], classes: &[u32]) -> Option<ClassScore> {
    let mut pairs: Vec<u64> = x
        .iter()
        .zip(classes)
        .filter(|(a, c)| **a != NO_LABEL && **c != NO_LABEL)
        .map(|(&a, &c)| (u64::from(a) << 32) | u64::from(c))
        .collect();
    sort_by_key(&mut pairs, |&p| p);
    let correct = Groups::new(&pairs, |p| p >> 32, |p| p as u32).map(|g| g.loo_correct()).sum();
    score(correct, pairs.iter().map(|&p| p as u32))
}

/// Predicts a row's class from the other rows with the same value of `x`, or, for a value
/// that occurs once, from the majority class of the nearest value.
pub(super) fn numeric_class_score(x: &[f64], classes: &[u32]) -> Option<ClassScore> {
    // `a + 0.0` turns -0.0 into 0.0, so both fall in one group.
    let mut pairs: Vec<(f64, u32)> =
        x.iter().zip(classes).filter(|(a, c)| !a.is_nan() && **c != NO_LABEL).map(|(&a, &c)| (a + 0.0, c)).collect();
    sort_by_key(&mut pairs, |p| f64_key(p.0));
    let mut groups = Groups::new(&pairs, |p| p.0.to_bits(), |p| p.1).peekable();
    let (mut correct, mut previous) = (0, None::<Group>);
    while let Some(g) = groups.next() {
        if g.size > 1 {
            correct += g.loo_correct();
        } else {
            let nearest = match (&previous, groups.peek()) {
                (Some(l), Some(r)) => Some(if g.value - l.value <= r.value - g.value { l } else { r }),
                (l, r) => l.as_ref().or(r),
            };
            correct += usize::from(nearest.is_some_and(|n| n.majority == g.majority));
        }
        previous = Some(g);
    }
    score(correct, pairs.iter().map(|p| p.1))
}

/// R² of predicting each `y` by the mean of the other rows with the same value of `x` (dense
/// codes below `levels`), or by the overall mean for a value that occurs once.
pub(super) fn categorical_r2(x: &[u32], levels: usize, y: &[f64]) -> Option<(f64, usize)> {
    let shared = || x.iter().zip(y).filter(|(a, b)| **a != NO_LABEL && (**a as usize) < levels && !b.is_nan());
    let (mut sums, mut counts) = (vec![0.0; levels], vec![0usize; levels]);
    let (mut n, mut total) = (0usize, 0.0);
    for (&a, &b) in shared() {
        sums[a as usize] += b;
        counts[a as usize] += 1;
        n += 1;
        total += b;
    }
    if n < MIN_SHARED_ROWS {
        return None;
    }
    let mean = total / n as f64;
    let (mut sse, mut sst) = (0.0, 0.0);
    for (&a, &b) in shared() {
        let (sum, count) = (sums[a as usize], counts[a as usize]);
        let predicted = if count > 1 { (sum - b) / (count - 1) as f64 } else { mean };
        sse += (b - predicted) * (b - predicted);
        sst += (b - mean) * (b - mean);
    }
    (sst > 0.0).then(|| (1.0 - sse / sst, n))
}

/// A run of equal keys in sorted pairs, with its class counts summarised.
struct Group {
    size: usize,
    /// The key as a number (for numeric keys).
    value: f64,
    /// The most frequent class (the smallest on a tie) and its count, and the runner-up's count.
    majority: u32,
    top: usize,
    second: usize,
}

impl Group {
    /// Rows predicted right by the majority of the group's other rows.
    fn loo_correct(&self) -> usize {
        if self.top > self.second + 1 {
            self.top
        } else {
            0
        }
    }
}

/// The runs of equal keys in pairs sorted by key.
struct Groups<'a, T, K, C> {
    sorted: &'a [T],
    at: usize,
    key: K,
    class: C,
    scratch: Vec<u32>,
}

impl<'a, T: Copy, K: Fn(T) -> u64, C: Fn(T) -> u32> Groups<'a, T, K, C> {
    fn new(sorted: &'a [T], key: K, class: C) -> Self {
        Groups { sorted, at: 0, key, class, scratch: Vec::new() }
    }
}

impl<T: Copy, K: Fn(T) -> u64, C: Fn(T) -> u32> Iterator for Groups<'_, T, K, C> {
    type Item = Group;

    fn next(&mut self) -> Option<Group> {
        let start = self.at;
        let k = (self.key)(*self.sorted.get(start)?);
        let end = start + self.sorted[start..].iter().take_while(|&&p| (self.key)(p) == k).count();
        self.at = end;
        let value = f64::from_bits(k);
        if end - start == 1 {
            return Some(Group { size: 1, value, majority: (self.class)(self.sorted[start]), top: 1, second: 0 });
        }
        self.scratch.clear();
        self.scratch.extend(self.sorted[start..end].iter().map(|&p| (self.class)(p)));
        self.scratch.sort_unstable();
        let (mut majority, mut top, mut second) = (self.scratch[0], 0, 0);
        for run in self.scratch.chunk_by(|a, b| a == b) {
            if run.len() > top {
                (second, top, majority) = (top, run.len(), run[0]);
            } else if run.len() > second {
                second = run.len();
            }
        }
        Some(Group { size: end - start, value, majority, top, second })
    }
}

fn score(correct: usize, classes: impl Iterator<Item = u32>) -> Option<ClassScore> {
    let mut counts: Vec<usize> = Vec::new();
    for c in classes {
        let c = c as usize;
        if c >= counts.len() {
            counts.resize(c + 1, 0);
        }
        counts[c] += 1;
    }
    let rows: usize = counts.iter().sum();
    if rows < MIN_SHARED_ROWS {
        return None;
    }
    let baseline = counts.iter().max().copied().unwrap_or(0) as f64 / rows as f64;
    Some(ClassScore { accuracy: correct as f64 / rows as f64, baseline, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_of_the_target_scores_perfectly_and_an_identifier_does_not() {
        let classes: Vec<u32> = (0..100).map(|i| i % 2).collect();
        let copy = categorical_class_score(&classes, &classes).unwrap();
        assert_eq!((copy.accuracy, copy.baseline, copy.rows), (1.0, 0.5, 100));
        let ids: Vec<u32> = (0..100).collect();
        assert_eq!(categorical_class_score(&ids, &classes).unwrap().accuracy, 0.0);
        // A number whose threshold separates the classes: only a row at the boundary may miss.
        let x: Vec<f64> = (0..100).map(|i| f64::from(i) * 0.37).collect();
        let split: Vec<u32> = (0..100).map(|i| u32::from(i >= 50)).collect();
        assert!(numeric_class_score(&x, &split).unwrap().accuracy >= 0.99);
        // Alternating classes along the number: the nearest value always has the other class.
        assert_eq!(numeric_class_score(&x, &classes).unwrap().accuracy, 0.0);
    }

    #[test]
    fn group_means_explain_a_numeric_target() {
        let x: Vec<u32> = (0..60).map(|i| i % 3).collect();
        let y: Vec<f64> = x.iter().map(|&g| f64::from(g) * 10.0).collect();
        assert_eq!(categorical_r2(&x, 3, &y), Some((1.0, 60)));
        let ids: Vec<u32> = (0..60).collect();
        assert!(categorical_r2(&ids, 60, &y).unwrap().0 <= 0.0);
    }
}
