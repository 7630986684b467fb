//! Converting a column to another type. Values that cannot be read as the new type become
//! missing (as pandas' `errors="coerce"`); conversions that make no sense (a number to a
//! date) are refused.

use crate::engine::error::{Error, Result};
use crate::engine::dates::{datetime_ms, parse_iso_date, MS_PER_DAY};
use crate::engine::recipe::values::{numbers, Labels};
use crate::engine::table::{ColumnData, ColumnType};

/// `data` as type `to`.
pub fn convert(data: &ColumnData, to: ColumnType) -> Result<ColumnData> {
    let from = data.column_type();
    Ok(match (from, to) {
        _ if from == to => data.clone(),
        (_, ColumnType::Text) => ColumnData::Text((0..data.len()).map(|i| data.text_at(i)).collect()),
        (_, ColumnType::Category) => category(data),
        (ColumnType::Category | ColumnType::Text, _) => parse_labels(&Labels::of(data), to),
        (_, ColumnType::Number) if from.is_numeric() => ColumnData::Number(numbers(data).unwrap_or_default().into()),
        (_, ColumnType::Integer) if from.is_numeric() => {
            ColumnData::Integer(numbers(data).unwrap_or_default().into_iter().map(whole).collect())
        }
        (ColumnType::Number | ColumnType::Integer, ColumnType::Boolean) => ColumnData::Boolean(
            numbers(data).unwrap_or_default().into_iter().map(|x| (x == 0.0 || x == 1.0).then_some(x == 1.0)).collect(),
        ),
        (ColumnType::DateTime, ColumnType::Date) => match data {
            ColumnData::DateTime(v) => ColumnData::Date(v.iter().map(|ms| ms.map(day_of)).collect()),
            _ => data.clone(),
        },
        (ColumnType::Date, ColumnType::DateTime) => match data {
            ColumnData::Date(v) => ColumnData::DateTime(v.iter().map(|d| d.map(|d| i64::from(d) * MS_PER_DAY)).collect()),
            _ => data.clone(),
        },
        _ => return Err(Error::other(format!("{} column cannot become {} column", from.with_article(), to.with_article()))),
    })
}

/// A category with the column's text as levels, sorted.
fn category(data: &ColumnData) -> ColumnData {
    let labels = Labels::of(data);
    let mut order: Vec<usize> = (0..labels.levels.len()).collect();
    order.sort_by(|a, b| labels.levels[*a].cmp(&labels.levels[*b]));
    let mut rank = vec![0u32; order.len()];
    for (r, level) in order.iter().enumerate() {
        rank[*level] = r as u32;
    }
    let codes = labels.codes.iter().map(|c| c.and_then(|c| rank.get(c as usize).copied())).collect();
    let levels = order.iter().map(|i| labels.levels[*i].clone()).collect();
    ColumnData::Category { codes, levels }
}

/// Words read as `to`, each distinct label parsed once.
fn parse_labels(labels: &Labels, to: ColumnType) -> ColumnData {
    match to {
        ColumnType::Number => ColumnData::Number(labels.spread(&labels.per_level(|l| parse_number(l).unwrap_or(f64::NAN)), f64::NAN)),
        ColumnType::Integer => ColumnData::Integer(labels.spread(&labels.per_level(|l| parse_number(l).and_then(whole)), None)),
        ColumnType::Boolean => ColumnData::Boolean(labels.spread(&labels.per_level(|l| parse_bool(l)), None)),
        ColumnType::Date => ColumnData::Date(labels.spread(&labels.per_level(|l| parse_date(l)), None)),
        ColumnType::DateTime => ColumnData::DateTime(labels.spread(&labels.per_level(|l| parse_datetime(l)), None)),
        ColumnType::Category | ColumnType::Text => ColumnData::Text(labels.spread(&labels.per_level(|l| Some(l.clone())), None)),
    }
}

fn whole(x: f64) -> Option<i64> {
    (x.fract() == 0.0 && x.abs() < 9.0e15).then_some(x as i64)
}

fn day_of(ms: i64) -> i32 {
    ms.div_euclid(MS_PER_DAY).clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

/// A finite number written plainly (`12`, `-3.5`, `1e3`).
fn parse_number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "yes" | "y" | "1" => Some(true),
        "false" | "f" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// `YYYY-MM-DD`, possibly followed by a time (which is dropped).
fn parse_date(text: &str) -> Option<i32> {
    parse_iso_date(text.trim().get(..10)?)
}

/// `YYYY-MM-DD` with an optional `THH:MM[:SS]` (or a space instead of `T`), as UTC.
fn parse_datetime(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches('Z');
    let days = parse_iso_date(text.get(..10)?)?;
    let time = text.get(10..)?;
    if time.is_empty() {
        return datetime_ms(days, 0, 0, 0, 0);
    }
    let time = time.strip_prefix(['T', ' '])?;
    let mut parts = time.split(':').map(|p| p.parse::<u32>().ok());
    let (hour, minute) = (parts.next()??, parts.next()??);
    let second = parts.next().unwrap_or(Some(0))?;
    if parts.next().is_some() {
        return None;
    }
    datetime_ms(days, hour, minute, second, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_what_it_can_and_refuses_nonsense() {
        let text = ColumnData::Text(vec![Some(" 12 ".into()), Some("x".into()), None, Some("1e3".into())]);
        assert_eq!(
            convert(&text, ColumnType::Integer).unwrap(),
            ColumnData::Integer(vec![Some(12), None, None, Some(1000)].into())
        );
        let when = ColumnData::Text(vec![Some("2024-02-29T13:05".into()), Some("2024-02-30".into())]);
        let ColumnData::DateTime(ms) = convert(&when, ColumnType::DateTime).unwrap() else { panic!() };
        assert_eq!(ms.get(1), None);
        assert_eq!(ms.get(0).map(|ms| ms.rem_euclid(MS_PER_DAY)), Some((13 * 60 + 5) * 60_000));
        let n = ColumnData::Number(vec![1.0, 0.0, 2.5].into());
        assert_eq!(convert(&n, ColumnType::Boolean).unwrap(), ColumnData::Boolean(vec![Some(true), Some(false), None]));
        assert!(convert(&n, ColumnType::Date).unwrap_err().contains("cannot become"));
        let c = convert(&ColumnData::Text(vec![Some("b".into()), Some("a".into())]), ColumnType::Category).unwrap();
        assert_eq!(c, ColumnData::Category { codes: vec![Some(1), Some(0)].into(), levels: vec!["a".into(), "b".into()] });
    }
}
