//! Missing for a reason: a column whose missing rows are (nearly) exactly the rows where
//! another column has certain values ("cause of death" missing exactly where `death` is 0), or
//! is itself missing. Such values are not missing at random: imputing them hides a pattern a
//! model can then learn from the other column, or from the imputed value.
//!
//! Each column with missing values is compared with every column of at most
//! [`MAX_LEVELS`] values (categories, booleans, small codes; missing counts as a value) and
//! with the missing pattern of every other column. A comparison stops as soon as it has seen
//! more mismatches than allowed, which for unrelated columns is after a few thousand rows.

use std::cell::RefCell;

use super::alerts::{count, name_list, percent};
use super::report::{Alert, ColumnProfile};
use crate::engine::base::table::{format_number, Codes, ColumnData, Table};

/// Most values (besides missing) a column may have to explain another's missing rows.
const MAX_LEVELS: usize = 20;
/// Fewest missing and fewest present rows for a column's missing pattern to be judged.
const MIN_ROWS: usize = 10;
/// Mismatches allowed, as a share of the smaller of the missing and present rows.
const TOLERANCE: f64 = 0.02;
/// Rows compared between checks on the mismatches so far.
const CHUNK: usize = 4096;

/// How a column's rows become small codes, one row at a time (a comparison usually stops
/// after a few thousand rows, so nothing is coded ahead).
enum Coder<'a> {
    /// Category codes as they are, missing as the code after the last level.
    Category(&'a Codes, u8),
    Boolean(&'a [Option<bool>]),
    /// Numbers of few values, each coded on first sight.
    Numbers(&'a ColumnData, RefCell<Vec<f64>>),
    /// Only missing (1) or present (0).
    Mask(&'a ColumnData),
}

/// A column that can explain others' missing rows.
struct Levels<'a> {
    column: usize,
    name: &'a str,
    coder: Coder<'a>,
    /// Codes possible: values, then missing.
    size: usize,
}

impl Levels<'_> {
    fn code(&self, i: usize) -> usize {
        match &self.coder {
            Coder::Category(codes, missing) => {
                codes.get(i).map_or(*missing as usize, |c| (c as usize).min(*missing as usize))
            }
            Coder::Boolean(v) => v[i].map_or(2, usize::from),
            Coder::Numbers(data, seen) => match data.number_at(i) {
                None => MAX_LEVELS,
                Some(x) => {
                    let mut seen = seen.borrow_mut();
                    let at = seen.iter().position(|&s| s == x + 0.0);
                    at.unwrap_or_else(|| {
                        seen.push(x + 0.0);
                        seen.len() - 1
                    })
                    .min(MAX_LEVELS - 1)
                }
            },
            Coder::Mask(data) => usize::from(data.is_missing(i)),
        }
    }

    /// The text of a code; `None` for missing.
    fn text(&self, code: usize, table: &Table) -> Option<String> {
        match &self.coder {
            Coder::Category(_, missing) => {
                (code != *missing as usize).then(|| match &table.columns[self.column].data {
                    ColumnData::Category { levels, .. } => levels[code].clone(),
                    _ => String::new(),
                })
            }
            Coder::Boolean(_) => (code < 2).then(|| (code == 1).to_string()),
            Coder::Numbers(_, seen) => seen.borrow().get(code).filter(|_| code < MAX_LEVELS).map(|&x| format_number(x)),
            Coder::Mask(_) => (code == 0).then(|| "present".to_string()),
        }
    }

    fn mask_only(&self) -> bool {
        matches!(self.coder, Coder::Mask(_))
    }
}

/// The alerts: one per column explaining others' missing rows, naming those columns.
pub(super) fn missing_for_a_reason(table: &Table, columns: &[ColumnProfile]) -> Vec<Alert> {
    let judged: Vec<usize> =
        (0..columns.len()).filter(|&i| columns[i].missing >= MIN_ROWS && columns[i].count >= MIN_ROWS).collect();
    if judged.is_empty() {
        return Vec::new();
    }
    let levels: Vec<Levels> =
        table.columns.iter().enumerate().filter_map(|(i, c)| levels_of(i, &c.name, &c.data, &columns[i])).collect();
    // Each judged column's best explanation: fewest mismatches, values before missing patterns,
    // the earlier column on a tie.
    let mut explained: Vec<(usize, usize, Vec<u8>, usize)> = Vec::new(); // (column, levels index, missing codes, mismatches)
    for &a in &judged {
        let data = &table.columns[a].data;
        let allowed = (TOLERANCE * columns[a].missing.min(columns[a].count) as f64) as usize;
        let mut best: Option<(usize, usize, Vec<u8>, usize)> = None;
        // Columns of few values first, then missing patterns, each in table order; an exact
        // explanation ends the search (a block of 100 columns missing together costs one
        // comparison each, not 100).
        let order = (0..levels.len())
            .filter(|&li| !levels[li].mask_only())
            .chain((0..levels.len()).filter(|&li| levels[li].mask_only()));
        for li in order {
            let l = &levels[li];
            if best.as_ref().is_some_and(|b| b.3 == 0) {
                break;
            }
            // A missing pattern is compared with earlier columns only, so a block of columns
            // missing together is reported once, from its first column.
            if l.column == a || (l.mask_only() && l.column > a) {
                continue;
            }
            if let Some((codes, mismatches)) = explains(data, l, allowed) {
                // Explained only by the other column's missing values: a missing pattern too.
                let only_missing = codes.iter().all(|&c| l.text(c as usize, table).is_none());
                if only_missing && l.column > a {
                    continue;
                }
                let better = best.as_ref().is_none_or(|b| (mismatches, l.mask_only()) < (b.3, levels[b.1].mask_only()));
                if better {
                    best = Some((a, li, codes, mismatches));
                }
            }
        }
        explained.extend(best);
    }
    // Group the columns explained alike by the same column.
    let mut groups: Vec<(usize, Vec<u8>, Vec<usize>, usize)> = Vec::new();
    for (a, li, codes, mismatches) in explained {
        match groups.iter_mut().find(|g| g.0 == li && g.1 == codes) {
            Some(g) => {
                g.2.push(a);
                g.3 += mismatches;
            }
            None => groups.push((li, codes, vec![a], mismatches)),
        }
    }
    groups
        .into_iter()
        .map(|(li, codes, explained, mismatches)| {
            let l = &levels[li];
            let names: Vec<String> = explained.iter().map(|&a| format!("'{}'", columns[a].name)).collect();
            let missing: usize = explained.iter().map(|&a| columns[a].missing).sum();
            let rows_text = if explained.len() == 1 {
                format!("{} missing rows", count(missing))
            } else {
                format!("{} missing values", count(missing))
            };
            let are = if explained.len() == 1 { "is" } else { "are" };
            let exactly = if mismatches == 0 { "exactly".to_string() } else { format!("in {} of cases", percent(1.0 - mismatches as f64 / missing.max(1) as f64)) };
            let texts: Vec<Option<String>> = codes.iter().map(|&c| l.text(c as usize, table)).collect();
            let condition = if texts.iter().all(Option::is_none) {
                format!("where '{}' is missing", l.name)
            } else {
                let values: Vec<String> = texts.iter().map(|t| t.as_ref().map_or("missing".to_string(), |t| format!("'{t}'"))).collect();
                format!("where '{}' is {}", l.name, name_list(&values, 3).replace(" and ", " or "))
            };
            let mut alert_columns: Vec<&str> = explained.iter().map(|&a| columns[a].name.as_str()).collect();
            alert_columns.push(l.name);
            Alert::new(
                "missing_for_a_reason",
                &alert_columns,
                format!(
                    "{} {are} missing {exactly} {condition} ({rows_text}): missing for a reason, not at random; impute with care and consider a 'was missing' indicator.",
                    name_list(&names, 4)
                ),
            )
        })
        .collect()
}

/// The levels of a column that can explain others' missing rows: its values when few, else
/// its missing pattern when it has one.
fn levels_of<'a>(column: usize, name: &'a str, data: &'a ColumnData, p: &ColumnProfile) -> Option<Levels<'a>> {
    let few = p.distinct >= 2 && p.distinct <= MAX_LEVELS;
    let coder = match data {
        ColumnData::Category { codes, levels } if few && levels.len() < MAX_CODES => {
            Coder::Category(codes, levels.len() as u8)
        }
        ColumnData::Boolean(v) if few => Coder::Boolean(v),
        ColumnData::Number(_) | ColumnData::Integer(_) if few => Coder::Numbers(data, RefCell::new(Vec::new())),
        _ if p.missing > 0 && p.count > 0 => Coder::Mask(data),
        _ => return None,
    };
    let size = match &coder {
        Coder::Category(_, missing) => *missing as usize + 1,
        Coder::Boolean(_) => 3,
        Coder::Numbers(..) => MAX_LEVELS + 1,
        Coder::Mask(_) => 2,
    };
    Some(Levels { column, name, coder, size })
}

/// Most category levels (occurring or not) a category column may list to be coded as it is.
const MAX_CODES: usize = 250;

/// Whether `l` explains where `data` is missing with at most `allowed` mismatches: the codes
/// where it is mostly missing, and the mismatches (rows disagreeing with their code's majority).
fn explains(data: &ColumnData, l: &Levels, allowed: usize) -> Option<(Vec<u8>, usize)> {
    let levels = l.size;
    let (mut missing, mut present) = (vec![0usize; levels], vec![0usize; levels]);
    let rows = data.len();
    let mismatches = |m: &[usize], p: &[usize]| m.iter().zip(p).map(|(a, b)| a.min(b)).sum::<usize>();
    for start in (0..rows).step_by(CHUNK) {
        count_chunk(data, l, start, (start + CHUNK).min(rows), &mut missing, &mut present);
        if mismatches(&missing, &present) > allowed {
            return None;
        }
    }
    let codes: Vec<u8> = (0..levels).filter(|&c| missing[c] > present[c]).map(|c| c as u8).collect();
    // Missing under some values and present under others.
    let explains_some = !codes.is_empty() && (0..levels).any(|c| present[c] > missing[c]);
    explains_some.then(|| (codes, mismatches(&missing, &present)))
}

/// Counts, for rows `start..end`, the missing and present rows of `data` under each code.
#[inline(never)]
fn count_chunk(data: &ColumnData, l: &Levels, start: usize, end: usize, missing: &mut [usize], present: &mut [usize]) {
    for i in start..end {
        let code = l.code(i);
        if data.is_missing(i) {
            missing[code] += 1;
        } else {
            present[code] += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::table::Column;

    #[test]
    fn a_block_missing_together_is_one_alert_from_its_first_column() {
        let gap = |i: usize| i.is_multiple_of(7);
        let column = |name: &str, shift: f64| {
            Column::new(
                name,
                ColumnData::Number((0..200).map(|i| if gap(i) { f64::NAN } else { i as f64 + shift }).collect()),
            )
        };
        let random = Column::new(
            "random",
            ColumnData::Number((0..200).map(|i| if i % 11 == 3 { f64::NAN } else { 1.0 }).collect()),
        );
        let t = Table::new("t", vec![column("a", 0.0), column("b", 1.0), random, column("c", 2.0)]).unwrap();
        let profiles: Vec<ColumnProfile> =
            t.columns.iter().map(|c| super::super::column::analyse(&c.name, &c.data).0).collect();
        let alerts = missing_for_a_reason(&t, &profiles);
        assert_eq!(alerts.len(), 1, "{alerts:#?}");
        assert_eq!(alerts[0].columns, ["b", "c", "a"]);
        assert!(
            alerts[0].message.starts_with("'b' and 'c' are missing exactly where 'a' is missing (58 missing values)"),
            "{}",
            alerts[0].message
        );
    }
}
