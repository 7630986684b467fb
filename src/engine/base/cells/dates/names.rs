//! English month-name dates, as people and spreadsheets write them: the month as a name
//! (`January`), its first three letters (`Jan`, `jan.`) or `Sept`, in any case, with a day of
//! one or two digits (`1`, `01`, `1st`) and a four-digit year, in one of three orders:
//!
//! - month, day, year: `Jan 1 2000`, `January 1, 2000`, `Jan-01-2000`;
//! - day, month, year: `1 January 2000`, `1 Jan, 2000`, `01-Jan-2000`, `01/Jan/2000`;
//! - year, month, day: `2000-Jan-01`, `2000 Jan 1`.
//!
//! The parts are joined by spaces (a comma may come before the year, except year first), or
//! all by `-`, or all by `/`. An English weekday may come first (`Mon, 1 Jan 2000`,
//! `Saturday, January 1, 2000`); it must be the date's weekday.

use crate::engine::base::dates::days_from_civil;

/// The longest text tried: `Wednesday, September 30th, 2000` is 31 bytes.
const MAX_LEN: usize = 40;

/// Year, month and day of a month-name date that exists (`Feb 30 2000` does not), or `None`.
pub fn parse(text: &str) -> Option<(i32, u32, u32)> {
    let b = text.as_bytes();
    if b.len() > MAX_LEN || !b.first()?.is_ascii_alphanumeric() {
        return None;
    }
    let (tokens, n) = tokens(text)?;
    let (weekday, [(_, first), (s1, second), (s2, third)]) = match n {
        3 => (None, [tokens[0], tokens[1], tokens[2]]),
        4 => {
            let (Token::Word(w, _), Sep::Space { .. }) = (tokens[0].1, tokens[1].0) else { return None };
            (Some(weekday(w)?), [tokens[1], tokens[2], tokens[3]])
        }
        _ => return None,
    };
    let (y, m, d, comma_allowed) = match (first, second, third) {
        (Token::Word(m, dot), Token::Number(d), Token::Number(y)) => (y, month_after(m, dot, s1)?, d, true),
        (Token::Number(y), Token::Word(m, dot), Token::Number(d)) if y.digits == 4 => {
            (y, month_after(m, dot, s2)?, d, false)
        }
        (Token::Number(d), Token::Word(m, dot), Token::Number(y)) => (y, month_after(m, dot, s2)?, d, true),
        _ => return None,
    };
    let joined = match (s1, s2) {
        (Sep::Space { comma: false }, Sep::Space { comma }) => comma_allowed || !comma,
        (Sep::Dash, Sep::Dash) | (Sep::Slash, Sep::Slash) => true,
        _ => false,
    };
    if !joined || y.digits != 4 || !y.suffix.is_empty() || !(1..=2).contains(&d.digits) || !ordinal_fits(d) {
        return None;
    }
    let days = days_from_civil(y.value as i32, m, d.value)?;
    // 1970-01-01 was a Thursday (3, counting Monday as 0).
    if weekday.is_some_and(|w| w != (days + 3).rem_euclid(7)) {
        return None;
    }
    Some((y.value as i32, m, d.value))
}

/// What separates two parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sep {
    /// Nothing: only before the first part.
    Start,
    /// Spaces, or a comma with or without spaces after it.
    Space {
        comma: bool,
    },
    Dash,
    Slash,
}

/// A run of digits, with the letters right after it (`st` in `1st`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Digits<'a> {
    value: u32,
    digits: usize,
    suffix: &'a str,
}

