//! One column from the parts of several tables, in a type that holds them all.

use std::collections::HashMap;

use crate::engine::base::table::{Codes, ColumnData, ColumnType};

/// The parts of one column, one per table, as a single column. Parts of one type keep it;
/// integers with numbers become numbers, dates with datetimes become datetimes, categories
/// with text become text; any other mix becomes text, and the second value says so.
pub fn concatenate(parts: &[&ColumnData]) -> (ColumnData, bool) {
    let types: Vec<ColumnType> = parts.iter().map(|p| p.column_type()).collect();
    let all = |t: &[ColumnType]| types.iter().all(|x| t.contains(x));
    use ColumnType::*;
    if all(&[Integer]) {
        (
            ColumnData::Integer(flat(parts, |p| if let ColumnData::Integer(v) = p { Some(v.iter()) } else { None })),
            false,
        )
    } else if all(&[Boolean]) {
        (
            ColumnData::Boolean(flat(parts, |p| {
                if let ColumnData::Boolean(v) = p {
                    Some(v.iter().copied())
                } else {
                    None
                }
            })),
            false,
        )
    } else if all(&[Date]) {
        (ColumnData::Date(flat(parts, |p| if let ColumnData::Date(v) = p { Some(v.iter()) } else { None })), false)
    } else if all(&[Number, Integer]) {
        let numbers = parts.iter().flat_map(|p| p.to_numbers().unwrap_or_default()).collect();
        (ColumnData::Number(numbers), false)
    } else if all(&[Date, DateTime]) {
        (ColumnData::DateTime(parts.iter().flat_map(|p| moments(p)).collect()), false)
    } else if all(&[Category]) {
        (categories(parts), false)
    } else {
        let text = parts.iter().flat_map(|p| (0..p.len()).map(|i| p.text_at(i))).collect();
        (ColumnData::Text(text), !all(&[Category, Text]))
    }
}

/// The values of every part, in order, where `values` finds them.
fn flat<'a, I: IntoIterator, C: FromIterator<I::Item>>(
    parts: &[&'a ColumnData],
    values: impl Fn(&'a ColumnData) -> Option<I>,
) -> C {
    parts.iter().filter_map(|p| values(p)).flatten().collect()
}

/// A date or datetime column as milliseconds since the epoch.
fn moments(data: &ColumnData) -> Vec<Option<i64>> {
    match data {
        ColumnData::Date(v) => {
            v.iter().map(|d| d.map(|d| i64::from(d) * crate::engine::base::dates::MS_PER_DAY)).collect()
        }
        ColumnData::DateTime(v) => v.iter().collect(),
        _ => vec![None; data.len()],
    }
}

/// Category parts as one category column whose levels are the union, in order of first use.
fn categories(parts: &[&ColumnData]) -> ColumnData {
    let mut levels: Vec<String> = Vec::new();
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut codes = Codes::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        let ColumnData::Category { codes: part_codes, levels: part_levels } = part else { continue };
        let remap: Vec<u32> = part_levels
            .iter()
            .map(|level| {
                *index.entry(level.clone()).or_insert_with(|| {
                    levels.push(level.clone());
                    (levels.len() - 1) as u32
                })
            })
            .collect();
        codes.extend(part_codes.iter().map(|c| c.and_then(|c| remap.get(c as usize).copied())));
    }
    ColumnData::Category { codes, levels }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_with_numbers_become_numbers() {
        let (data, lossy) =
            concatenate(&[&ColumnData::Integer(vec![Some(1), None].into()), &ColumnData::Number(vec![2.5].into())]);
        assert!(!lossy);
        let ColumnData::Number(v) = data else { panic!("expected numbers") };
        assert_eq!((v.at(0), v.is_missing(1), v.at(2)), (1.0, true, 2.5));
    }

    #[test]
    fn category_levels_are_merged() {
        let a = ColumnData::Category { codes: vec![Some(0), Some(1)].into(), levels: vec!["x".into(), "y".into()] };
        let b =
            ColumnData::Category { codes: vec![Some(0), None, Some(1)].into(), levels: vec!["y".into(), "z".into()] };
        let (data, _) = concatenate(&[&a, &b]);
        let texts: Vec<Option<String>> = (0..data.len()).map(|i| data.text_at(i)).collect();
        assert_eq!(texts, [Some("x"), Some("y"), Some("y"), None, Some("z")].map(|t| t.map(String::from)));
    }

    #[test]
    fn dates_with_datetimes_become_datetimes() {
        let (data, _) =
            concatenate(&[&ColumnData::Date(vec![Some(1)].into()), &ColumnData::DateTime(vec![Some(5)].into())]);
        assert_eq!(data, ColumnData::DateTime(vec![Some(86_400_000), Some(5)].into()));
    }

    #[test]
    fn other_mixes_become_text_and_say_so() {
        let (data, lossy) =
            concatenate(&[&ColumnData::Boolean(vec![Some(true)]), &ColumnData::Integer(vec![Some(3)].into())]);
        assert!(lossy);
        assert_eq!(data, ColumnData::Text(vec![Some("true".into()), Some("3".into())]));
    }
}
