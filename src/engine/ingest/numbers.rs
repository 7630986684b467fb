//! Numbers as people write them: a leading `+`, exponents, thousands separators, a decimal
//! comma in European files, percentages. Which decimal separator a file uses is decided once
//! per file from the evidence in its cells.

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
}

/// Reads a trimmed cell as a number. With `decimal_comma` the decimal separator is `,` and
/// thousands are grouped with `.`; otherwise `.` and `,`. Groups must have three digits, so
/// `1,234` is 1234 and `1,5` is not a number in a decimal-point file.
pub fn parse_number(cell: &str, decimal_comma: bool) -> Option<Number> {
    let (body, percent) = match cell.strip_suffix('%') {
        Some(body) => (body.trim_end(), true),
        None => (cell, false),
    };
    let (decimal, group) = if decimal_comma { (b',', b'.') } else { (b'.', b',') };
    let b = body.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let negative = b.first() == Some(&b'-');
    // Whole part, with optional thousands groups.
    let (mut whole, mut run, mut grouped, mut magnitude) = (0usize, 0usize, false, Some(0u64));
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            whole += 1;
            run += 1;
            magnitude = magnitude.and_then(|m| m.checked_mul(10)?.checked_add(u64::from(c - b'0')));
        } else if c == group {
            let leading_zero = b.get(i - run) == Some(&b'0');
            let first_ok = (1..=3).contains(&run) && !leading_zero;
            if !(if grouped { run == 3 } else { first_ok }) {
                return None;
            }
            grouped = true;
            run = 0;
        } else {
            break;
        }
        i += 1;
    }
    if grouped && run != 3 {
        return None;
    }
    let mut fraction = 0;
    let has_point = b.get(i) == Some(&decimal);
    if has_point {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            fraction += 1;
            i += 1;
        }
    }
    if whole + fraction == 0 {
        return None;
    }
    let has_exponent = matches!(b.get(i), Some(b'e' | b'E'));
    if has_exponent {
        i += 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
        let digits = b[i.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        i += digits;
    }
    if i != b.len() {
        return None;
    }
    let value = if grouped || (decimal_comma && has_point) { normalised(b, group, decimal)? } else { body.parse().ok()? };
    let integer = if has_point || has_exponent || percent {
        None
    } else {
        magnitude.and_then(|m| if negative { 0i64.checked_sub_unsigned(m) } else { i64::try_from(m).ok() })
    };
    Some(Number { value, integer, percent, grouped })
}

/// The number with group separators dropped and the decimal separator made `.`.
fn normalised(b: &[u8], group: u8, decimal: u8) -> Option<f64> {
    let mut buf = [0u8; 64];
    let mut heap = Vec::new();
    let cleaned = b.iter().filter(|&&c| c != group).map(|&c| if c == decimal { b'.' } else { c });
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

/// Cells that tell a decimal comma from a decimal point.
#[derive(Clone, Copy, Debug, Default)]
pub struct Evidence {
    /// Numbers only with a decimal point (`1.5`, `1,234.5`).
    point: usize,
    /// Numbers only with a decimal comma (`1,5`, `1.234,5`).
    comma: usize,
    /// `1,234`-like cells: a thousands group or a decimal comma.
    ambiguous_comma: usize,
}

impl Evidence {
    /// Looks at one trimmed cell.
    pub fn observe(&mut self, cell: &str) {
        let b = cell.as_bytes();
        let starts_numeric = b.first().is_some_and(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.' | b','));
        if !starts_numeric || !b.iter().any(|&c| c == b',' || c == b'.') {
            return;
        }
        match (parse_number(cell, false), parse_number(cell, true)) {
            (Some(_), None) => self.point += 1,
            (None, Some(_)) => self.comma += 1,
            (Some(p), Some(c)) if p.value != c.value && cell.contains(',') => self.ambiguous_comma += 1,
            _ => {}
        }
    }

    /// Whether the file uses a decimal comma: more comma-only numbers than point-only ones,
    /// or, with no such evidence, `1,234`-like numbers in a `;`-delimited file.
    pub fn decimal_comma(&self, delimiter: u8) -> bool {
        self.comma > self.point || (self.comma == 0 && self.point == 0 && self.ambiguous_comma > 0 && delimiter == b';')
    }
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
    fn refuses_what_is_not_a_number() {
        for cell in ["", "+", "-", ".", "e5", "1e", "1,5", "12,34,567", "0,123", "1.2.3", "inf", "nan", "1 000", "12:30", "1.5%%"] {
            assert_eq!(value(cell, false), None, "{cell}");
        }
        for cell in ["1.5", "1.2.3", "01.02.2024", "1,2,3"] {
            assert_eq!(value(cell, true), None, "{cell}");
        }
    }

    #[test]
    fn decides_the_decimal_separator() {
        let evidence = |cells: &[&str]| {
            let mut e = Evidence::default();
            cells.iter().for_each(|c| e.observe(c));
            e
        };
        assert!(evidence(&["1,5", "2,25", "3"]).decimal_comma(b';'));
        assert!(!evidence(&["1.5", "1,234"]).decimal_comma(b';'));
        assert!(evidence(&["1,234", "2"]).decimal_comma(b';'));
        assert!(!evidence(&["1,234", "2"]).decimal_comma(b','));
        assert!(!evidence(&["2024-01-02", "x", "12"]).decimal_comma(b';'));
    }
}
