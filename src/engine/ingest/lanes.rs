//! Fast lanes: the common value of a column — a plain number in a number column, an ISO date
//! in a date column, a word in a text column — pushed straight into its buffer. Anything
//! else takes the general path of [`super::builder`], which gives the same result.

use super::builder::Plan;
use super::decimal::Evidence;
use super::kind::Kind;
use super::store::Store;
use crate::engine::base::cells::booleans::parse_bool;
use crate::engine::base::cells::dates::YMD;
use crate::engine::base::cells::numbers::parse_plain;
use crate::engine::base::dates::days_from_civil;
use crate::engine::base::table::ColumnType;

/// Which common case a column takes quickly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    None,
    /// `[+-]digits[.digits]` into numbers.
    Numbers,
    /// `[+-]digits` into integers.
    Integers,
    /// `YYYY-MM-DD` into days.
    IsoDates,
    Booleans,
    /// Any cell into coded or plain text.
    Texts,
}

impl Lane {
    /// The lane of a column read as `plan`.
    pub fn of(plan: Plan) -> Lane {
        match plan {
            Plan::Infer(Kind::Number { percent: false, .. }) | Plan::Force(ColumnType::Number, _) => Lane::Numbers,
            Plan::Infer(Kind::Integer { .. }) | Plan::Force(ColumnType::Integer, _) => Lane::Integers,
            Plan::Infer(Kind::Date(YMD)) | Plan::Force(ColumnType::Date, YMD) => Lane::IsoDates,
            Plan::Infer(Kind::Boolean) => Lane::Booleans,
            Plan::Infer(Kind::Text) | Plan::Force(ColumnType::Category | ColumnType::Text, _) => Lane::Texts,
            _ => Lane::None,
        }
    }

    /// Pushes the trimmed, non-missing `value` (`cell` as written) when it is the lane's
    /// common case, noting its evidence of the decimal separator; `false` when it is not.
    #[inline]
    pub fn push(
        self,
        store: &mut Store,
        evidence: &mut Option<Evidence>,
        cell: &str,
        value: &str,
        decimal: u8,
    ) -> bool {
        match (self, store) {
            (Lane::Numbers, Store::Numbers(v)) => {
                let Some(n) = parse_plain(value.as_bytes(), decimal) else { return false };
                if let Some(e) = evidence {
                    e.observe_shape(n.shape, value);
                }
                v.push(n.value);
            }
            (Lane::Integers, Store::Integers(v)) => {
                // Not `-0`: as a number that is -0.0, which the column must remember.
                let Some(i) = parse_plain(value.as_bytes(), decimal)
                    .and_then(|n| n.integer)
                    .filter(|&i| i != 0 || !value.starts_with('-'))
                else {
                    return false;
                };
                v.push(Some(i));
            }
            (Lane::IsoDates, Store::Days(v)) => {
                let Some(day) = iso_date(value.as_bytes()) else { return false };
                v.push(Some(day));
            }
            (Lane::Booleans, Store::Booleans(v)) => {
                let Some(b) = parse_bool(value) else { return false };
                v.push(Some(b));
            }
            (Lane::Texts, Store::Levels(levels)) => {
                if let Some(e) = evidence {
                    e.observe(value);
                }
                levels.push(Some(cell));
            }
            _ => return false,
        }
        true
    }
}

/// Days since 1970-01-01 of exactly `YYYY-MM-DD`.
#[inline]
fn iso_date(b: &[u8]) -> Option<i32> {
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = b else { return None };
    let digits = [y1, y2, y3, y4, m1, m2, d1, d2].map(|c| c.wrapping_sub(b'0'));
    if digits.iter().any(|&d| d > 9) {
        return None;
    }
    let n = |range: std::ops::Range<usize>| digits[range].iter().fold(0u32, |n, &d| n * 10 + u32::from(d));
    days_from_civil(n(0..4) as i32, n(4..6), n(6..8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::base::dates::parse_iso_date;

    #[test]
    fn reads_iso_dates() {
        for text in ["2024-02-29", "1970-01-01", "0001-01-01", "9999-12-31"] {
            assert_eq!(iso_date(text.as_bytes()), parse_iso_date(text), "{text}");
        }
        for text in ["2023-02-29", "2024-1-02", "2024/01/02", "2024-01-0x", "2024-13-01"] {
            assert_eq!(iso_date(text.as_bytes()), None, "{text}");
        }
    }
}
