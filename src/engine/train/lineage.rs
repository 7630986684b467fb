//! Which of the model's inputs each input column became, so that permutation importance can
//! shuffle the prepared matrix instead of re-applying the recipe for every column.
//!
//! The recipe has no lineage of its own, so it is read off the recipe's behaviour on the
//! held-out rows: every input column is reordered by its own known permutation at once, the
//! fitted recipe is applied to that table, and each model input must come out as the same
//! reordering of its unshuffled values for exactly the input column its name starts with
//! (`colour_red` from `colour`, `x_was_missing` from `x`). That holds when the model input
//! depends on that input column alone, row by row — and then shuffling the input column and
//! re-applying the recipe gives exactly the prepared matrix with that input's model inputs
//! shuffled together. Two such probes are made, stacked in one table so that the recipe is
//! applied once (its cost grows with the columns, not the rows). Any model input that fails (a PCA component,
//! a `compute` of two columns, a renamed column) or a step that removes rows means no
//! lineage: the caller falls back to re-applying the recipe.

use std::collections::HashMap;

use crate::engine::base::table::{Column, Table};
use crate::engine::learn::{Features, SplitMix64};

use super::prepare::{Fold, Prepared};

/// Probes made (each with fresh permutations): a model input that mixes columns passes one
/// by chance only in freak cases, two practically never.
const PROBES: u64 = 2;

/// One input column and the indices of the model inputs (columns of the prepared matrix)
/// that come from it alone; empty when the recipe dropped it.
#[derive(Clone, Debug, PartialEq)]
pub struct InputGroup {
    pub column: String,
    pub features: Vec<usize>,
}

/// The model inputs of each input column of `rows` but the target, in the order of `rows`,
/// when every model input in `x` (the fitted recipe's output for `rows`, target removed)
/// comes from one input column alone; `None` otherwise (see the module doc).
pub fn input_groups(
    prepared: &Prepared,
    fold: &Fold,
    rows: &Table,
    x: &Features,
    seed: u64,
) -> Option<Vec<InputGroup>> {
    if fold.fitted.steps.iter().any(|s| s.removes_rows())
        || x.rows() != rows.row_count()
        || x.cols() != fold.features.len()
    {
        return None;
    }
    let inputs: Vec<usize> = (0..rows.column_count()).filter(|&j| rows.columns[j].name != prepared.target).collect();
    let by_name: HashMap<&str, usize> =
        inputs.iter().enumerate().map(|(g, &j)| (rows.columns[j].name.as_str(), g)).collect();
    let n = rows.row_count();
    let probed = probe(prepared, fold, rows, &inputs, seed)?;
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); inputs.len()];
    for (k, name) in fold.features.iter().enumerate() {
        let from = candidates(name, &by_name)
            .into_iter()
            .find(|&g| (0..PROBES).all(|p| reordered(x, &probed, p as usize * n, k, &probe_order(n, seed, p, g))))?;
        groups[from].push(k);
    }
    Some(
        inputs
            .iter()
            .zip(groups)
            .map(|(&j, features)| InputGroup { column: rows.columns[j].name.clone(), features })
            .collect(),
    )
}

/// The prepared matrix of [`PROBES`] copies of `rows`, one after the other, where in copy `p`
/// input column `inputs[g]` is reordered by [`probe_order`]`(.., p, g)` for every `g` at once:
/// one application of the recipe for all probes (its cost grows with the columns, not the
/// rows). `None` when the recipe then fails or gives other columns.
fn probe(prepared: &Prepared, fold: &Fold, rows: &Table, inputs: &[usize], seed: u64) -> Option<Features> {
    let n = rows.row_count();
    let copies: Vec<usize> = (0..PROBES).flat_map(|_| 0..n).collect();
    let mut table = rows.take(&copies);
    for (g, &j) in inputs.iter().enumerate() {
        let column = &rows.columns[j];
        let order: Vec<usize> = (0..PROBES).flat_map(|p| probe_order(n, seed, p, g)).collect();
        table.columns[j] = Column::new(column.name.clone(), column.data.take(&order));
    }
    let (names, x, _) = prepared.split_target(&fold.fitted.apply(&table).ok()?).ok()?;
    (names == fold.features && x.rows() == copies.len()).then_some(x)
}

/// The permutation probe `p` gives input `g` of `n` rows: seeded, never the identity (when
/// `n` > 1), so that a model input that ignores its column cannot pass for depending on it.
fn probe_order(n: usize, seed: u64, p: u64, g: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed ^ 0x11AE_A6E0 ^ (p << 40) ^ (g as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    rng.shuffle(&mut order);
    if order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

/// The input columns a model input may come from, best first: the one of its own name, then
/// those its name starts with, longest first.
fn candidates(name: &str, by_name: &HashMap<&str, usize>) -> Vec<usize> {
    let mut found: Vec<usize> = by_name.get(name).copied().into_iter().collect();
    found.extend(
        name.char_indices().rev().filter(|&(i, _)| i > 0).filter_map(|(i, _)| by_name.get(&name[..i]).copied()),
    );
    found
}

/// Whether column `k` of `probed`, from row `start` on, is column `k` of `x` with row `i`
/// taken from row `order[i]`.
fn reordered(x: &Features, probed: &Features, start: usize, k: usize, order: &[usize]) -> bool {
    order.iter().enumerate().all(|(i, &from)| probed.row(start + i)[k].to_bits() == x.row(from)[k].to_bits())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_are_the_own_name_then_prefixes() {
        let by_name: HashMap<&str, usize> = [("a", 0), ("a_b", 1), ("c", 2)].into_iter().collect();
        assert_eq!(candidates("a_b", &by_name), vec![1, 0]);
        assert_eq!(candidates("a_b_x", &by_name), vec![1, 0]);
        assert_eq!(candidates("pca_1", &by_name), Vec::<usize>::new());
    }

    #[test]
    fn probe_orders_are_permutations_and_never_the_identity() {
        for n in 2..6 {
            for g in 0..50 {
                let order = probe_order(n, 7, 0, g);
                let mut sorted = order.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                assert!(order.iter().enumerate().any(|(i, &o)| i != o));
            }
        }
    }
}
