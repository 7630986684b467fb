//! Duplicate rows, found by hashing each row's typed values (no text formatting), sorting the
//! hashes and comparing the rows whose hashes agree.

use std::collections::HashMap;

use super::report::ColumnProfile;
use super::sort::sort_by_key;
use crate::engine::base::table::{ColumnData, Table};

/// Whether a column with every value present and different (an identifier) makes every row
/// different, so there is nothing to hash (all but the columns at the positions in `skip`). A profile's distinct count uses the same equality
/// as [`count_duplicate_rows`] (`-0.0` equals `0.0`, a repeated level text is one value).
pub(super) fn all_rows_differ(columns: &[ColumnProfile], rows: usize, skip: &[usize]) -> bool {
    columns.iter().enumerate().any(|(i, c)| !skip.contains(&i) && c.missing == 0 && c.distinct == rows)
}

/// Rows equal to an earlier row in every column (pandas `duplicated().sum()`): missing equals
/// missing, and `-0.0` equals `0.0`.
pub(super) fn count_duplicate_rows(table: &Table) -> usize {
    count_duplicates_in(table, &[])
}

/// Rows equal to an earlier row in every column but those at the positions in `skip`.
pub(super) fn count_duplicates_in(table: &Table, skip: &[usize]) -> usize {
    let rows = table.row_count();
    if rows < 2 {
        return 0;
    }
    let kept: Vec<&crate::engine::base::table::Column> =
        table.columns.iter().enumerate().filter(|(i, _)| !skip.contains(i)).map(|(_, c)| c).collect();
    if kept.is_empty() {
        return 0;
    }
    let canonical: Vec<Option<Vec<u32>>> = kept.iter().map(|c| canonical_codes(&c.data)).collect();
    let mut hashes = vec![0x9e37_79b9_7f4a_7c15u64; rows];
    for (column, canon) in kept.iter().zip(&canonical) {
        hash_column(&column.data, canon.as_deref(), &mut hashes);
    }
    let mut keyed: Vec<(u64, usize)> = hashes.into_iter().zip(0..rows).collect();
    sort_by_key(&mut keyed, |k| k.0);
    let mut duplicates = 0;
    let mut distinct_in_run: Vec<usize> = Vec::new();
    for (i, &(hash, row)) in keyed.iter().enumerate() {
        if i == 0 || keyed[i - 1].0 != hash {
            distinct_in_run.clear();
        }
        let equal = |&other: &usize| {
            kept.iter().zip(&canonical).all(|(c, canon)| values_equal(&c.data, canon.as_deref(), row, other))
        };
        if distinct_in_run.iter().any(equal) {
            duplicates += 1;
        } else {
            distinct_in_run.push(row);
        }
    }
    duplicates
}

/// For a category column, each code's first code with the same level text (levels are
/// normally unique, so this is usually the identity).
fn canonical_codes(data: &ColumnData) -> Option<Vec<u32>> {
    let ColumnData::Category { levels, .. } = data else { return None };
    let mut first: HashMap<&str, u32> = HashMap::with_capacity(levels.len());
    Some(levels.iter().enumerate().map(|(i, l)| *first.entry(l.as_str()).or_insert(i as u32)).collect())
}

const MISSING: u64 = 0x6d69_7373_696e_6721;

/// A strong 64-bit mix of one value (the splitmix64 finaliser).
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The bits of a number with all NaNs alike and `-0.0` as `0.0`.
fn number_key(x: f64) -> u64 {
    if x.is_nan() {
        MISSING
    } else if x == 0.0 {
        0
    } else {
        x.to_bits()
    }
}

fn text_key(text: &str) -> u64 {
    let mut h = text.len() as u64;
    for chunk in text.as_bytes().chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = mix(h ^ u64::from_le_bytes(word));
    }
    h
}

