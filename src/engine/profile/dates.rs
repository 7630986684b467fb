//! Date and datetime columns: range and histogram.

use super::histogram::{histogram, HISTOGRAM_BINS};
use super::numeric::runs;
use super::report::Bin;
use super::sort::sort_integers;
use crate::engine::base::dates::{format_iso_date, format_iso_datetime};
use crate::engine::base::table::Nullable;

/// What the report shows about a date or datetime column.
pub(super) struct DateSummary {
    pub distinct: usize,
    /// How often the most frequent date occurs, and that date.
    pub mode_count: usize,
    pub mode_value: Option<String>,
    pub min: Option<String>,
    pub max: Option<String>,
    /// Equal-width bars over days (dates) or milliseconds (datetimes) since 1970-01-01.
    pub histogram: Vec<Bin>,
}

impl DateSummary {
    /// The summary of a column of days since 1970-01-01.
    pub fn of(days: &Nullable<i32>) -> DateSummary {
        Self::of_moments(days.present().map(i64::from).collect(), |d| format_iso_date(d as i32))
    }

    /// The summary of a column of milliseconds since 1970-01-01T00:00:00.
    pub fn of_datetimes(moments: &Nullable<i64>) -> DateSummary {
        Self::of_moments(moments.present().collect(), format_iso_datetime)
    }

    fn of_moments(mut sorted: Vec<i64>, format: fn(i64) -> String) -> DateSummary {
        sort_integers(&mut sorted);
        let (distinct, mode) = runs(&sorted);
        let as_numbers: Vec<f64> = sorted.iter().map(|&d| d as f64).collect();
        DateSummary {
            distinct,
            mode_count: mode.map_or(0, |m| m.1),
            mode_value: mode.map(|(i, _)| format(sorted[i])),
            min: sorted.first().map(|&d| format(d)),
            max: sorted.last().map(|&d| format(d)),
            histogram: histogram(&as_numbers, HISTOGRAM_BINS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_as_iso_dates() {
        let s = DateSummary::of(&vec![Some(19_000), None, Some(0), Some(19_000)].into());
        assert_eq!((s.distinct, s.mode_count), (2, 2));
        assert_eq!((s.min.as_deref(), s.max.as_deref()), (Some("1970-01-01"), Some("2022-01-08")));
        assert_eq!(s.histogram.iter().map(|b| b.count).sum::<usize>(), 3);
    }

    #[test]
    fn datetime_range_keeps_the_time() {
        let s = DateSummary::of_datetimes(&vec![Some(90_000_000), None, Some(0)].into());
        assert_eq!((s.min.as_deref(), s.max.as_deref()), (Some("1970-01-01T00:00:00"), Some("1970-01-02T01:00:00")));
    }
}
