//! Permutation feature importance: how much the score drops when one input column's values
//! are shuffled among the held-out rows, per column of the input file (before the recipe,
//! so a one-hot encoded category counts once).

use serde::{Deserialize, Serialize};

use crate::engine::learn::{Progress, SplitMix64};
use crate::engine::table::{Column, Table};

/// How many shuffles each column gets (scikit-learn's default).
pub const REPEATS: usize = 5;

/// Held-out rows the importance is measured on, at most (a seeded sample of larger test
/// sets): every shuffle re-scores them, so on 25 000 rows a 100-tree forest would spend
/// most of its training time here, for bars that barely move.
pub const MAX_IMPORTANCE_ROWS: usize = 2000;

/// The importance of one input column: the mean drop of the score over the shuffles, and its
/// standard deviation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Importance {
    pub column: String,
    pub mean: f64,
    pub std: f64,
}

/// The importance of each column of `rows` but `skip` (the target), most important first,
/// on at most [`MAX_IMPORTANCE_ROWS`] of them. `score` scores a table of these rows (larger
/// is better); the sample and the shuffles follow from `seed`.
pub fn permutation_importance(
    rows: &Table,
    skip: Option<&str>,
    seed: u64,
    progress: &mut Progress,
    score: impl Fn(&Table) -> Result<f64, String>,
) -> Result<Vec<Importance>, String> {
    let sampled;
    let rows = if rows.row_count() > MAX_IMPORTANCE_ROWS {
        let mut order: Vec<usize> = (0..rows.row_count()).collect();
        SplitMix64::new(seed ^ 0x1A4F).shuffle(&mut order);
        order.truncate(MAX_IMPORTANCE_ROWS);
        order.sort_unstable();
        sampled = rows.take(&order);
        &sampled
    } else {
        rows
    };
    let baseline = score(rows)?;
    let columns: Vec<usize> = (0..rows.column_count()).filter(|&j| Some(rows.columns[j].name.as_str()) != skip).collect();
    let mut rng = SplitMix64::new(seed);
    let mut result = Vec::with_capacity(columns.len());
    for (done, &j) in columns.iter().enumerate() {
        let mut drops = Vec::with_capacity(REPEATS);
        for _ in 0..REPEATS {
            let mut order: Vec<usize> = (0..rows.row_count()).collect();
            rng.shuffle(&mut order);
            drops.push(baseline - score(&with_column_shuffled(rows, j, &order))?);
        }
        let mean = drops.iter().sum::<f64>() / REPEATS as f64;
        let std = (drops.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / REPEATS as f64).sqrt();
        result.push(Importance { column: rows.columns[j].name.clone(), mean, std });
        progress.report((done + 1) as f64 / columns.len() as f64, "measuring feature importance").map_err(String::from)?;
    }
    result.sort_by(|a, b| b.mean.total_cmp(&a.mean));
    Ok(result)
}

fn with_column_shuffled(rows: &Table, j: usize, order: &[usize]) -> Table {
    let mut shuffled = rows.clone();
    let column = &rows.columns[j];
    shuffled.columns[j] = Column::new(column.name.clone(), column.data.take(order));
    shuffled
}
