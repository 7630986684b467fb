//! Converting a column to another type. Values that cannot be read as the new type become
//! missing (as pandas' `errors="coerce"`); conversions that make no sense (a number to a
//! date) are refused. Text is read with ingest's cell readers (`engine::base::cells`), so `1,234`,
//! `yes` and `Jan 1 2000` become what they would have become when the file was read.

use crate::engine::base::cells::booleans::bool_or_digit;
use crate::engine::base::cells::dates::{choose_order, ANY_ORDER};
use crate::engine::base::cells::datetimes::Temporal;
use crate::engine::base::cells::numbers::{overflows, parse_number, whole_value, Number};
use crate::engine::base::dates::{split_datetime, MS_PER_DAY};
use crate::engine::base::error::{Error, Result};
use crate::engine::base::table::{ColumnData, ColumnType};
use crate::engine::recipe::values::{numbers, Labels};

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
            ColumnData::Integer(numbers(data).unwrap_or_default().into_iter().map(whole_value).collect())
        }
        (ColumnType::Number | ColumnType::Integer, ColumnType::Boolean) => ColumnData::Boolean(
            numbers(data).unwrap_or_default().into_iter().map(|x| (x == 0.0 || x == 1.0).then_some(x == 1.0)).collect(),
        ),
        (ColumnType::DateTime, ColumnType::Date) => match data {
            ColumnData::DateTime(v) => ColumnData::Date(v.iter().map(|ms| ms.map(|ms| split_datetime(ms).0)).collect()),
            _ => data.clone(),
        },
        (ColumnType::Date, ColumnType::DateTime) => match data {
            ColumnData::Date(v) => {
                ColumnData::DateTime(v.iter().map(|d| d.map(|d| i64::from(d) * MS_PER_DAY)).collect())
            }
            _ => data.clone(),
        },
        _ => {
            return Err(Error::other(format!(
                "{} column cannot become {} column",
                from.with_article(),
                to.with_article()
            )))
        }
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
        ColumnType::Number => {
            ColumnData::Number(labels.spread(&labels.per_level(|l| number(l).map_or(f64::NAN, |n| n.value)), f64::NAN))
        }
        ColumnType::Integer => {
            ColumnData::Integer(labels.spread(&labels.per_level(|l| number(l).and_then(|n| n.whole())), None))
        }
        ColumnType::Boolean => ColumnData::Boolean(labels.spread(&labels.per_level(|l| bool_or_digit(l.trim())), None)),
        ColumnType::Date | ColumnType::DateTime => {
            let read: Vec<Option<Temporal>> = labels.per_level(|l| Temporal::parse(l.trim()));
            // One order for the column, as ingest chooses it: the orders every date fits, ISO
            // first, day first when ambiguous.
            let orders = read.iter().flatten().fold(ANY_ORDER, |o, t| o & t.orders);
            let order = choose_order(orders, None).0;
            if to == ColumnType::Date {
                ColumnData::Date(
                    labels.spread(&read.iter().map(|t| t.and_then(|t| t.utc_day(order))).collect::<Vec<_>>(), None),
                )
            } else {
                ColumnData::DateTime(
                    labels.spread(&read.iter().map(|t| t.and_then(|t| t.millis(order))).collect::<Vec<_>>(), None),
                )
            }
        }
        ColumnType::Category | ColumnType::Text => {
            ColumnData::Text(labels.spread(&labels.per_level(|l| Some(l.clone())), None))
        }
    }
}

/// A number as ingest reads it (`12`, `-3.5`, `1e3`, `1,234`, `12%`, `inf`); a literal too large
/// for a number (`1e309`) is not one here, since the step has no report to say it became infinite.
fn number(text: &str) -> Option<Number> {
    let text = text.trim();
    parse_number(text, false).filter(|n| !overflows(n, text))
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
        assert_eq!(
            c,
            ColumnData::Category { codes: vec![Some(1), Some(0)].into(), levels: vec!["a".into(), "b".into()] }
        );
    }
}
