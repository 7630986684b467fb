//! Date and datetime forms found in CSV files. The calendar itself is `engine::dates`.
//!
//! Dates: `YYYY-MM-DD` (also with `/` or `.`), and day-first or month-first
//! `DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YYYY`, `DD-MM-YYYY` (one or two digits for day and
//! month). Datetimes: `YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]` and `YYYY-MM-DD HH:MM[:SS]`.

use crate::engine::dates::{days_from_civil, parse_iso_date};

/// Set of orders a date text can be read in (see [`date_orders`]).
pub type Orders = u8;
/// Year, month, day.
pub const YMD: Orders = 1;
/// Day, month, year.
pub const DMY: Orders = 2;
/// Month, day, year.
pub const MDY: Orders = 4;

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// The orders in which `text` is a real calendar date (0 when none).
pub fn date_orders(text: &str) -> Orders {
    let Some(([a, b, c], [la, lb, lc])) = split3(text) else { return 0 };
    let valid = |y: u32, m: u32, d: u32| days_from_civil(y as i32, m, d).is_some();
    let short = |l: usize| (1..=2).contains(&l);
    let mut orders = 0;
    if la == 4 && short(lb) && short(lc) && valid(a, b, c) {
        orders |= YMD;
    }
    if lc == 4 && short(la) && short(lb) {
        if valid(c, b, a) {
            orders |= DMY;
        }
        if valid(c, a, b) {
            orders |= MDY;
        }
    }
    orders
}

/// Days since 1970-01-01 of `text` read in `order` (one of [`YMD`], [`DMY`], [`MDY`]).
pub fn parse_date(text: &str, order: Orders) -> Option<i32> {
    if date_orders(text) & order == 0 {
        return None;
    }
    let ([a, b, c], _) = split3(text)?;
    let (y, m, d) = match order {
        YMD => (a, b, c),
        DMY => (c, b, a),
        _ => (c, a, b),
    };
    days_from_civil(y as i32, m, d)
}

/// Three runs of 1–4 digits joined by the same separator (`-`, `/` or `.`).
fn split3(text: &str) -> Option<([u32; 3], [usize; 3])> {
    let b = text.as_bytes();
    if !(6..=10).contains(&b.len()) {
        return None;
    }
    let sep = *b.iter().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let mut values = [0u32; 3];
    let mut lengths = [0usize; 3];
    let mut parts = text.split(sep as char);
    for (value, length) in values.iter_mut().zip(lengths.iter_mut()) {
        let part = parts.next()?;
        if !(1..=4).contains(&part.len()) || !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        *value = part.parse().ok()?;
        *length = part.len();
    }
    parts.next().is_none().then_some((values, lengths))
}

/// Milliseconds since 1970-01-01T00:00Z of an ISO 8601 datetime (a date alone is not one).
/// Without a zone the time is taken as UTC.
pub fn parse_datetime(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 16 || !matches!(b[10], b'T' | b't' | b' ') || !text.is_char_boundary(10) {
        return None;
    }
    let days = i64::from(parse_iso_date(&text[..10])?);
    let two = |i: usize| -> Option<i64> {
        let (x, y) = (*b.get(i)?, *b.get(i + 1)?);
        (x.is_ascii_digit() && y.is_ascii_digit()).then(|| i64::from((x - b'0') * 10 + (y - b'0')))
    };
    let (hour, minute) = (two(11)?, two(14)?);
    if b[13] != b':' || hour > 23 || minute > 59 {
        return None;
    }
    let mut i = 16;
    let mut ms = (hour * 60 + minute) * 60_000;
    if b.get(i) == Some(&b':') {
        let second = two(i + 1).filter(|&s| s <= 60)?;
        ms += second * 1000;
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            let frac: String = text[i + 1..i + 1 + digits.min(3)].chars().chain("00".chars()).take(3).collect();
            ms += frac.parse::<i64>().ok()?;
            i += 1 + digits;
        }
    }
    let offset_minutes = match b.get(i) {
        None => 0,
        Some(b'Z' | b'z') if i + 1 == b.len() => return Some(days * DAY_MS + ms),
        Some(&sign @ (b'+' | b'-')) => {
            let hours = two(i + 1)?;
            let rest = &b[i + 3..];
            let minutes = match rest {
                [] => 0,
                [b':', _, _] => two(i + 4)?,
                [_, _] => two(i + 3)?,
                _ => return None,
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            let sign = if sign == b'-' { -1 } else { 1 };
            sign * (hours * 60 + minutes)
        }
        _ => return None,
    };
    Some(days * DAY_MS + ms - offset_minutes * 60_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_orders_a_date_fits() {
        assert_eq!(date_orders("2024-03-04"), YMD);
        assert_eq!(date_orders("2024/3/4"), YMD);
        assert_eq!(date_orders("04/03/2024"), DMY | MDY);
        assert_eq!(date_orders("13/03/2024"), DMY);
        assert_eq!(date_orders("03/13/2024"), MDY);
        assert_eq!(date_orders("31.12.1999"), DMY);
        assert_eq!(date_orders("30/02/2024"), 0);
        assert_eq!(date_orders("2024-03/04"), 0);
        assert_eq!(date_orders("1.5"), 0);
        assert_eq!(date_orders("12.03.24"), 0);
        assert_eq!(parse_date("13/03/2024", DMY), parse_iso_date("2024-03-13"));
        assert_eq!(parse_date("03/04/2024", MDY), parse_iso_date("2024-03-04"));
        assert_eq!(parse_date("13/03/2024", MDY), None);
    }

    #[test]
    fn reads_iso_datetimes() {
        let day = i64::from(parse_iso_date("2024-01-02").unwrap()) * DAY_MS;
        assert_eq!(parse_datetime("2024-01-02T03:04"), Some(day + 11_040_000));
        assert_eq!(parse_datetime("2024-01-02 03:04:05"), Some(day + 11_045_000));
        assert_eq!(parse_datetime("2024-01-02T03:04:05.5Z"), Some(day + 11_045_500));
        assert_eq!(parse_datetime("2024-01-02T03:04:05.123456+01:00"), Some(day + 11_045_123 - 3_600_000));
        assert_eq!(parse_datetime("2024-01-02T00:00-0130"), Some(day + 5_400_000));
        assert_eq!(parse_datetime("2024-01-02"), None);
        assert_eq!(parse_datetime("2024-01-02T24:00"), None);
        assert_eq!(parse_datetime("2024-01-02T03:04Zx"), None);
        assert_eq!(parse_datetime("2024-01-02T03:04:05."), None);
    }
}
