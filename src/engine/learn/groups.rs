//! Seeded splits that keep every group of rows together: a grouped train/test split and group
//! k-fold. A group is the rows that share a key (a player, a patient, a bird measured every
//! year); when one group sits on both sides, the model is scored on what it has already seen.
//!
//! Groups are dealt whole: each goes where it brings the row count, and with class labels the
//! count of each class, closest to the ideal share (so classes keep reasonable shares as far
//! as whole groups allow, but no group is ever split). Groups of one class each cannot always
//! balance the classes; the row count still weighs as much as all classes together, so the
//! test side stays near the share asked for.

use std::collections::BTreeMap;

use super::error::LearnError;
use super::folds::Split;
use super::rng::SplitMix64;
use super::split::test_size;

/// Splits rows into (train, test) index lists, both sorted, so that all rows with the same
/// `groups` value are on the same side. The test side aims at `test_share` of the rows
/// (class by class when `labels` are given); each side gets at least one group. The same
/// inputs always give the same split.
pub fn grouped_split(groups: &[u32], labels: Option<&[u32]>, test_share: f64, seed: u64) -> Result<Split, LearnError> {
    let n = groups.len();
    let target_total = test_size(n, test_share)?;
    let members = members(groups, labels)?;
    if members.len() < 2 {
        return Err(LearnError::new(format!(
            "all {n} rows belong to one group, so no group is left to test on; a grouped split needs at least 2 groups"
        )));
    }
    let counts = class_counts(&members, labels);
    let totals = sum_counts(&counts, counts[0].len());
    let ideal: Vec<f64> = totals.iter().map(|&t| t as f64 * target_total as f64 / n as f64).collect();

    // A few seeded orders of dealing, then smallest groups first (which nears the share from
    // below); the split closest to the ideal wins (the first on ties).
    let mut rng = SplitMix64::new(seed);
    let mut best: Option<(f64, Vec<bool>)> = None;
    for deal_number in 0..=DEALS {
        let mut order: Vec<usize> = (0..members.len()).collect();
        rng.shuffle(&mut order);
        if deal_number == DEALS {
            order.sort_by_key(|&g| members[g].len());
        }
        let in_test = deal(&order, &members, &counts, &ideal);
        let mut test_counts = vec![0usize; ideal.len()];
        for g in (0..members.len()).filter(|&g| in_test[g]) {
            add(&mut test_counts, &counts[g]);
        }
        let cost = distance(&test_counts, &ideal);
        if best.as_ref().is_none_or(|(b, _)| cost < *b) {
            best = Some((cost, in_test));
        }
    }
    let in_test = best.map(|(_, t)| t).unwrap_or_default();
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for (g, rows) in members.iter().enumerate() {
        if in_test[g] { &mut test } else { &mut train }.extend_from_slice(rows);
    }
    train.sort_unstable();
    test.sort_unstable();
    Ok((train, test))
}

/// How many seeded orders [`grouped_split`] tries (besides smallest first).
const DEALS: usize = 8;

/// Which groups go to the test side when dealt in `order`: each one that brings the test
/// side's counts closer to `ideal`; then each side is given at least one group.
fn deal(order: &[usize], members: &[Vec<usize>], counts: &[Vec<usize>], ideal: &[f64]) -> Vec<bool> {
    let mut in_test = vec![false; members.len()];
    let mut test_counts = vec![0usize; ideal.len()];
    for &g in order {
        if distance_after(&test_counts, &counts[g], ideal) < distance(&test_counts, ideal) {
            in_test[g] = true;
            add(&mut test_counts, &counts[g]);
        }
    }
    if !in_test.contains(&true) {
        // Every group is larger than the test side should be: the smallest one (the first of
        // them in this order) is tested.
        let smallest = order.iter().copied().min_by_key(|&g| members[g].len()).unwrap_or(0);
        in_test[smallest] = true;
    } else if !in_test.contains(&false) {
        // Every group went to the test side: the last one dealt stays for training.
        in_test[order[members.len() - 1]] = false;
    }
    in_test
}

