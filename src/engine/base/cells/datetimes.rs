//! Dates with an optional time of day: any date form of [`super::dates`], then `T` or a
//! space and `HH:MM[:SS[.fff]]`, then `AM`/`PM` or a zone (`Z`, `±HH`, `±HH:MM`, `±HHMM`),
//! which may follow a space.
//! Times with a zone are converted to UTC; times without one are taken as UTC.

use super::dates::{DateParts, Orders};
use crate::engine::base::dates::MS_PER_DAY;

/// A date, or a date and time, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Temporal {
    date: DateParts,
    /// The orders the date can be read in (never 0).
    pub orders: Orders,
    /// Milliseconds after midnight, in UTC (so possibly negative or past a day); `None` for a date.
    pub time: Option<i64>,
}

impl Temporal {
    /// A real calendar date (in some order), with or without a valid time.
    pub fn parse(text: &str) -> Option<Self> {
        Temporal::parse_digits(text).or_else(|| Temporal::parse_named(text))
    }

    /// A date of digits, then `T` or a space and the time.
    fn parse_digits(text: &str) -> Option<Self> {
        let (date, time) = match text.bytes().position(|c| matches!(c, b'T' | b't' | b' ')) {
            Some(k) => (&text[..k], Some(time_of_day(&text[k + 1..])?)),
            None => (text, None),
        };
        let date = DateParts::parse(date)?;
        let orders = date.orders();
        (orders != 0).then_some(Temporal { date, orders, time })
    }

    /// A month-name date (`Jan 1 2000`), then a space or `T` and the time when the text has a
    /// `:` (`Jan 1, 2000 10:30 PM`, `Sat, 01 Jan 2000 10:30:00 +0000`; a `,` may end the date).
    /// Tried only on short text that starts with a letter or digit and has a letter.
    fn parse_named(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if b.len() > 80 || !b.first()?.is_ascii_alphanumeric() || !b.iter().any(u8::is_ascii_alphabetic) {
            return None;
        }
        let (date, time) = match text.find(':') {
            Some(colon) => {
                let k = text[..colon].rfind([' ', 'T', 't'])?;
                let date = text[..k].trim_end();
                (date.strip_suffix(',').unwrap_or(date), Some(time_of_day(&text[k + 1..])?))
            }
            None => (text, None),
        };
        let date = DateParts::parse_named(date)?;
        Some(Temporal { date, orders: date.orders(), time })
    }

    /// Whether the value is a date, or a time at midnight UTC.
    pub fn is_midnight(&self) -> bool {
        self.time.is_none_or(|t| t.rem_euclid(MS_PER_DAY) == 0)
    }

    /// Days since 1970-01-01 of the date as written (not shifted by a zone), read in `order`.
    pub fn days(&self, order: Orders) -> Option<i32> {
        self.date.days(order)
    }

    /// Milliseconds since 1970-01-01T00:00Z, the date read in `order` (a date is at midnight).
    pub fn millis(&self, order: Orders) -> Option<i64> {
        Some(i64::from(self.days(order)?) * MS_PER_DAY + self.time.unwrap_or(0))
    }

    /// The UTC day of the instant, read in `order`.
    pub fn utc_day(&self, order: Orders) -> Option<i32> {
        i32::try_from(self.millis(order)?.div_euclid(MS_PER_DAY)).ok()
    }
}

/// Milliseconds since 1970-01-01T00:00Z of a date and time (a date alone is not one) in
/// `order`, or in the only order it fits.
#[cfg(test)]
pub fn parse_datetime(text: &str, order: Orders) -> Option<i64> {
    Temporal::parse(text).filter(|t| t.time.is_some())?.millis(order)
}

/// `HH:MM[:SS[.fff]]` then `AM`/`PM` or a zone, as milliseconds after midnight UTC.
fn time_of_day(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let mut i = 0;
    let number = |i: &mut usize, min: usize, max: usize| -> Option<i64> {
        let digits = b[*i..].iter().take(max).take_while(|c| c.is_ascii_digit()).count();
        let value = (digits >= min).then(|| b[*i..*i + digits].iter().fold(0, |n, &c| n * 10 + i64::from(c - b'0')));
        *i += digits;
        value
    };
    let hour = number(&mut i, 1, 2)?;
    if b.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    let minute = number(&mut i, 2, 2).filter(|&m| m <= 59)?;
    let mut ms = minute * 60_000;
    if b.get(i) == Some(&b':') {
        i += 1;
        ms += number(&mut i, 2, 2).filter(|&s| s <= 60)? * 1000;
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            let start = i;
            let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let first3 = number(&mut i, 1, 3)?;
            ms += first3 * [100, 10, 1][i - start - 1];
            i = start + digits;
        }
    }
    let rest = text[i..].trim_start();
    let hour = if rest.eq_ignore_ascii_case("am") || rest.eq_ignore_ascii_case("pm") {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour % 12 + if rest.eq_ignore_ascii_case("pm") { 12 } else { 0 }
    } else {
        ms -= zone_offset(rest)? * 60_000;
        hour
    };
    (hour <= 23).then_some(ms + hour * 3_600_000)
}

