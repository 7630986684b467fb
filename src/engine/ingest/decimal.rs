//! Which decimal separator a file uses, decided once per file from the evidence in its cells.

use crate::engine::base::cells::numbers::{parse_number, Shape};

/// Cells that tell a decimal comma from a decimal point.
#[derive(Clone, Copy, Debug, Default, serde::Serialize, serde::Deserialize)]
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
        if starts_numeric {
            self.observe_shape(one_separator(b), cell);
        }
    }

    /// Looks at a trimmed cell written as `shape`.
    #[inline(always)]
    pub fn observe_shape(&mut self, shape: Shape, cell: &str) {
        match shape {
            Shape::NoSeparator => {}
            Shape::One { separator, before, after, leading_zero } => {
                // Read one way the separator is a decimal, the other way a thousands group.
                let group = (1..=3).contains(&before) && !leading_zero && after == 3;
                let counter = match (separator, group) {
                    _ if before + after == 0 => return,
                    (b'.', false) => &mut self.point,
                    (b',', false) => &mut self.comma,
                    (b',', true) => &mut self.ambiguous_comma,
                    _ => return,
                };
                *counter += 1;
            }
            Shape::Other => self.observe_any(cell),
        }
    }

    /// Adds another part of the file's evidence.
    pub fn absorb(&mut self, other: &Evidence) {
        self.point += other.point;
        self.comma += other.comma;
        self.ambiguous_comma += other.ambiguous_comma;
    }

    fn observe_any(&mut self, cell: &str) {
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

/// How a cell is written: its separators.
fn one_separator(b: &[u8]) -> Shape {
    let digits = b.strip_prefix(b"+").or_else(|| b.strip_prefix(b"-")).unwrap_or(b);
    let mut found = None;
    for (i, &c) in digits.iter().enumerate() {
        match c {
            b'0'..=b'9' => {}
            b'.' | b',' if found.is_none() => found = Some((i, c)),
            b'.' | b',' => return Shape::Other,
            _ => return if b.contains(&b'.') || b.contains(&b',') { Shape::Other } else { Shape::NoSeparator },
        }
    }
    match found {
        None => Shape::NoSeparator,
        Some((i, separator)) => Shape::One {
            separator,
            before: i,
            after: digits.len() - i - 1,
            leading_zero: digits.first() == Some(&b'0'),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn counts(e: &Evidence) -> (usize, usize, usize) {
        (e.point, e.comma, e.ambiguous_comma)
    }

    proptest::proptest! {
        #[test]
        fn the_quick_look_agrees_with_parsing(cell in "[+-]?[0-9]{0,5}[.,]?[0-9]{0,5}[.,%e ]?[0-9]{0,4}") {
            let (mut quick, mut slow) = (Evidence::default(), Evidence::default());
            quick.observe(&cell);
            if cell.starts_with(|c: char| c.is_ascii_digit() || "+-.,".contains(c)) && cell.contains(['.', ',']) {
                slow.observe_any(&cell);
            }
            proptest::prop_assert_eq!(counts(&quick), counts(&slow), "{}", cell);
        }
    }
}