/// `k` (train, test) splits for cross-validation where every group is in exactly one test
/// fold (so no group is ever on both sides of a fold), every fold tests at least one group,
/// and the folds are as even as whole groups allow (class by class with `labels`). Both
/// lists of each fold are sorted; the same inputs give the same folds.
pub fn group_k_folds(groups: &[u32], k: usize, labels: Option<&[u32]>, seed: u64) -> Result<Vec<Split>, LearnError> {
    if k < 2 {
        return Err(LearnError::new(format!("cross-validation needs at least 2 folds (asked for {k})")));
    }
    let members = members(groups, labels)?;
    if members.len() < k {
        let g = members.len();
        return Err(LearnError::new(format!(
            "cannot make {k} folds from {g} group{}: a group is never split between folds; choose at most {g} folds{}",
            if g == 1 { "" } else { "s" },
            if g < 2 { " (with 1 group there is nothing to hold out: cross-validation needs at least 2)" } else { "" }
        )));
    }
    let counts = class_counts(&members, labels);
    let totals = sum_counts(&counts, counts[0].len());
    let ideal: Vec<f64> = totals.iter().map(|&t| t as f64 / k as f64).collect();

    // Largest groups first (they are the hardest to place); the seed orders groups of a size.
    let mut order: Vec<usize> = (0..members.len()).collect();
    SplitMix64::new(seed).shuffle(&mut order);
    order.sort_by_key(|&g| std::cmp::Reverse(members[g].len()));
    let mut fold_counts = vec![vec![0usize; ideal.len()]; k];
    let mut fold_rows = vec![0usize; k];
    let mut fold_of = vec![0usize; members.len()];
    for (placed, &g) in order.iter().enumerate() {
        let left = members.len() - placed;
        let empty = fold_rows.iter().filter(|&&r| r == 0).count();
        let fold = (0..k)
            .filter(|&f| left > empty || fold_rows[f] == 0)
            .min_by(|&a, &b| {
                let cost =
                    |f: usize| distance_after(&fold_counts[f], &counts[g], &ideal) - distance(&fold_counts[f], &ideal);
                cost(a).total_cmp(&cost(b)).then(fold_rows[a].cmp(&fold_rows[b])).then(a.cmp(&b))
            })
            .unwrap_or(0);
        fold_of[g] = fold;
        add(&mut fold_counts[fold], &counts[g]);
        fold_rows[fold] += members[g].len();
    }
    Ok((0..k)
        .map(|f| {
            let (mut test, mut train) = (Vec::new(), Vec::new());
            for (g, rows) in members.iter().enumerate() {
                if fold_of[g] == f { &mut test } else { &mut train }.extend_from_slice(rows);
            }
            test.sort_unstable();
            train.sort_unstable();
            (train, test)
        })
        .collect())
}

/// The rows of each group, in group order; an error when `labels` is not one per row.
fn members(groups: &[u32], labels: Option<&[u32]>) -> Result<Vec<Vec<usize>>, LearnError> {
    if let Some(labels) = labels {
        if labels.len() != groups.len() {
            return Err(LearnError::new(format!("there are {} labels for {} rows", labels.len(), groups.len())));
        }
    }
    let mut by_group: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, &g) in groups.iter().enumerate() {
        by_group.entry(g).or_default().push(i);
    }
    Ok(by_group.into_values().collect())
}

/// Each group's row count per class (one count per group without labels).
fn class_counts(members: &[Vec<usize>], labels: Option<&[u32]>) -> Vec<Vec<usize>> {
    let classes = labels.and_then(|l| l.iter().max()).map_or(1, |&m| m as usize + 1);
    members
        .iter()
        .map(|rows| {
            let mut counts = vec![0usize; classes];
            for &i in rows {
                counts[labels.map_or(0, |l| l[i] as usize)] += 1;
            }
            counts
        })
        .collect()
}

fn sum_counts(counts: &[Vec<usize>], classes: usize) -> Vec<usize> {
    let mut totals = vec![0usize; classes];
    for c in counts {
        add(&mut totals, c);
    }
    totals
}

fn add(into: &mut [usize], counts: &[usize]) {
    for (a, b) in into.iter_mut().zip(counts) {
        *a += b;
    }
}

/// How far class counts are from their ideal: the absolute differences of the classes plus
/// that of the total.
fn distance(counts: &[usize], ideal: &[f64]) -> f64 {
    misfit(counts.iter().zip(ideal).map(|(&c, &i)| (c as f64, i)))
}

/// [`distance`] once a group's counts are added.
fn distance_after(counts: &[usize], group: &[usize], ideal: &[f64]) -> f64 {
    misfit(counts.iter().zip(group).zip(ideal).map(|((&c, &g), &i)| ((c + g) as f64, i)))
}