/// The zone's offset from UTC in minutes: `Z`, `UTC`, `GMT`, `±HH`, `±HH:MM` or `±HHMM`; 0
/// without a zone.
fn zone_offset(text: &str) -> Option<i64> {
    if text.eq_ignore_ascii_case("utc") || text.eq_ignore_ascii_case("gmt") {
        return Some(0);
    }
    let b = text.as_bytes();
    let two = |i: usize| -> Option<i64> {
        let (x, y) = (*b.get(i)?, *b.get(i + 1)?);
        (x.is_ascii_digit() && y.is_ascii_digit()).then(|| i64::from((x - b'0') * 10 + (y - b'0')))
    };
    let sign = match b.first() {
        None => return Some(0),
        Some(b'Z' | b'z') if b.len() == 1 => return Some(0),
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    let hours = two(1)?;
    let minutes = match &b[3.min(b.len())..] {
        [] => 0,
        [b':', _, _] => two(4)?,
        [_, _] => two(3)?,
        _ => return None,
    };
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::cells::dates::{DMY, MDY, YMD};
    use crate::engine::base::dates::parse_iso_date;

    fn day(iso: &str) -> i64 {
        i64::from(parse_iso_date(iso).unwrap()) * MS_PER_DAY
    }

    #[test]
    fn reads_iso_datetimes() {
        let day = day("2024-01-02");
        let at = |text: &str| parse_datetime(text, YMD);
        assert_eq!(at("2024-01-02T03:04"), Some(day + 11_040_000));
        assert_eq!(at("2024-01-02 03:04:05"), Some(day + 11_045_000));
        assert_eq!(at("2024-01-02T03:04:05.5Z"), Some(day + 11_045_500));
        assert_eq!(at("2024-01-02T03:04:05.123456+01:00"), Some(day + 11_045_123 - 3_600_000));
        assert_eq!(at("2024-01-02T00:00-0130"), Some(day + 5_400_000));
        assert_eq!(at("2024-01-02T00:00+05"), Some(day - 5 * 3_600_000));
        for bad in [
            "2024-01-02",
            "2024-01-02T24:00",
            "2024-01-02T03:04Zx",
            "2024-01-02T03:04:05.",
            "2024-01-02T3",
            "2024-01-02T03:4",
            "2024-01-02 03:04 XM",
        ] {
            assert_eq!(at(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_day_and_month_first_datetimes_with_am_pm() {
        let march_5 = day("2024-03-05");
        assert_eq!(parse_datetime("05/03/2024 14:30", DMY), Some(march_5 + 52_200_000));
        assert_eq!(parse_datetime("3/5/2024 2:30 PM", MDY), Some(march_5 + 52_200_000));
        assert_eq!(parse_datetime("3/5/2024 12:00:01am", MDY), Some(march_5 + 1000));
        assert_eq!(parse_datetime("3/5/2024 12:00 PM", MDY), Some(march_5 + 43_200_000));
        assert_eq!(parse_datetime("3/5/2024 13:00 PM", MDY), None);
        assert_eq!(parse_datetime("3/5/2024 0:00 AM", MDY), None);
        let t = Temporal::parse("05/03/2024 14:30").unwrap();
        assert_eq!((t.orders, t.is_midnight()), (DMY | MDY, false));
        assert!(Temporal::parse("05/03/2024 00:00").unwrap().is_midnight());
        assert!(Temporal::parse("2024-01-02T01:00+01:00").unwrap().is_midnight());
        assert_eq!(Temporal::parse("2024-01-02T23:00-02:00").unwrap().utc_day(YMD), parse_iso_date("2024-01-03"));
    }

    #[test]
    fn reads_month_name_dates_and_datetimes() {
        let jan_1 = day("2000-01-01");
        for (text, at) in [
            ("Jan 1 2000 10:30", jan_1 + 37_800_000),
            ("January 1, 2000, 10:30 PM", jan_1 + 81_000_000),
            ("1 Oct 2000 00:00:01", day("2000-10-01") + 1000),
            ("Sun, 01 Oct 2000 10:30:00 +0100", day("2000-10-01") + 34_200_000),
            ("Sun, 01 Oct 2000 10:30:00 GMT", day("2000-10-01") + 37_800_000),
            ("2000-Oct-01T10:30", day("2000-10-01") + 37_800_000),
        ] {
            assert_eq!(parse_datetime(text, MDY), Some(at), "{text}");
            assert_eq!(parse_datetime(text, DMY), Some(at), "{text}");
        }
        let t = Temporal::parse("Jan 2 2000").unwrap();
        assert_eq!((t.orders, t.time, t.days(DMY)), (YMD | DMY | MDY, None, parse_iso_date("2000-01-02")));
        for bad in [
            "Jan 1 2000 25:00",
            "Jan 1 2000 10:30 XM",
            "Jan 1 200010:30",
            "Feb 30 2000 10:30",
            "Jan 1 2000T",
            "Jan 1 2000,,10:30",
            "Oct:10",
        ] {
            assert_eq!(Temporal::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_zone_may_follow_a_space() {
        assert_eq!(parse_datetime("2024-01-02 03:04 +01:00", YMD), Some(day("2024-01-02") + 11_040_000 - 3_600_000));
        assert_eq!(parse_datetime("2024-01-02T03:04 UTC", YMD), Some(day("2024-01-02") + 11_040_000));
    }
}
