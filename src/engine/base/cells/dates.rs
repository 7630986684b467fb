//! Date forms found in CSV files: `YYYY-MM-DD` (also with `/` or `.`), and day-first or
//! month-first `DD/MM/YYYY`, `MM/DD/YYYY`, `DD.MM.YYYY`, `DD-MM-YYYY` (one or two digits for
//! day and month), and English month-name dates (`Jan 1 2000`, `1 January 2000`,
//! `01-Jan-2000`: see [`names`]). The calendar itself is `engine::base::dates`. A column's dates are
//! read in one order, chosen from the orders all of them fit ([`choose_order`]).

mod names;

use crate::engine::base::dates::days_from_civil;

/// Set of orders a date text can be read in (see [`DateParts::orders`]).
pub type Orders = u8;
/// Year, month, day.
pub const YMD: Orders = 1;
/// Day, month, year.
pub const DMY: Orders = 2;
/// Month, day, year.
pub const MDY: Orders = 4;
/// Every order: what an empty set of constraints allows.
pub const ANY_ORDER: Orders = YMD | DMY | MDY;

/// A date as written: three runs of 1–4 digits joined by one separator (`-`, `/` or `.`),
/// or a date with the month's name (kept as year, month, day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateParts {
    values: [u32; 3],
    lengths: [u8; 3],
    /// A month-name date: a real date, the same in every order.
    named: bool,
}

impl DateParts {
    /// The parts of `text`, or `None` when it is not shaped like a date.
    pub fn parse(text: &str) -> Option<Self> {
        let b = text.as_bytes();
        if !(6..=10).contains(&b.len()) {
            return None;
        }
        let sep = *b.iter().find(|c| !c.is_ascii_digit())?;
        if !matches!(sep, b'-' | b'/' | b'.') {
            return None;
        }
        let mut parts = DateParts { values: [0; 3], lengths: [0; 3], named: false };
        let mut part = 0;
        for &c in b {
            if c == sep {
                part += 1;
                if part == 3 {
                    return None;
                }
            } else if c.is_ascii_digit() && parts.lengths[part] < 4 {
                parts.values[part] = parts.values[part] * 10 + u32::from(c - b'0');
                parts.lengths[part] += 1;
            } else {
                return None;
            }
        }
        (part == 2 && parts.lengths.iter().all(|&l| l > 0)).then_some(parts)
    }

    /// A date written with the month's name (`Jan 1 2000`; the forms are in `dates/names.rs`),
    /// or `None` when `text` is not one or the day does not exist (`Feb 30 2000`).
    pub fn parse_named(text: &str) -> Option<Self> {
        let (y, m, d) = names::parse(text)?;
        Some(DateParts { values: [y as u32, m, d], lengths: [4, 2, 2], named: true })
    }

    /// The orders in which the parts are a real calendar date (0 when none); every order for
    /// a month-name date, which reads the same in all of them.
    pub fn orders(self) -> Orders {
        if self.named {
            return ANY_ORDER;
        }
        let ([a, b, c], [la, lb, lc]) = (self.values, self.lengths);
        let valid = |y: u32, m: u32, d: u32| days_from_civil(y as i32, m, d).is_some();
        let short = |l: u8| (1..=2).contains(&l);
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

    /// Days since 1970-01-01 read in `order` (one of [`YMD`], [`DMY`], [`MDY`]).
    pub fn days(self, order: Orders) -> Option<i32> {
        if self.orders() & order == 0 {
            return None;
        }
        let order = if self.named { YMD } else { order };
        let [a, b, c] = self.values;
        let (y, m, d) = match order {
            YMD => (a, b, c),
            DMY => (c, b, a),
            _ => (c, a, b),
        };
        days_from_civil(y as i32, m, d)
    }
}

/// The single order to read a column in, and a note for the report when it is not ISO.
pub fn choose_order(orders: Orders, day_first: Option<bool>) -> (Orders, Option<String>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::dates::parse_iso_date;

    /// The orders in which `text` is a real calendar date (0 when none).
    fn date_orders(text: &str) -> Orders {
        DateParts::parse(text).map_or(0, DateParts::orders)
    }

    /// Days since 1970-01-01 of `text` read in `order` (one of [`YMD`], [`DMY`], [`MDY`]).
    fn parse_date(text: &str, order: Orders) -> Option<i32> {
        DateParts::parse(text)?.days(order)
    }

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
        assert_eq!(date_orders("2024-03-04-"), 0);
        assert_eq!(date_orders("12024-3-4"), 0);
        assert_eq!(date_orders("2024--34"), 0);
        assert_eq!(parse_date("13/03/2024", DMY), parse_iso_date("2024-03-13"));
        assert_eq!(parse_date("03/04/2024", MDY), parse_iso_date("2024-03-04"));
        assert_eq!(parse_date("13/03/2024", MDY), None);
    }

    #[test]
    fn chooses_one_order() {
        assert_eq!(choose_order(YMD, Some(false)).0, YMD);
        assert_eq!(choose_order(DMY | MDY, None).0, DMY);
        assert_eq!(choose_order(DMY | MDY, Some(false)).0, MDY);
        assert_eq!(choose_order(MDY, Some(true)).0, MDY);
    }
}
