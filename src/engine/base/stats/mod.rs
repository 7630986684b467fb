//! Shared statistics: one definition of each, used by the profile (its summaries, heatmaps and
//! alerts) and by the recipe (what its steps learn), so that the page's "highly correlated"
//! alert and the drop-correlated step, or the profile's quartiles and the robust scaler's, say
//! the same of the same data. Each is computed as NumPy, pandas or scikit-learn compute it.
//!
//! # Which values count
//!
//! One rule, everywhere:
//! - A missing value is `NaN` (the columns' `None`s are read as `NaN`); it never counts.
//! - A statistic of one column (mean, variance, percentiles, median) counts every other value;
//!   an infinity is a value, so a mean with one is infinite, as in NumPy and pandas.
//! - A statistic of a pair of columns (Pearson, and Spearman in the profile) counts a row
//!   only when both of its values are finite ([`takes_part`]): one infinity would make every
//!   sum undefined, and pandas' `corr` leaves such rows out too.
//!
//! The kernels take the shape their callers need (two whole columns, known shifts, or a
//! matrix over blocks of rows with precomputed sums), but every one applies this rule and ends
//! in the same arithmetic.

mod correlation;
mod linspace;
mod moments;
mod pearson_matrix;
mod percentiles;

pub use correlation::{
    correlation_of_sums, correlation_unit, finite_mean, in_correlation_unit, pearson, pearson_shifted, symmetric,
    takes_part,
};
pub use linspace::linspace;
pub use moments::{is_negligible_spread, largest_magnitude, mean, power_of_two_unit, std_dev, variance};
pub use pearson_matrix::{pearson_matrix, Source};
pub use percentiles::{median_of_sorted, percentile_averaged_inverted_cdf, percentile_linear, percentile_of_unsorted};
