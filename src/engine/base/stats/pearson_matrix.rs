//! The Pearson matrix in one pass over the rows, block by block, as pandas `df.corr()` computes
//! it (each pair over the rows where both values are finite: [`takes_part`]). The profile's
//! heatmap and its correlation alerts read it; a pair agrees with [`super::pearson`].
//!
//! Each block of rows is shifted once per column (by the column's mean, with 0 where the value
//! is missing or infinite; a column of extreme magnitude is first taken in its
//! [`super::correlation_unit`], as [`super::pearson`] takes it), so a pair needs only the dot product of two short buffers that sit
//! in the cache: the other sums of a pair are the column's own sums, less the rows where the
//! other column is missing, which are few. Reading every column once instead of once per pair,
//! and one multiply-add per row and pair instead of six, is what makes the matrix cheap.
//! Columns are read a block at a time as `f64`s, so integer and decimal columns are never
//! converted whole.

use super::correlation::{correlation_of_sums, symmetric, takes_part};
use super::moments::power_of_two_unit;
use crate::engine::base::table::{ColumnData, Integers, Numbers};
use crate::engine::base::vector::dot;

/// A column the matrix reads a block at a time.
pub enum Source<'a> {
    Numbers(&'a Numbers),
    Integers(&'a Integers),
}

impl Source<'_> {
    /// A number or integer column; `None` for other types.
    pub fn of(data: &ColumnData) -> Option<Source<'_>> {
        match data {
            ColumnData::Number(v) => Some(Source::Numbers(v)),
            ColumnData::Integer(v) => Some(Source::Integers(v)),
            _ => None,
        }
    }

    fn len(&self) -> usize {
        match self {
            Source::Numbers(v) => v.len(),
            Source::Integers(v) => v.len(),
        }
    }

    /// Values `start..start + out.len()` as `f64`s, `NaN` where missing.
    fn fill(&self, start: usize, out: &mut [f64]) {
        match self {
            Source::Numbers(v) => v.fill(start, out),
            Source::Integers(v) => {
                out.iter_mut().enumerate().for_each(|(k, o)| *o = v.get(start + k).map_or(f64::NAN, |x| x as f64))
            }
        }
    }

    /// The [`super::correlation_unit`] of the first `rows` values, and the mean of the finite
    /// ones in that unit (0 when there are none), summed in order as [`super::finite_mean`]
    /// does. Columns of extreme magnitude take a second pass.
    fn unit_and_mean(&self, rows: usize, block: &mut [f64]) -> (f64, f64) {
        let (mut n, mut sum, mut largest) = (0usize, 0.0, 0.0f64);
        for start in (0..rows).step_by(BLOCK) {
            let values = &mut block[..(rows - start).min(BLOCK)];
            self.fill(start, values);
            values.iter().filter(|x| takes_part(**x)).for_each(|x| {
                n += 1;
                sum += x;
                largest = largest.max(x.abs());
            });
        }
        let unit = power_of_two_unit(largest);
        if unit != 1.0 {
            sum = 0.0;
            for start in (0..rows).step_by(BLOCK) {
                let values = &mut block[..(rows - start).min(BLOCK)];
                self.fill(start, values);
                values.iter().filter(|x| takes_part(**x)).for_each(|x| sum += x / unit);
            }
        }
        (unit, if n == 0 { 0.0 } else { sum / n as f64 })
    }
}

/// Rows per block: a block of every column stays in the cache.
const BLOCK: usize = 2048;

/// Sums of one column's shifted finite values, and within the current block where its values
/// are missing.
#[derive(Default)]
struct ColumnSums {
    n: f64,
    sum: f64,
    squares: f64,
    /// Values of the block, as read.
    values: Vec<f64>,
    /// Shifted values of the block (0 where missing).
    shifted: Vec<f64>,
    /// Offsets in the block of the missing (or infinite) values.
    missing: Vec<usize>,
}

/// Sums of a pair over the rows where one side is missing (to subtract), and the dot product.
#[derive(Clone, Copy, Default)]
struct PairSums {
    /// Rows where x is present and y missing: count, Σx, Σx²; and the same for y.
    x_alone: [f64; 3],
    y_alone: [f64; 3],
    dot: f64,
}

