//! Raw cells to a typed column: the inferred [`Kind`], or a type the user forced (values
//! that do not fit it become missing and are counted).

use std::collections::HashMap;

use super::dates::{date_orders, parse_date, parse_datetime, Orders, DAY_MS, DMY, MDY, YMD};
use super::infer::{parse_bool, CellReader, Kind};
use super::numbers::parse_number;
use super::structure::RawColumn;
use crate::engine::table::{ColumnData, ColumnType};

/// A text column becomes a category when its values repeat: at most this many distinct…
const MAX_CATEGORY_LEVELS: usize = 1000;
/// …on average each distinct value appears at least this often…
const MIN_REPEATS_PER_LEVEL: f64 = 2.0;
/// …and distinct values are short on average (longer ones are free text).
const MAX_MEAN_LEVEL_CHARS: usize = 60;

/// A typed column with notes for the report.
pub struct Converted {
    pub data: ColumnData,
    pub notes: Vec<String>,
    /// Values that did not fit a forced type.
    pub unfit: usize,
}

impl Converted {
    fn plain(data: ColumnData) -> Self {
        Converted { data, notes: Vec::new(), unfit: 0 }
    }
}

/// Cells `from..` of `column` as the inferred `kind`.
pub fn inferred(column: &RawColumn, from: usize, kind: Kind, reader: &CellReader, day_first: Option<bool>) -> Converted {
    let values = || column.cells(from).map(|c| reader.value(c));
    let dc = reader.decimal_comma;
    let number = |v: &str| parse_number(v, dc);
    let grouped_note = |grouped: bool| grouped.then(|| "thousands separators removed".to_string());
    match kind {
        Kind::Empty => Converted::plain(ColumnData::Number(vec![f64::NAN; column.len() - from])),
        Kind::Boolean => Converted::plain(ColumnData::Boolean(values().map(|v| v.and_then(parse_bool)).collect())),
        Kind::Integer { grouped } => Converted {
            data: ColumnData::Integer(values().map(|v| v.and_then(|v| number(v)?.integer)).collect()),
            notes: grouped_note(grouped).into_iter().collect(),
            unfit: 0,
        },
        Kind::Number { percent, grouped } => {
            let mut notes: Vec<String> = grouped_note(grouped).into_iter().collect();
            if percent {
                notes.push("percent values kept as numbers (12% → 12)".into());
            }
            let data = values().map(|v| v.and_then(number).map_or(f64::NAN, |n| n.value)).collect();
            Converted { data: ColumnData::Number(data), notes, unfit: 0 }
        }
        Kind::Date(orders) => {
            let (order, note) = choose_order(orders, day_first);
            let data = ColumnData::Date(values().map(|v| v.and_then(|v| parse_date(v, order))).collect());
            Converted { data, notes: note.into_iter().collect(), unfit: 0 }
        }
        Kind::DateTime { midnight: true } => {
            let days = values().map(|v| v.and_then(parse_datetime).map(|ms| ms.div_euclid(DAY_MS) as i32));
            let note = "datetimes are all at midnight; read as dates".to_string();
            Converted { data: ColumnData::Date(days.collect()), notes: vec![note], unfit: 0 }
        }
        Kind::DateTime { midnight: false } => {
            // TODO(datetime): build ColumnData::DateTime (ms since epoch via parse_datetime)
            // once the table has that variant; until then datetimes with a time stay text.
            let mut converted = text_or_category(column, from, reader);
            converted.notes.push("datetime values kept as text (Sift has no datetime type yet)".into());
            converted
        }
        Kind::Text => text_or_category(column, from, reader),
    }
}