/// Folds each row's value of `data` into its running hash. Not inlined: see the note on
/// optimizing in `profile/mod.rs`.
#[inline(never)]
fn hash_column(data: &ColumnData, canon: Option<&[u32]>, hashes: &mut [u64]) {
    let fold = |h: &mut u64, key: u64| *h = mix(h.rotate_left(23) ^ key);
    let opt = |v: Option<u64>| v.map_or(MISSING, |k| k.wrapping_add(1));
    match data {
        ColumnData::Number(v) => hashes.iter_mut().zip(v).for_each(|(h, x)| fold(h, number_key(x))),
        ColumnData::Integer(v) => hashes.iter_mut().zip(v).for_each(|(h, x)| fold(h, opt(x.map(|x| x as u64)))),
        ColumnData::Boolean(v) => hashes.iter_mut().zip(v).for_each(|(h, x)| fold(h, opt(x.map(u64::from)))),
        ColumnData::Date(v) => hashes.iter_mut().zip(v).for_each(|(h, x)| fold(h, opt(x.map(|d| d as u64)))),
        ColumnData::DateTime(v) => hashes.iter_mut().zip(v).for_each(|(h, x)| fold(h, opt(x.map(|t| t as u64)))),
        ColumnData::Category { codes, .. } => {
            let canon = |c: u32| canon.and_then(|k| k.get(c as usize)).copied().unwrap_or(c);
            hashes.iter_mut().zip(codes).for_each(|(h, c)| fold(h, opt(c.map(|c| u64::from(canon(c))))))
        }
        ColumnData::Text(v) => {
            hashes.iter_mut().zip(v).for_each(|(h, t)| fold(h, t.as_deref().map_or(MISSING, text_key)))
        }
    }
}

fn values_equal(data: &ColumnData, canon: Option<&[u32]>, a: usize, b: usize) -> bool {
    match data {
        ColumnData::Number(v) => number_key(v.at(a)) == number_key(v.at(b)),
        ColumnData::Integer(v) => v.get(a) == v.get(b),
        ColumnData::DateTime(v) => v.get(a) == v.get(b),
        ColumnData::Boolean(v) => v[a] == v[b],
        ColumnData::Date(v) => v.get(a) == v.get(b),
        ColumnData::Category { codes, .. } => {
            let canon = |c: Option<u32>| c.map(|c| canon.and_then(|k| k.get(c as usize)).copied().unwrap_or(c));
            canon(codes.get(a)) == canon(codes.get(b))
        }
        ColumnData::Text(v) => v[a] == v[b],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::Column;

    #[test]
    fn counts_duplicate_rows_like_pandas() {
        let t = Table::new(
            "t",
            vec![
                Column::new("a", ColumnData::Integer(vec![Some(1), Some(1), Some(2), Some(1), None, None].into())),
                Column::new("b", ColumnData::Number(vec![0.0, -0.0, f64::NAN, 0.0, f64::NAN, f64::NAN].into())),
                Column::new(
                    "c",
                    ColumnData::Category {
                        codes: vec![Some(0), Some(2), None, Some(0), Some(1), Some(1)].into(),
                        levels: vec!["x".into(), "y".into(), "x".into()],
                    },
                ),
            ],
        )
        .unwrap();
        // Row 1 equals row 0 (-0.0 = 0.0, a repeated level), row 3 too, row 5 equals row 4.
        assert_eq!(count_duplicate_rows(&t), 3);
    }

    #[test]
    fn an_identifier_column_makes_every_row_distinct() {
        let rows = |id: Vec<Option<i64>>| {
            let n = id.len();
            let t = Table::new(
                "t",
                vec![
                    Column::new("id", ColumnData::Integer(id.into())),
                    Column::new("x", ColumnData::Number(vec![1.0; n].into())),
                ],
            )
            .unwrap();
            let columns: Vec<ColumnProfile> =
                t.columns.iter().map(|c| super::super::column::analyse(&c.name, &c.data).0).collect();
            (all_rows_differ(&columns, n, &[]), count_duplicate_rows(&t), super::super::profile(&t).duplicate_rows)
        };
        assert_eq!(rows((0..20).map(Some).collect()), (true, 0, 0));
        // A missing id, or a repeated one, proves nothing: the rows are hashed.
        assert_eq!(rows((0..20).map(|i| (i > 0).then_some(i)).collect()), (false, 0, 0));
        assert_eq!(rows((0..20).map(|i| Some(i % 19)).collect()), (false, 1, 1));
    }
}
