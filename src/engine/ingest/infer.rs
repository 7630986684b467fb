//! Column type inference over every value of a column (not a sample), in one pass: each
//! candidate type stays alive while every value so far fits it.

use super::dates::{date_orders, parse_datetime, Orders, DAY_MS};
use super::numbers::parse_number;

/// Cell texts read as missing by default (as pandas does, and `None`).
pub const DEFAULT_MISSING_TOKENS: &[&str] = &["", "NA", "N/A", "NaN", "nan", "null", "NULL", "None", "#N/A"];

/// How single cells are read: which texts are missing, and the file's decimal separator.
pub struct CellReader {
    tokens: Vec<String>,
    longest: usize,
    pub decimal_comma: bool,
}

impl CellReader {
    /// A reader with these missing tokens (compared after trimming).
    pub fn new(missing_tokens: &[String], decimal_comma: bool) -> Self {
        let tokens: Vec<String> = missing_tokens.iter().map(|t| t.trim().to_string()).collect();
        let longest = tokens.iter().map(String::len).max().unwrap_or(0);
        CellReader { tokens, longest, decimal_comma }
    }

    /// The trimmed cell, or `None` when it is a missing token.
    pub fn value<'a>(&self, cell: &'a str) -> Option<&'a str> {
        let t = cell.trim();
        let missing = t.len() <= self.longest && self.tokens.iter().any(|m| m == t);
        (!missing).then_some(t)
    }
}

/// What every non-missing value of a column fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// No value at all.
    Empty,
    Boolean,
    /// Whole numbers; `grouped` when some use thousands separators.
    Integer { grouped: bool },
    /// Numbers; `percent` when every value ends in `%`.
    Number { percent: bool, grouped: bool },
    /// Dates readable in each order of the set.
    Date(Orders),
    /// ISO datetimes; `midnight` when every time is 00:00 UTC.
    DateTime { midnight: bool },
    Text,
}

impl Kind {
    /// The same family (numbers, booleans, dates, datetimes), ignoring details.
    pub fn same_family(self, other: Kind) -> bool {
        use Kind::*;
        let family = |k: Kind| match k {
            Integer { .. } | Number { percent: false, .. } => 1,
            Number { percent: true, .. } => 2,
            Boolean => 3,
            Date(_) => 4,
            DateTime { .. } => 5,
            Empty => 6,
            Text => 7,
        };
        family(self) == family(other)
    }
}

/// Watches a column's values one by one and says which [`Kind`] they all fit.
#[derive(Clone, Debug)]
pub struct Classifier {
    present: usize,
    number: bool,
    integer: bool,
    percent: Option<bool>,
    grouped: bool,
    boolean: bool,
    dates: Orders,
    datetime: bool,
    midnight: bool,
}

impl Default for Classifier {
    fn default() -> Self {
        Classifier {
            present: 0,
            number: true,
            integer: true,
            percent: None,
            grouped: false,
            boolean: true,
            dates: Orders::MAX,
            datetime: true,
            midnight: true,
        }
    }
}

impl Classifier {
    /// Takes one non-missing, trimmed value.
    pub fn feed(&mut self, value: &str, decimal_comma: bool) {
        self.present += 1;
        if self.number {
            if let Some(n) = parse_number(value, decimal_comma) {
                if *self.percent.get_or_insert(n.percent) != n.percent {
                    self.number = false;
                }
                self.integer &= n.integer.is_some();
                self.grouped |= n.grouped;
                self.boolean = false;
                self.dates = 0;
                self.datetime = false;
                return;
            }
            self.number = false;
        }
        if self.boolean && parse_bool(value).is_none() {
            self.boolean = false;
        }
        if self.dates != 0 {
            self.dates &= date_orders(value);
        }
        if self.datetime {
            match parse_datetime(value) {
                Some(ms) => self.midnight &= ms.rem_euclid(DAY_MS) == 0,
                None => self.datetime = false,
            }
        }
    }

    /// The most specific kind every value so far fits.
    pub fn kind(&self) -> Kind {
        match () {
            _ if self.present == 0 => Kind::Empty,
            _ if self.number && self.percent == Some(false) && self.integer => Kind::Integer { grouped: self.grouped },
            _ if self.number => Kind::Number { percent: self.percent == Some(true), grouped: self.grouped },
            _ if self.boolean => Kind::Boolean,
            _ if self.dates != 0 => Kind::Date(self.dates),
            _ if self.datetime => Kind::DateTime { midnight: self.midnight },
            _ => Kind::Text,
        }
    }
}

/// `true`/`false`, `yes`/`no`, `y`/`n`, `t`/`f`, in any case.
pub fn parse_bool(v: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["true", "yes", "y", "t"];
    const FALSE: [&str; 4] = ["false", "no", "n", "f"];
    if v.len() > 5 {
        return None;
    }
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(v));
    match () {
        _ if is(&TRUE) => Some(true),
        _ if is(&FALSE) => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ingest::dates::{DMY, MDY, YMD};

    fn kind(values: &[&str]) -> Kind {
        let mut c = Classifier::default();
        values.iter().for_each(|v| c.feed(v, false));
        c.kind()
    }

    #[test]
    fn finds_the_most_specific_kind() {
        assert_eq!(kind(&[]), Kind::Empty);
        assert_eq!(kind(&["0", "1", "1"]), Kind::Integer { grouped: false });
        assert_eq!(kind(&["1,234", "5"]), Kind::Integer { grouped: true });
        assert_eq!(kind(&["1", "2.5", "+1e3"]), Kind::Number { percent: false, grouped: false });
        assert_eq!(kind(&["12%", "-3.5 %"]), Kind::Number { percent: true, grouped: false });
        assert_eq!(kind(&["12%", "3"]), Kind::Text);
        assert_eq!(kind(&["Yes", "no", "Y", "f", "TRUE"]), Kind::Boolean);
        assert_eq!(kind(&["yes", "1"]), Kind::Text);
        assert_eq!(kind(&["2024-01-02", "2024-12-31"]), Kind::Date(YMD));
        assert_eq!(kind(&["01/02/2024", "13/02/2024"]), Kind::Date(DMY));
        assert_eq!(kind(&["01/02/2024", "02/03/2024"]), Kind::Date(DMY | MDY));
        assert_eq!(kind(&["13/02/2024", "02/13/2024"]), Kind::Text);
        assert_eq!(kind(&["2024-01-02T00:00:00Z", "2024-01-03 00:00"]), Kind::DateTime { midnight: true });
        assert_eq!(kind(&["2024-01-02T10:00", "2024-01-03"]), Kind::Text);
        assert_eq!(kind(&["a", "1"]), Kind::Text);
    }

    #[test]
    fn reads_missing_tokens_after_trimming() {
        let tokens: Vec<String> = DEFAULT_MISSING_TOKENS.iter().map(|s| s.to_string()).collect();
        let r = CellReader::new(&tokens, false);
        assert_eq!((r.value(" NA "), r.value("  "), r.value(" x ")), (None, None, Some("x")));
    }
}