fn misfit(pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
    let (mut classes, mut total, mut ideal_total) = (0.0, 0.0, 0.0);
    for (count, ideal) in pairs {
        classes += (count - ideal).abs();
        total += count;
        ideal_total += ideal;
    }
    classes + (total - ideal_total).abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` rows in groups of 1 to 5 rows (a seeded layout), group keys shuffled over rows.
    fn layout(n: usize, seed: u64) -> Vec<u32> {
        let mut rng = SplitMix64::new(seed);
        let mut groups = Vec::with_capacity(n);
        let mut key = 0u32;
        while groups.len() < n {
            let size = 1 + rng.below(5) as usize;
            groups.extend(std::iter::repeat_n(key, size.min(n - groups.len())));
            key += 1;
        }
        rng.shuffle(&mut groups);
        groups
    }

    fn no_group_on_both_sides(groups: &[u32], train: &[usize], test: &[usize]) {
        let mut all: Vec<usize> = train.iter().chain(test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..groups.len()).collect::<Vec<_>>(), "a partition of the rows");
        for &i in test {
            assert!(train.iter().all(|&j| groups[j] != groups[i]), "group {} on both sides", groups[i]);
        }
    }

    #[test]
    fn grouped_split_keeps_groups_whole_and_near_the_share() {
        for seed in 0..20 {
            let groups = layout(200, seed);
            let (train, test) = grouped_split(&groups, None, 0.25, seed).unwrap();
            no_group_on_both_sides(&groups, &train, &test);
            assert!((test.len() as i64 - 50).abs() <= 5, "seed {seed}: {} test rows", test.len());
            assert_eq!(grouped_split(&groups, None, 0.25, seed).unwrap(), (train, test));
        }
    }

    #[test]
    fn grouped_split_keeps_class_shares_reasonable() {
        let groups = layout(300, 3);
        // Each group has one class; a third of the groups are class 1.
        let labels: Vec<u32> = groups.iter().map(|&g| u32::from(g % 3 == 0)).collect();
        let (train, test) = grouped_split(&groups, Some(&labels), 0.2, 5).unwrap();
        no_group_on_both_sides(&groups, &train, &test);
        let ones = |rows: &[usize]| rows.iter().filter(|&&i| labels[i] == 1).count() as f64 / rows.len() as f64;
        assert!((ones(&test) - ones(&train)).abs() < 0.08, "{} vs {}", ones(&test), ones(&train));
    }

    #[test]
    fn the_closest_of_several_deals_wins() {
        // The penguins' islands: 52 Adelie; 56 Adelie and 68 Chinstrap; 44 Adelie and 124
        // Gentoo. A quarter is 86 rows: the small island is the closest, whatever the seed.
        let mut groups = vec![0u32; 52];
        groups.extend([1; 124]);
        groups.extend([2; 168]);
        let mut labels = vec![0u32; 52];
        labels.extend([0; 56].into_iter().chain([1; 68]));
        labels.extend([0; 44].into_iter().chain([2; 124]));
        for seed in 0..20 {
            let (_, test) = grouped_split(&groups, Some(&labels), 0.25, seed).unwrap();
            assert_eq!(test, (0..52).collect::<Vec<_>>(), "seed {seed}");
        }
    }

    #[test]
    fn grouped_split_gives_each_side_a_group() {
        // Two huge groups and a tiny share; two groups and a huge share.
        let groups = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        for share in [0.01, 0.5, 0.99] {
            let (train, test) = grouped_split(&groups, None, share, 1).unwrap();
            assert_eq!((train.len(), test.len()), (5, 5), "{share}");
        }
        let e = grouped_split(&[4, 4, 4], None, 0.3, 1).unwrap_err().to_string();
        assert!(e.contains("one group") && e.contains("at least 2 groups"), "{e}");
    }

    #[test]
    fn group_folds_are_disjoint_and_cover_every_row() {
        for seed in 0..10 {
            let groups = layout(120, seed);
            let labels: Vec<u32> = groups.iter().map(|&g| g % 2).collect();
            for labels in [None, Some(labels.as_slice())] {
                let folds = group_k_folds(&groups, 5, labels, seed).unwrap();
                assert_eq!(folds.len(), 5);
                let mut tested: Vec<usize> = folds.iter().flat_map(|(_, t)| t.clone()).collect();
                tested.sort_unstable();
                assert_eq!(tested, (0..120).collect::<Vec<_>>());
                for (train, test) in &folds {
                    assert!(!test.is_empty());
                    no_group_on_both_sides(&groups, train, test);
                    assert!((test.len() as i64 - 24).abs() <= 6, "{}", test.len());
                }
                assert_eq!(group_k_folds(&groups, 5, labels, seed).unwrap(), folds);
            }
        }
    }

    #[test]
    fn every_fold_tests_a_group_even_when_sizes_are_lopsided() {
        let groups = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3];
        let folds = group_k_folds(&groups, 4, None, 9).unwrap();
        assert!(folds.iter().all(|(_, test)| !test.is_empty()));
    }

    #[test]
    fn fewer_groups_than_folds_is_refused() {
        let e = group_k_folds(&[1, 1, 2, 2, 3, 3], 5, None, 1).unwrap_err().to_string();
        assert!(e.contains("5 folds from 3 groups") && e.contains("at most 3 folds"), "{e}");
        assert!(group_k_folds(&[1, 2, 3], 1, None, 1).is_err());
        assert!(group_k_folds(&[1, 2, 3], 2, Some(&[0, 1]), 1).is_err());
    }
}
