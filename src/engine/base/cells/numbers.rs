//! Numbers as people write them: a leading `+`, exponents, thousands separators, a decimal
//! comma in European files, percentages, and infinity as pandas reads it (`inf`, `-inf`,
//! `+Infinity`, any case) — which is also how Sift writes it, so a cleaned file reads back.
//! A literal too large for `f64` (`1e309`) is infinite too; [`overflows`] tells it apart.

/// A number read from a cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub value: f64,
    /// The value when the cell is a whole number without decimals, exponent or `%`.
    pub integer: Option<i64>,
    /// Written with a trailing `%` (the value is the number before it: `12%` → 12).
    pub percent: bool,
    /// Written with thousands separators.
    pub grouped: bool,
    /// How it was written, as far as telling a decimal comma from a decimal point goes.
    pub shape: Shape,
}

impl Number {
    /// The number as a whole `i64`: as written when it is one, else when its value has no
    /// fraction (`3.0`, `1e3`) and is small enough (below 9e15) to be exact.
    #[inline]
    pub fn whole(&self) -> Option<i64> {
        self.integer.or_else(|| whole_value(self.value))
    }
}

/// `x` as an `i64` when it has no fraction and is small enough (below 9e15) to be exact.
#[inline]
pub fn whole_value(x: f64) -> Option<i64> {
    (x.fract() == 0.0 && x.abs() < 9.0e15).then_some(x as i64)
}

/// How a cell is written, as far as telling a decimal comma from a decimal point goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Neither `.` nor `,`.
    NoSeparator,
    /// `[+-]digits` `.` or `,` `digits`: the digit counts around it and whether the first is 0.
    One { separator: u8, before: usize, after: usize, leading_zero: bool },
    /// Anything else (groups, exponents, percents, letters, more than 19 digits).
    Other,
}

/// Powers of ten that `f64` holds exactly.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// Reads a trimmed cell as a number. With `decimal_comma` the decimal separator is `,` and
/// thousands are grouped with `.`; otherwise `.` and `,`. A space (also U+00A0 or U+202F)
/// groups thousands in either. Groups must have three digits and one separator throughout,
/// so `1,234` is 1234 and `1,5` is not a number in a decimal-point file.
#[inline]
pub fn parse_number(cell: &str, decimal_comma: bool) -> Option<Number> {
    let decimal = if decimal_comma { b',' } else { b'.' };
    parse_plain(cell.as_bytes(), decimal).or_else(|| parse_any(cell, decimal_comma)).or_else(|| parse_infinity(cell))
}

/// `inf` or `infinity` in any case, with an optional sign.
fn parse_infinity(cell: &str) -> Option<Number> {
    let (negative, word) = match cell.as_bytes().first() {
        Some(b'-') => (true, &cell[1..]),
        Some(b'+') => (false, &cell[1..]),
        _ => (false, cell),
    };
    if !word.eq_ignore_ascii_case("inf") && !word.eq_ignore_ascii_case("infinity") {
        return None;
    }
    let value = if negative { f64::NEG_INFINITY } else { f64::INFINITY };
    Some(Number { value, integer: None, percent: false, grouped: false, shape: Shape::Other })
}

/// Whether `n`, read from the trimmed cell `value`, is infinite only because the number
/// written is too large for `f64` (`1e309`), not because it says infinity.
pub fn overflows(n: &Number, value: &str) -> bool {
    n.value.is_infinite() && value.bytes().any(|c| c.is_ascii_digit())
}

/// The common case, quickly: `[+-]digits[.digits]` with at most 19 digits and a value that
/// `f64` holds exactly before the decimal point is placed.
#[inline(always)]
pub fn parse_plain(b: &[u8], decimal: u8) -> Option<Number> {
    let negative = b.first() == Some(&b'-');
    let digits = if matches!(b.first(), Some(b'-' | b'+')) { &b[1..] } else { b };
    let n = digits.len();
    if n == 0 || n > 20 {
        return None;
    }
    // `point` is where the decimal separator is, `n` when there is none.
    let (mut mantissa, mut point) = (0u64, n);
    for (k, &c) in digits.iter().enumerate() {
        let digit = c.wrapping_sub(b'0');
        if digit < 10 {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit));
        } else if c == decimal && point == n {
            point = k;
        } else {
            return None;
        }
    }
    let count = n - usize::from(point < n);
    if count == 0 || count > 19 || mantissa > 1 << 53 {
        return None;
    }
    let fraction = n - point.min(n - 1) - 1;
    let magnitude = mantissa as f64 / EXACT_POWERS_OF_TEN[fraction];
    Some(Number {
        value: if negative { -magnitude } else { magnitude },
        integer: (point == n).then_some(if negative { -(mantissa as i64) } else { mantissa as i64 }),
        percent: false,
        grouped: false,
        shape: match point {
            _ if point == n => Shape::NoSeparator,
            _ => Shape::One { separator: decimal, before: point, after: fraction, leading_zero: digits[0] == b'0' },
        },
    })
}