/// One part of the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    /// Letters, and whether a `.` follows them (`Jan.`).
    Word(&'a str, bool),
    Number(Digits<'a>),
}

/// Up to four parts and the separator before each, or `None` when the text has more, an
/// unknown separator, or a character that is neither a letter, a digit nor a separator.
fn tokens(text: &str) -> Option<([(Sep, Token<'_>); 4], usize)> {
    let b = text.as_bytes();
    let mut out = [(Sep::Start, Token::Word("", false)); 4];
    let (mut i, mut n) = (0, 0);
    let run = |i: usize, f: fn(&u8) -> bool| i + b[i..].iter().take_while(|c| f(c)).count();
    while i < b.len() {
        let start = i;
        i = run(i, |c| matches!(c, b' ' | b'\t' | b',' | b'-' | b'/'));
        let sep = separator(&b[start..i], n == 0)?;
        if i == b.len() || n == 4 {
            return None;
        }
        let token = if b[i].is_ascii_digit() {
            let end = run(i, u8::is_ascii_digit);
            let suffix_end = run(end, u8::is_ascii_alphabetic);
            let value = text[i..end].parse().ok()?;
            let t = Token::Number(Digits { value, digits: end - i, suffix: &text[end..suffix_end] });
            i = suffix_end;
            t
        } else if b[i].is_ascii_alphabetic() {
            let end = run(i, u8::is_ascii_alphabetic);
            let dot = b.get(end) == Some(&b'.');
            let t = Token::Word(&text[i..end], dot);
            i = end + usize::from(dot);
            t
        } else {
            return None;
        };
        out[n] = (sep, token);
        n += 1;
    }
    Some((out, n))
}

/// The separator written as `s`; only the first part has none.
fn separator(s: &[u8], first: bool) -> Option<Sep> {
    let spaces = |s: &[u8]| s.iter().all(|&c| c == b' ' || c == b'\t');
    match s {
        [] => first.then_some(Sep::Start),
        _ if first => None,
        [b'-'] => Some(Sep::Dash),
        [b'/'] => Some(Sep::Slash),
        [b',', rest @ ..] if spaces(rest) => Some(Sep::Space { comma: true }),
        _ if spaces(s) => Some(Sep::Space { comma: false }),
        _ => None,
    }
}

/// The month number of `word` when it names a month and a `.` after it is followed by a space.
fn month_after(word: &str, dot: bool, next: Sep) -> Option<u32> {
    if dot && !matches!(next, Sep::Space { .. }) {
        return None;
    }
    month(word)
}

/// 1 to 12 for a month's name, its first three letters, or `Sept`, in any case.
fn month(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let i = MONTHS.iter().position(|m| named(word, m)).or_else(|| word.eq_ignore_ascii_case("sept").then_some(8))?;
    Some(i as u32 + 1)
}

/// 0 (Monday) to 6 for a weekday's name, its first three letters, `Tues`, `Thur` or `Thurs`.
fn weekday(word: &str) -> Option<i32> {
    const DAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let other = |w: &str| {
        ["tues", "thur", "thurs"].iter().position(|a| w.eq_ignore_ascii_case(a)).map(|k| if k == 0 { 1 } else { 3 })
    };
    DAYS.iter().position(|d| named(word, d)).or_else(|| other(word)).map(|i| i as i32)
}

/// Whether `word` is `name` or its first three letters, in any case.
fn named(word: &str, name: &str) -> bool {
    word.eq_ignore_ascii_case(name) || (word.len() == 3 && word.eq_ignore_ascii_case(&name[..3]))
}

/// No suffix, or the English ordinal suffix of the day (`1st`, `2nd`, `3rd`, `11th`, `22nd`).
fn ordinal_fits(day: Digits<'_>) -> bool {
    let right = match (day.value % 100, day.value % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    day.suffix.is_empty() || day.suffix.eq_ignore_ascii_case(right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_common_forms() {
        for text in [
            "Jan 1 2000",
            "jan 1 2000",
            "JAN 01 2000",
            "Jan. 1, 2000",
            "January 1, 2000",
            "January 1,2000",
            "Jan  1 2000",
            "1 January 2000",
            "01 Jan 2000",
            "1 jan. 2000",
            "1 January, 2000",
            "01-Jan-2000",
            "01/JAN/2000",
            "2000-Jan-01",
            "2000 January 1",
            "Jan-01-2000",
            "1st January 2000",
            "January 1st, 2000",
            "Sat, 1 Jan 2000",
            "Saturday, January 1, 2000",
            "sat 1 jan 2000",
            "Sat. Jan 1 2000",
        ] {
            assert_eq!(parse(text), Some((2000, 1, 1)), "{text}");
        }
        assert_eq!(parse("Sept 30 1999"), Some((1999, 9, 30)));
        assert_eq!(parse("Sep 30 1999"), Some((1999, 9, 30)));
        assert_eq!(parse("Thurs, 29 Feb 2024"), Some((2024, 2, 29)));
        assert_eq!(parse("22nd May 2024"), Some((2024, 5, 22)));
        assert_eq!(parse("11th May 2024"), Some((2024, 5, 11)));
    }

    #[test]
    fn refuses_what_is_not_one_date() {
        for text in [
            "Feb 30 2000",
            "Feb 29 2023",
            "Jan 32 2000",
            "Jan 0 2000",
            "Jan 1 00",
            "Jan 1 20000",
            "Jan 2000",
            "1 2 2000",
            "Janu 1 2000",
            "Ja 1 2000",
            "Jan 001 2000",
            "Jan 1st 2000th",
            "Jan 1nd 2000",
            "Jan 11st 2000",
            "Jan 1 2000 x",
            "Jan-1 2000",
            "01-Jan/2000",
            "Jan, 1 2000",
            "2000, Jan 1",
            "2000 Jan, 1",
            "Sun, 1 Jan 2000",
            "Funday 1 Jan 2000",
            "Sat-1-Jan-2000",
            "Jan.-01-2000",
            "Jan 1 2000,",
            " Jan 1 2000",
            "-Jan 1 2000",
            "Jan 1 2000-",
            "Jan 1 1 2000",
            "Jan Feb 2000",
            "Jan 1 Feb",
            "1 Jan 2 2000",
            "Jan 1, 2000, 3",
            "Jan;1;2000",
            "Jan..1 2000",
            "",
            "May",
            "Mon, Tue 1 Jan 2000",
            "Jan 99999999999 2000",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    /// Texts made of date-like parts: month and weekday names, numbers, ordinals, joined by
    /// every separator, with noise characters.
    fn date_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let part = prop_oneof![
            3 => proptest::sample::select(vec!["Jan", "jan.", "FEB", "March", "Sept", "sep", "May", "Mon", "Sat,", "Thurs", "Janu", "x"]).prop_map(String::from),
            1 => (0u32..100_000).prop_map(|n| n.to_string()),
            3 => (1000u32..10_000).prop_map(|n| n.to_string()),
            3 => (0u32..33).prop_map(|n| n.to_string()),
            1 => (0u32..40, proptest::sample::select(vec!["st", "nd", "rd", "th"])).prop_map(|(n, s)| format!("{n}{s}")),
            1 => (1u32..29).prop_map(|n| format!("{n:02}")),
        ];
        let sep = proptest::sample::select(vec![" ", " ", " ", " ", ", ", ",", "-", "-", "/", ".", "  ", "", ":", "é"]);
        proptest::collection::vec((sep, part), 2..5)
            .prop_map(|parts| parts.into_iter().map(|(s, p)| format!("{s}{p}")).collect::<String>().trim().to_string())
    }

    proptest::proptest! {
        /// No panic, and a date read from the text is written in it: its year, its day and the
        /// month's first three letters.
        #[test]
        fn reads_only_what_is_written(text in date_like()) {
            if let Some((y, m, d)) = parse(&text) {
                let lower = text.to_ascii_lowercase();
                let month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"][m as usize - 1];
                proptest::prop_assert!(lower.contains(month) && text.contains(&y.to_string()), "{text}: {y}-{m}-{d}");
                proptest::prop_assert!(text.contains(&d.to_string()) && days_from_civil(y, m, d).is_some(), "{text}: {y}-{m}-{d}");
            }
        }
    }
}