/// Cells `from..` of `column` as type `to`; values that do not fit become missing.
pub fn forced(column: &RawColumn, from: usize, to: ColumnType, reader: &CellReader, day_first: Option<bool>) -> Converted {
    let values: Vec<Option<&str>> = column.cells(from).map(|c| reader.value(c)).collect();
    let mut unfit = 0;
    let dc = reader.decimal_comma;
    let mut notes = Vec::new();
    let data = match to {
        ColumnType::Number => {
            let numbers = fit_all(&values, &mut unfit, |v| Some(parse_number(v, dc)?.value));
            ColumnData::Number(numbers.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect())
        }
        ColumnType::Integer => ColumnData::Integer(fit_all(&values, &mut unfit, |v| whole(v, dc))),
        ColumnType::Boolean => ColumnData::Boolean(fit_all(&values, &mut unfit, bool_or_digit)),
        ColumnType::Date => {
            let orders = values.iter().flatten().map(|v| date_orders(v)).filter(|&o| o != 0).fold(Orders::MAX, |a, o| a & o);
            let (order, note) = choose_order(if orders == Orders::MAX { YMD } else { orders }, day_first);
            notes.extend(note);
            let day = |v: &str| parse_date(v, order).or_else(|| parse_datetime(v).map(|ms| ms.div_euclid(DAY_MS) as i32));
            ColumnData::Date(fit_all(&values, &mut unfit, day))
        }
        // TODO(datetime): day/month/year datetimes and mixed date/datetime columns.
        ColumnType::DateTime => {
            let moment = |v: &str| parse_datetime(v).or_else(|| parse_date(v, YMD).map(|d| i64::from(d) * DAY_MS));
            ColumnData::DateTime(fit_all(&values, &mut unfit, moment))
        }
        ColumnType::Category | ColumnType::Text => {
            let raw = raw_values(column, from, reader);
            let category = (to == ColumnType::Category).then(|| categorical(&raw, usize::MAX, 0.0)).flatten();
            category.unwrap_or_else(|| ColumnData::Text(raw.iter().map(|v| v.map(str::to_string)).collect()))
        }
    };
    if unfit > 0 {
        notes.push(format!(
            "{unfit} value{} did not fit the type {} and {} made missing",
            if unfit == 1 { "" } else { "s" },
            to.name(),
            if unfit == 1 { "was" } else { "were" }
        ));
    }
    Converted { data, notes, unfit }
}

/// Each value parsed; one that does not parse becomes `None` and is counted in `unfit`.
fn fit_all<T>(values: &[Option<&str>], unfit: &mut usize, parse: impl Fn(&str) -> Option<T>) -> Vec<Option<T>> {
    values
        .iter()
        .map(|v| {
            let parsed = v.and_then(&parse);
            *unfit += usize::from(v.is_some() && parsed.is_none());
            parsed
        })
        .collect()
}

fn whole(v: &str, decimal_comma: bool) -> Option<i64> {
    let n = parse_number(v, decimal_comma)?;
    let in_range = n.value.fract() == 0.0 && n.value.abs() < 9.0e15;
    n.integer.or_else(|| in_range.then_some(n.value as i64))
}

fn bool_or_digit(v: &str) -> Option<bool> {
    match v {
        "1" => Some(true),
        "0" => Some(false),
        _ => parse_bool(v),
    }
}

/// The single date order to read a column in, and a note for the report when not ISO.
fn choose_order(orders: Orders, day_first: Option<bool>) -> (Orders, Option<String>) {
    let both = DMY | MDY;
    match () {
        _ if orders & YMD != 0 => (YMD, None),
        _ if orders & both == both => match day_first {
            Some(false) => (MDY, Some("date order month/day (as chosen)".into())),
            Some(true) => (DMY, Some("date order day/month (as chosen)".into())),
            None => (DMY, Some("date order ambiguous (every day and month is 12 or less); read as day/month".into())),
        },
        _ if orders & DMY != 0 => (DMY, Some("date order day/month (some first numbers are above 12)".into())),
        _ => (MDY, Some("date order month/day (some second numbers are above 12)".into())),
    }
}

/// Non-missing cells as written (untrimmed, so stray spaces stay visible to the profile).
fn raw_values<'a>(column: &'a RawColumn, from: usize, reader: &CellReader) -> Vec<Option<&'a str>> {
    column.cells(from).map(|c| reader.value(c).map(|_| c)).collect()
}

fn text_or_category(column: &RawColumn, from: usize, reader: &CellReader) -> Converted {
    let values = raw_values(column, from, reader);
    let data = categorical(&values, MAX_CATEGORY_LEVELS, MIN_REPEATS_PER_LEVEL)
        .unwrap_or_else(|| ColumnData::Text(values.iter().map(|v| v.map(str::to_string)).collect()));
    Converted::plain(data)
}

/// Dictionary-encoded values, or `None` when there are more than `max_levels` distinct ones,
/// they repeat less than `min_repeats` times on average, or they are long (free text).
fn categorical(values: &[Option<&str>], max_levels: usize, min_repeats: f64) -> Option<ColumnData> {
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut levels: Vec<String> = Vec::new();
    let mut codes = Vec::with_capacity(values.len());
    let (mut count, mut chars) = (0usize, 0usize);
    for v in values {
        codes.push(v.map(|v| {
            count += 1;
            *index.entry(v).or_insert_with(|| {
                chars += v.chars().count();
                levels.push(v.to_string());
                (levels.len() - 1) as u32
            })
        }));
        if levels.len() > max_levels {
            return None;
        }
    }
    let repeats = count as f64 >= min_repeats * levels.len() as f64;
    let short = max_levels == usize::MAX || chars <= MAX_MEAN_LEVEL_CHARS * levels.len();
    (repeats && short).then_some(ColumnData::Category { codes, levels })
}
