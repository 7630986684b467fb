//! The header row: whether the first row is one, and column names made unique.

use std::collections::{HashMap, HashSet};

use super::cells::CellReader;
use super::kind::Kind;
use super::report::Renamed;

/// Cells looked at below the first row, over all columns, to judge it…
const SAMPLE_CELLS: usize = 200_000;
/// …and at most this many rows.
pub const MAX_SAMPLE_ROWS: usize = 1000;

/// Whether the first row is a header. It is data only when no column is text and every
/// typed column's first cell fits the type of the values below it (`1,2` over `3,4`);
/// otherwise — a word over numbers, text columns, a single row, a quoted number over numbers
/// never quoted (`"0","1"` over `27,29`, as R's `write.csv` writes) — it is a header.
/// `columns` hold the first rows' cells; at most [`MAX_SAMPLE_ROWS`] below the first are used;
/// `quoted_over_unquoted` says per column whether only its first cell is quoted.
pub fn first_row_is_header(columns: &[Vec<String>], quoted_over_unquoted: &[bool], reader: &CellReader) -> bool {
    let rows = columns.first().map_or(0, Vec::len);
    if rows < 2 {
        return true;
    }
    let end = rows.min(1 + (SAMPLE_CELLS / columns.len()).clamp(20, MAX_SAMPLE_ROWS));
    let mut data_votes = 0;
    for (i, column) in columns.iter().enumerate() {
        let kind_of = |cell: &String| reader.value(cell).map_or(Kind::Empty, |v| Kind::of(v, reader.decimal_comma));
        let below = column[1..end].iter().fold(Kind::Empty, |k, cell| k.join(kind_of(cell)));
        match below {
            Kind::Text => return true,
            Kind::Empty => continue, // an empty column says nothing
            _ => {}
        }
        let first = kind_of(&column[0]);
        if first == Kind::Empty {
            continue;
        }
        if !below.join(first).same_family(below) {
            return true;
        }
        let numbers = matches!(below, Kind::Integer { .. } | Kind::Number { .. });
        if numbers && quoted_over_unquoted.get(i).copied().unwrap_or(false) {
            return true;
        }
        data_votes += 1;
    }
    data_votes == 0
}

/// Names from the header cells: trimmed; empty ones become `column_N` (N counts from 1),
/// repeated ones get `_2`, `_3`, …; each change is listed.
pub fn unique_names<'a>(header: impl Iterator<Item = &'a str>) -> (Vec<String>, Vec<Renamed>) {
    let mut seen: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut renamed = Vec::new();
    let names = header
        .enumerate()
        .map(|(i, original)| {
            let trimmed = original.trim();
            let base = if trimmed.is_empty() { format!("column_{}", i + 1) } else { trimmed.to_string() };
            let mut name = base.clone();
            if seen.contains(&name) {
                let n = next_suffix.entry(base.clone()).or_insert(2);
                while seen.contains(&name) {
                    name = format!("{base}_{n}");
                    *n += 1;
                }
            }
            seen.insert(name.clone());
            if name != original {
                renamed.push(Renamed { original: original.to_string(), name: name.clone() });
            }
            name
        })
        .collect();
    (names, renamed)
}

/// `column_1` … `column_n`, for a file without a header.
pub fn generated_names(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("column_{i}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_names_unique_without_quadratic_work() {
        let (names, renamed) = unique_names([" id ", "", "x", "x", "x", "column_2"].into_iter());
        assert_eq!(names, ["id", "column_2", "x", "x_2", "x_3", "column_2_2"]);
        assert_eq!(renamed.len(), 5);
        assert_eq!(renamed[0], Renamed { original: " id ".into(), name: "id".into() });
        let many = vec!["v"; 20_000];
        let (names, _) = unique_names(many.into_iter());
        assert_eq!(names.last().map(String::as_str), Some("v_20000"));
    }
}
