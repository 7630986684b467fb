//! What a column's values are, inferred over every value (not a sample): each value has a
//! [`Kind`], and a column's kind is the join of its values' kinds — the most specific kind
//! they all fit, [`Kind::Text`] when nothing else does.

use crate::engine::base::cells::booleans::parse_bool;
use crate::engine::base::cells::dates::Orders;
use crate::engine::base::cells::datetimes::Temporal;
use crate::engine::base::cells::numbers::{parse_number, Number};

/// What every non-missing value of a column fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// No value at all.
    Empty,
    Boolean,
    /// Whole numbers; `grouped` when some use thousands separators.
    Integer {
        grouped: bool,
    },
    /// Numbers; `percent` when every value ends in `%`.
    Number {
        percent: bool,
        grouped: bool,
    },
    /// Dates readable in each order of the set.
    Date(Orders),
    /// Dates and times (dates at midnight); `midnight` when every time is 00:00 UTC.
    DateTime {
        orders: Orders,
        midnight: bool,
    },
    Text,
}

impl Kind {
    /// The kind of one trimmed, non-missing value.
    pub fn of(value: &str, decimal_comma: bool) -> Kind {
        if let Some(n) = parse_number(value, decimal_comma) {
            return Kind::of_number(&n);
        }
        if parse_bool(value).is_some() {
            return Kind::Boolean;
        }
        Temporal::parse(value).map_or(Kind::Text, |t| Kind::of_temporal(&t))
    }

    /// The kind of a number.
    pub fn of_number(n: &Number) -> Kind {
        match n.integer {
            Some(_) => Kind::Integer { grouped: n.grouped },
            None => Kind::Number { percent: n.percent, grouped: n.grouped },
        }
    }

    /// The kind of a date or datetime.
    pub fn of_temporal(t: &Temporal) -> Kind {
        match t.time {
            None => Kind::Date(t.orders),
            Some(_) => Kind::DateTime { orders: t.orders, midnight: t.is_midnight() },
        }
    }

    /// The most specific kind both `self` and `other` fit.
    pub fn join(self, other: Kind) -> Kind {
        use Kind::*;
        let meet = |a: Orders, b: Orders, kind: &dyn Fn(Orders) -> Kind| if a & b != 0 { kind(a & b) } else { Text };
        match (self, other) {
            (Empty, k) | (k, Empty) => k,
            (Boolean, Boolean) => Boolean,
            (Integer { grouped: a }, Integer { grouped: b }) => Integer { grouped: a || b },
            (Integer { grouped: a }, Number { percent: false, grouped: b })
            | (Number { percent: false, grouped: a }, Integer { grouped: b }) => {
                Number { percent: false, grouped: a || b }
            }
            (Number { percent: p, grouped: a }, Number { percent: q, grouped: b }) if p == q => {
                Number { percent: p, grouped: a || b }
            }
            (Date(a), Date(b)) => meet(a, b, &Date),
            (Date(a), DateTime { orders: b, midnight }) | (DateTime { orders: a, midnight }, Date(b)) => {
                meet(a, b, &|orders| DateTime { orders, midnight })
            }
            (DateTime { orders: a, midnight: m }, DateTime { orders: b, midnight: n }) => {
                meet(a, b, &|orders| DateTime { orders, midnight: m && n })
            }
            _ => Text,
        }
    }

    /// The same family (numbers, percentages, booleans, dates, datetimes), ignoring details.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::cells::dates::{DMY, MDY, YMD};

    fn kind(values: &[&str]) -> Kind {
        values.iter().fold(Kind::Empty, |k, v| k.join(Kind::of(v, false)))
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
        assert_eq!(kind(&["a", "1"]), Kind::Text);
    }

    #[test]
    fn dates_and_datetimes_join_as_datetimes() {
        assert_eq!(kind(&["2024-01-02T00:00:00Z", "2024-01-03 00:00"]), Kind::DateTime { orders: YMD, midnight: true });
        assert_eq!(kind(&["2024-01-02T10:00", "2024-01-03"]), Kind::DateTime { orders: YMD, midnight: false });
        assert_eq!(kind(&["05/03/2024 14:30", "13/03/2024"]), Kind::DateTime { orders: DMY, midnight: false });
        assert_eq!(kind(&["2024-01-02T10:00", "13/03/2024"]), Kind::Text);
    }

    #[test]
    fn month_name_dates_fit_every_order() {
        let any = YMD | DMY | MDY;
        assert_eq!(kind(&["Jan 1 2000", "1 February 2000", "2000-Mar-03"]), Kind::Date(any));
        assert_eq!(kind(&["Jan 1 2000", "2024-01-02"]), Kind::Date(YMD));
        assert_eq!(kind(&["Jan 1 2000", "13/02/2024"]), Kind::Date(DMY));
        assert_eq!(kind(&["Jan 1 2000", "Jan 2 2000 10:00"]), Kind::DateTime { orders: any, midnight: false });
        assert_eq!(kind(&["Jan 1 2000", "Feb 30 2000"]), Kind::Text);
        assert_eq!(kind(&["Jan 1 2000", "soon"]), Kind::Text);
    }

    #[test]
    fn joining_is_order_free() {
        let values =
            ["1", "2.5", "1,234", "12%", "yes", "2024-01-02", "01/02/2024", "13/02/2024", "2024-01-02 10:00", "x", ""];
        let kinds: Vec<Kind> =
            values.iter().map(|v| if v.is_empty() { Kind::Empty } else { Kind::of(v, false) }).collect();
        for &a in &kinds {
            for &b in &kinds {
                assert_eq!(a.join(b), b.join(a), "{a:?} {b:?}");
                for &c in &kinds {
                    assert_eq!(a.join(b).join(c), a.join(b.join(c)), "{a:?} {b:?} {c:?}");
                }
            }
        }
    }
}