/// Pearson correlation matrix over pairwise complete (finite) rows; `None` where fewer than
/// two rows are shared or a column does not vary on them.
pub fn pearson_matrix(columns: &[Source]) -> Vec<Vec<Option<f64>>> {
    let k = columns.len();
    let rows = columns.iter().map(|c| c.len()).min().unwrap_or(0);
    let mut block = vec![0.0; BLOCK];
    let shifts: Vec<(f64, f64)> = columns.iter().map(|c| c.unit_and_mean(rows, &mut block)).collect();
    let mut sums: Vec<ColumnSums> = (0..k)
        .map(|_| ColumnSums { values: vec![0.0; BLOCK], shifted: vec![0.0; BLOCK], ..ColumnSums::default() })
        .collect();
    let mut pairs = vec![PairSums::default(); k * k];
    for start in (0..rows).step_by(BLOCK) {
        let len = (rows - start).min(BLOCK);
        for (column, (s, &(unit, shift))) in columns.iter().zip(sums.iter_mut().zip(&shifts)) {
            column.fill(start, &mut s.values[..len]);
            if unit != 1.0 {
                s.values[..len].iter_mut().for_each(|v| *v /= unit);
            }
            shift_block(len, shift, s);
        }
        for i in 0..k {
            for j in i..k {
                let (x, y) = (&sums[i], &sums[j]);
                let pair = &mut pairs[i * k + j];
                pair.dot += dot(&x.shifted[..len], &y.shifted[..len]);
                alone(x, &y.missing, &mut pair.x_alone);
                alone(y, &x.missing, &mut pair.y_alone);
            }
        }
    }
    symmetric(k, |i, j| {
        let (x, y, p) = (&sums[i], &sums[j], &pairs[i * k + j]);
        let n = x.n - p.x_alone[0];
        debug_assert_eq!(n, y.n - p.y_alone[0]);
        let ax = x.sum - p.x_alone[1];
        let ay = y.sum - p.y_alone[1];
        let axx = x.squares - p.x_alone[2];
        let ayy = y.squares - p.y_alone[2];
        correlation_of_sums(n, [ax, ay, axx, ayy, p.dot])
    })
}

/// Shifts the first `len` of `s.values` into `s.shifted`, notes its missing rows and adds to
/// its sums. Not inlined: see the note on optimizing in `profile/mod.rs`.
#[inline(never)]
fn shift_block(len: usize, shift: f64, s: &mut ColumnSums) {
    s.missing.clear();
    let (mut n, mut sum, mut squares) = (0usize, 0.0, 0.0);
    for (k, (&v, out)) in s.values[..len].iter().zip(s.shifted.iter_mut()).enumerate() {
        if takes_part(v) {
            let d = v - shift;
            *out = d;
            n += 1;
            sum += d;
            squares += d * d;
        } else {
            *out = 0.0;
            s.missing.push(k);
        }
    }
    s.n += n as f64;
    s.sum += sum;
    s.squares += squares;
}

/// Adds x's count, Σx and Σx² over the rows of the block where y is missing and x is not.
fn alone(x: &ColumnSums, y_missing: &[usize], out: &mut [f64; 3]) {
    for &r in y_missing {
        if takes_part(x.values[r]) {
            let d = x.shifted[r];
            out[0] += 1.0;
            out[1] += d;
            out[2] += d * d;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::correlation::pearson;
    use super::*;

    #[test]
    fn agrees_with_the_pairwise_definition_across_blocks() {
        // Four columns over several blocks, with gaps and infinities in different rows; the last
        // one near 1e305, where squares overflow unless taken in a unit.
        let rows = BLOCK * 2 + 123;
        let wave = |k: usize, f: f64| ((k as f64) * f).sin() * 100.0 + 1e6;
        let a: Vec<f64> = (0..rows).map(|k| if k % 37 == 0 { f64::NAN } else { wave(k, 0.1) }).collect();
        let b: Vec<f64> =
            (0..rows).map(|k| if k % 41 == 3 { f64::INFINITY } else { wave(k, 0.1) * 0.5 + wave(k, 0.7) }).collect();
        let c: Vec<f64> = (0..rows).map(|k| if k % 2 == 0 { f64::NAN } else { k as f64 }).collect();
        let d: Vec<f64> = b.iter().map(|x| x * 1e299).collect();
        let cols = [a, b, c, d];
        let numbers: Vec<Numbers> = cols.iter().map(|c| Numbers::from(c.clone())).collect();
        let m = pearson_matrix(&numbers.iter().map(Source::Numbers).collect::<Vec<_>>());
        assert!((m[0][3].unwrap() - m[0][1].unwrap()).abs() < 1e-12);
        for i in 0..4 {
            for j in 0..4 {
                let expected = pearson(&cols[i], &cols[j]);
                match (m[i][j], expected) {
                    (Some(got), Some(want)) => assert!((got - want).abs() < 1e-9, "{i},{j}: {got} vs {want}"),
                    (got, want) => assert_eq!(got, want, "{i},{j}"),
                }
            }
        }
        assert!(pearson_matrix(&[]).is_empty());
    }
}