/// Any number form, more slowly.
fn parse_any(cell: &str, decimal_comma: bool) -> Option<Number> {
    let (body, percent) = match cell.strip_suffix('%') {
        Some(body) => (body.trim_end(), true),
        None => (cell, false),
    };
    let (decimal, group) = if decimal_comma { (b',', b'.') } else { (b'.', b',') };
    let b = body.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let negative = b.first() == Some(&b'-');
    // Every digit goes into the mantissa (exact while there are at most 19).
    let mut mantissa = 0u64;
    let mut digits = |i: &mut usize| {
        let start = *i;
        while let Some(&c) = b.get(*i).filter(|c| c.is_ascii_digit()) {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
            *i += 1;
        }
        *i - start
    };
    // Whole part, with optional thousands groups: 1–3 digits, then groups of 3, one separator.
    let mut run = digits(&mut i);
    let mut whole = run;
    let mut separator = None;
    while let Some(len) = group_separator(&b[i..], group) {
        let sep = &b[i..i + len];
        let fits = match separator {
            None => (1..=3).contains(&run) && b[i - run] != b'0',
            Some(previous) => previous == sep && run == 3,
        };
        if !fits {
            return None;
        }
        separator = Some(sep);
        i += len;
        run = digits(&mut i);
        whole += run;
    }
    let grouped = separator.is_some();
    if grouped && run != 3 {
        return None;
    }
    let has_point = b.get(i) == Some(&decimal);
    let fraction = if has_point {
        i += 1;
        digits(&mut i)
    } else {
        0
    };
    if whole + fraction == 0 {
        return None;
    }
    let has_exponent = matches!(b.get(i), Some(b'e' | b'E'));
    if has_exponent {
        i += 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let exponent = b[i.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exponent == 0 {
            return None;
        }
        i += exponent;
    }
    if i != b.len() {
        return None;
    }
    let mantissa = if whole + fraction <= 19 { Some(mantissa) } else { long_mantissa(b) };
    // Mantissa and power of ten both exact: one division rounds correctly, as `str::parse` does.
    let exact = mantissa.filter(|&m| m <= 1 << 53 && !has_exponent && fraction < EXACT_POWERS_OF_TEN.len());
    let value = match exact {
        Some(m) => {
            let v = m as f64 / EXACT_POWERS_OF_TEN[fraction];
            if negative {
                -v
            } else {
                v
            }
        }
        None => normalised(b, decimal)?,
    };
    let integer = if has_point || has_exponent || percent {
        None
    } else {
        mantissa.and_then(|m| if negative { 0i64.checked_sub_unsigned(m) } else { i64::try_from(m).ok() })
    };
    Some(Number { value, integer, percent, grouped, shape: Shape::Other })
}

/// The digits of a validated number as one integer, `None` when it does not fit 64 bits.
fn long_mantissa(b: &[u8]) -> Option<u64> {
    let mut digits = b.iter().take_while(|&&c| !matches!(c, b'e' | b'E')).filter(|c| c.is_ascii_digit());
    digits.try_fold(0u64, |m, &c| m.checked_mul(10)?.checked_add(u64::from(c - b'0')))
}

/// The length of the thousands separator at the start of `rest`: `group`, a space, U+00A0 or U+202F.
fn group_separator(rest: &[u8], group: u8) -> Option<usize> {
    match rest {
        [c, ..] if *c == group || *c == b' ' => Some(1),
        [0xC2, 0xA0, ..] => Some(2),
        [0xE2, 0x80, 0xAF, ..] => Some(3),
        _ => None,
    }
}

/// A validated number's value: separators dropped, the decimal separator made `.`.
fn normalised(b: &[u8], decimal: u8) -> Option<f64> {
    let cleaned = b.iter().filter_map(|&c| match c {
        b'0'..=b'9' | b'+' | b'-' | b'e' | b'E' => Some(c),
        c if c == decimal => Some(b'.'),
        _ => None,
    });
    let mut buf = [0u8; 64];
    let mut heap = Vec::new();
    let text: &[u8] = if b.len() <= buf.len() {
        let mut n = 0;
        for c in cleaned {
            buf[n] = c;
            n += 1;
        }
        &buf[..n]
    } else {
        heap.extend(cleaned);
        &heap
    };
    std::str::from_utf8(text).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(cell: &str, comma: bool) -> Option<f64> {
        parse_number(cell, comma).map(|n| n.value)
    }

    #[test]
    fn reads_signs_exponents_groups_and_percents() {
        assert_eq!(value("+3", false), Some(3.0));
        assert_eq!(value("-1.5e-3", false), Some(-0.0015));
        assert_eq!(value(".5", false), Some(0.5));
        assert_eq!(value("1,234.5", false), Some(1234.5));
        assert_eq!(value("1.234,5", true), Some(1234.5));
        assert_eq!(value("1,234", false), Some(1234.0));
        assert_eq!(value("1,234", true), Some(1.234));
        assert_eq!(value("12,5", true), Some(12.5));
        let p = parse_number("-3.5 %", false).unwrap();
        assert_eq!((p.value, p.percent, p.integer), (-3.5, true, None));
        assert_eq!(parse_number("-42", false).unwrap().integer, Some(-42));
        assert_eq!(parse_number("1,234,567", false).unwrap().integer, Some(1_234_567));
        assert_eq!(parse_number("-9223372036854775808", false).unwrap().integer, Some(i64::MIN));
        assert_eq!(parse_number("99999999999999999999", false).unwrap().integer, None);
    }

    #[test]
    fn spaces_group_thousands() {
        assert_eq!(value("1 234 567.89", false), Some(1_234_567.89));
        assert_eq!(value("1 234 567,89", true), Some(1_234_567.89));
        assert_eq!(value("-12\u{a0}345", false), Some(-12_345.0));
        assert_eq!(value("12\u{202f}345,5", true), Some(12_345.5));
        assert!(parse_number("1 234", false).unwrap().grouped);
        assert_eq!(parse_number("1 234", true).unwrap().integer, Some(1234));
        assert_eq!(value("1 234.567,8", true), None);
    }

    #[test]
    fn reads_infinity_as_pandas_does() {
        for (cell, expected) in [
            ("inf", f64::INFINITY),
            ("-inf", f64::NEG_INFINITY),
            ("+inf", f64::INFINITY),
            ("Infinity", f64::INFINITY),
            ("-INFINITY", f64::NEG_INFINITY),
            ("iNf", f64::INFINITY),
        ] {
            let n = parse_number(cell, false).unwrap();
            assert_eq!((n.value, n.integer, overflows(&n, cell)), (expected, None, false), "{cell}");
        }
        let n = parse_number("-1e309", false).unwrap();
        assert_eq!((n.value, overflows(&n, "-1e309")), (f64::NEG_INFINITY, true));
        assert!(!overflows(&parse_number("1e308", false).unwrap(), "1e308"));
    }

    #[test]
    fn values_are_what_str_parse_gives() {
        for cell in [
            "0.1",
            "-0.0",
            "-0",
            "5.5576",
            "123456789.123456789",
            "9007199254740993",
            "0.30000000000000004",
            "1e22",
            ".5",
            "5.",
            "1234567890123456789012",
            "0.0000000000000000000000001",
        ] {
            let expected: f64 = cell.parse().unwrap();
            let got = value(cell, false).unwrap();
            assert_eq!(got.to_bits(), expected.to_bits(), "{cell}");
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_numbers_read_as_str_parse_does(cell in "[+-]?[0-9]{0,24}(\\.[0-9]{0,24})?([eE][+-]?[0-9]{1,3})?") {
            let parsed = parse_number(&cell, false);
            let expected: Option<f64> = cell.parse().ok();
            proptest::prop_assert_eq!(parsed.map(|n| n.value.to_bits()), expected.map(f64::to_bits), "{}", cell);
            if !cell.contains(['.', 'e', 'E']) {
                proptest::prop_assert_eq!(parsed.and_then(|n| n.integer), cell.parse::<i64>().ok(), "{}", cell);
            }
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for cell in [
            "",
            "+",
            "-",
            ".",
            "e5",
            "1e",
            "1,5",
            "12,34,567",
            "0,123",
            "1.2.3",
            "infin",
            "in f",
            "--inf",
            "nan",
            "1 00",
            "1  000",
            "1 000,000",
            "01 000",
            "12:30",
            "1.5%%",
        ] {
            assert_eq!(value(cell, false), None, "{cell}");
        }
        for cell in ["1.5", "1.2.3", "01.02.2024", "1,2,3"] {
            assert_eq!(value(cell, true), None, "{cell}");
        }
    }
}
