//! Equal-width histograms of sorted values.

use super::report::Bin;

/// Bars of a numeric histogram.
pub(super) const HISTOGRAM_BINS: usize = 10;

/// An equal-width histogram of ascending finite values: `bins` bars from the minimum to the
/// maximum (one bar when all values are equal, none when there are none).
pub(super) fn histogram(sorted: &[f64], bins: usize) -> Vec<Bin> {
    let (Some(&min), Some(&max)) = (sorted.first(), sorted.last()) else {
        return Vec::new();
    };
    if min == max || bins < 2 {
        return vec![Bin { lower: min, upper: max, count: sorted.len() }];
    }
    // max/bins − min/bins stays finite even when max − min would overflow.
    let width = max / bins as f64 - min / bins as f64;
    let edge = |i: usize| if i == bins { max } else { min + width * i as f64 };
    let mut start = 0;
    (0..bins)
        .map(|i| {
            let end =
                if i + 1 == bins { sorted.len() } else { sorted.partition_point(|&x| x < edge(i + 1)).max(start) };
            let bin = Bin { lower: edge(i), upper: edge(i + 1), count: end - start };
            start = end;
            bin
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_cover_every_value_once() {
        let values: Vec<f64> = (0..=100).map(f64::from).collect();
        let bars = histogram(&values, 10);
        assert_eq!(bars.len(), 10);
        assert_eq!(bars.iter().map(|b| b.count).sum::<usize>(), 101);
        assert_eq!((bars[0].lower, bars[0].upper, bars[0].count), (0.0, 10.0, 10));
        assert_eq!((bars[9].upper, bars[9].count), (100.0, 11));
        assert_eq!(histogram(&[3.0, 3.0], 10), vec![Bin { lower: 3.0, upper: 3.0, count: 2 }]);
        assert!(histogram(&[], 10).is_empty());
    }
}
