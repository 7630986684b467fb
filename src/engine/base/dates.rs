//! Calendar dates as days since 1970-01-01 (proleptic Gregorian), and datetimes as
//! milliseconds since 1970-01-01T00:00:00 UTC.

/// Days since 1970-01-01 for a civil date, or `None` if the date does not exist.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> Option<i32> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
pub fn civil_from_days(days: i32) -> (i32, u32, u32) {
    // In i64, so no day count (even one near i32::MAX from a crafted file) can overflow.
    let z = i64::from(days) + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32, month, day)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parses an ISO date `YYYY-MM-DD` into days since 1970-01-01.
pub fn parse_iso_date(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| s.parse::<u32>().ok().filter(|_| s.bytes().all(|c| c.is_ascii_digit()));
    let year = num(&text[0..4])? as i32;
    days_from_civil(year, num(&text[5..7])?, num(&text[8..10])?)
}

/// Formats days since 1970-01-01 as `YYYY-MM-DD`.
pub fn format_iso_date(days: i32) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Milliseconds in one day.
pub const MS_PER_DAY: i64 = 86_400_000;

/// Milliseconds since the epoch for a date and a time of day (UTC), or `None` if the date or
/// the time does not exist.
pub fn datetime_ms(days: i32, hour: u32, minute: u32, second: u32, millis: u32) -> Option<i64> {
    if hour > 23 || minute > 59 || second > 60 || millis > 999 {
        return None;
    }
    let seconds = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Some(i64::from(days) * MS_PER_DAY + seconds * 1000 + i64::from(millis))
}

/// Splits milliseconds since the epoch into (days since the epoch, milliseconds into the day).
pub fn split_datetime(ms: i64) -> (i32, i64) {
    let days = ms.div_euclid(MS_PER_DAY);
    (days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32, ms.rem_euclid(MS_PER_DAY))
}

/// The hour of the day (0–23, UTC) of a datetime.
pub fn hour_of(ms: i64) -> u32 {
    (split_datetime(ms).1 / 3_600_000) as u32
}

/// Formats a datetime as `YYYY-MM-DDTHH:MM:SS`, with `.mmm` only when there are milliseconds.
pub fn format_iso_datetime(ms: i64) -> String {
    let (days, in_day) = split_datetime(ms);
    let (h, m, s, milli) = (in_day / 3_600_000, in_day / 60_000 % 60, in_day / 1000 % 60, in_day % 1000);
    let date = format_iso_date(days);
    if milli == 0 {
        format!("{date}T{h:02}:{m:02}:{s:02}")
    } else {
        format!("{date}T{h:02}:{m:02}:{s:02}.{milli:03}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_dates() {
        assert_eq!(parse_iso_date("1970-01-01"), Some(0));
        assert_eq!(parse_iso_date("2000-03-01"), Some(11_017));
        assert_eq!(parse_iso_date("2023-02-29"), None);
        assert_eq!(parse_iso_date("2024-02-29").map(format_iso_date).as_deref(), Some("2024-02-29"));
        // Extreme day counts must not overflow (they clamp the year instead).
        let _ = format_iso_date(i32::MAX);
        let _ = format_iso_date(i32::MIN);
        for d in [-700_000, -1, 0, 1, 59, 365, 20_000, 2_000_000] {
            assert_eq!(parse_iso_date(&format_iso_date(d)), Some(d), "day {d}");
        }
    }

    #[test]
    fn formats_datetimes() {
        let days = parse_iso_date("2024-03-05").unwrap();
        let ms = datetime_ms(days, 14, 30, 5, 0).unwrap();
        assert_eq!(format_iso_datetime(ms), "2024-03-05T14:30:05");
        assert_eq!(format_iso_datetime(ms + 7), "2024-03-05T14:30:05.007");
        assert_eq!(hour_of(ms), 14);
        assert_eq!(format_iso_datetime(-1), "1969-12-31T23:59:59.999");
        assert_eq!(datetime_ms(days, 24, 0, 0, 0), None);
    }
}
