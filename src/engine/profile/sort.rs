//! A stable LSD radix sort on 64-bit keys: for a million values it is two to three times
//! faster than a comparison sort, and the report sorts every number column.

/// Bits per pass (a 2048-entry histogram stays in the L1 cache).
const DIGIT_BITS: u32 = 11;
const BUCKETS: usize = 1 << DIGIT_BITS;
/// Below this length a comparison sort wins.
const SMALL: usize = 512;

/// The key of an `f64` whose unsigned order is the numeric order (`-0.0` just below `0.0`,
/// NaN at the ends).
pub(super) fn f64_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// The key of an `i64` whose unsigned order is the numeric order.
pub(super) fn i64_key(x: i64) -> u64 {
    (x as u64) ^ (1 << 63)
}

/// Whole numbers [`sort_integers`] sorts, each with a key whose unsigned order is theirs.
pub(super) trait Whole: Copy + Ord {
    fn key(self) -> u64;
    /// The number whose key is `key`.
    fn of_key(key: u64) -> Self;
}

impl Whole for i64 {
    fn key(self) -> u64 {
        i64_key(self)
    }
    fn of_key(key: u64) -> i64 {
        (key ^ (1 << 63)) as i64
    }
}

impl Whole for i32 {
    fn key(self) -> u64 {
        i64_key(i64::from(self))
    }
    fn of_key(key: u64) -> i32 {
        i64::of_key(key) as i32
    }
}

/// Sorts `items` by `key`, keeping the order of equal keys. Keys are taken relative to the
/// smallest, so only the digits the keys differ in are sorted on: a column of values between
/// −5,000 and 5,000 takes two passes, not six.
pub(super) fn sort_by_key<T: Copy>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    if items.len() < SMALL {
        items.sort_by_key(|item| key(item));
        return;
    }
    let (low, high) = key_range(items, &key);
    radix_sort(items, &key, low, high);
}

/// The radix passes of [`sort_by_key`], for keys between `low` and `high`.
fn radix_sort<T: Copy>(items: &mut Vec<T>, key: &impl Fn(&T) -> u64, low: u64, high: u64) {
    let passes = (64 - (high - low).leading_zeros()).div_ceil(DIGIT_BITS) as usize;
    let relative = |item: &T| key(item) - low;
    let mut counts = digit_counts(items, &relative, passes);
    let mut buffer: Vec<T> = items.clone();
    let n = items.len();
    for (pass, c) in counts.iter_mut().enumerate() {
        if c.contains(&n) {
            continue; // every key has the same digit here
        }
        let mut offset = 0;
        for slot in c.iter_mut() {
            (*slot, offset) = (offset, offset + *slot);
        }
        scatter(items, &mut buffer, c, pass, &relative);
        std::mem::swap(items, &mut buffer);
    }
}

/// Sorts integers: by counting each value when they lie in a range no wider than their
/// number (ids, counts, days: one pass to count, one to write), else by [`sort_by_key`].
pub(super) fn sort_integers<T: Whole>(values: &mut Vec<T>) {
    if values.len() < SMALL {
        return values.sort_unstable();
    }
    let key = |&x: &T| x.key();
    let (low, high) = key_range(values, &key);
    let width = high - low;
    if width >= values.len() as u64 {
        return radix_sort(values, &key, low, high);
    }
    let counts = value_counts(values, low, width as usize + 1);
    write_counted(values, low, &counts);
}

/// How many of `values` have each key `low..low + width`.
#[inline(never)]
fn value_counts<T: Whole>(values: &[T], low: u64, width: usize) -> Vec<u32> {
    let mut counts = vec![0u32; width];
    for &x in values {
        counts[(x.key() - low) as usize] += 1;
    }
    counts
}

/// Writes each key's value as often as it was counted, in key order.
#[inline(never)]
fn write_counted<T: Whole>(values: &mut [T], low: u64, counts: &[u32]) {
    let mut at = 0;
    for (offset, &n) in counts.iter().enumerate() {
        let value = T::of_key(low + offset as u64);
        values[at..at + n as usize].fill(value);
        at += n as usize;
    }
}

/// The smallest and largest key of non-empty `items`.
#[inline(never)]
fn key_range<T>(items: &[T], key: &impl Fn(&T) -> u64) -> (u64, u64) {
    items.iter().fold((u64::MAX, 0), |(low, high), item| {
        let k = key(item);
        (low.min(k), high.max(k))
    })
}

/// How many keys have each digit, for each of the first `passes` digits. (Loops over every
/// item live in functions of their own, called again and again: see the note on optimizing
/// in `profile/mod.rs`.)
#[inline(never)]
fn digit_counts<T>(items: &[T], key: &impl Fn(&T) -> u64, passes: usize) -> Vec<[usize; BUCKETS]> {
    let mut counts = vec![[0usize; BUCKETS]; passes];
    for item in items {
        let k = key(item);
        for (pass, c) in counts.iter_mut().enumerate() {
            c[digit(k, pass)] += 1;
        }
    }
    counts
}

/// One pass: each item to its digit's next slot (`starts` holds each digit's first slot).
#[inline(never)]
fn scatter<T: Copy>(items: &[T], out: &mut [T], starts: &mut [usize; BUCKETS], pass: usize, key: &impl Fn(&T) -> u64) {
    for item in items {
        let d = digit(key(item), pass);
        out[starts[d]] = *item;
        starts[d] += 1;
    }
}

fn digit(key: u64, pass: usize) -> usize {
    ((key >> (pass as u32 * DIGIT_BITS)) as usize) & (BUCKETS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_numbers_like_a_comparison_sort() {
        let mut state = 7u64;
        let mut values: Vec<f64> = (0..5000)
            .map(|i| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let x = (state >> 11) as f64 / (1u64 << 53) as f64 * 2000.0 - 1000.0;
                [x, -0.0, 0.0, f64::INFINITY, f64::NEG_INFINITY, 1e-310, (x * 3.0).round()][i % 7]
            })
            .collect();
        let mut expected = values.clone();
        expected.sort_by(f64::total_cmp);
        sort_by_key(&mut values, |&x| f64_key(x));
        assert_eq!(
            values.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            expected.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
        let mut ints: Vec<i64> = (0..2000).map(|i| (i * 7919 % 2001) - 1000).chain([i64::MIN, i64::MAX]).collect();
        let mut sorted = ints.clone();
        sorted.sort_unstable();
        sort_by_key(&mut ints, |&x| i64_key(x));
        assert_eq!(ints, sorted);
    }

    #[test]
    fn sorts_keys_within_a_narrow_range_and_equal_keys() {
        let mut ints: Vec<i64> = (0..3000).map(|i| (i * 7919 % 10_001) - 5000).collect();
        let mut sorted = ints.clone();
        sorted.sort_unstable();
        sort_by_key(&mut ints, |&x| i64_key(x));
        assert_eq!(ints, sorted);
        let mut same = [(7u64, 1), (7, 0), (7, 2)].repeat(300);
        let before = same.clone();
        sort_by_key(&mut same, |p| p.0);
        assert_eq!(same, before);
    }

    #[test]
    fn counts_integers_in_a_narrow_range() {
        let mut state = 3u64;
        let mut next = |span: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (state >> 33) % span
        };
        let narrow: Vec<i64> = (0..5000).map(|_| next(4000) as i64 - 2000).collect();
        let ids: Vec<i64> = (1..=5000).rev().collect();
        let extremes: Vec<i64> = (0..5000).map(|i| [i64::MIN, i64::MAX, 0][i % 3]).collect();
        let wide: Vec<i64> = (0..5000).map(|_| next(1 << 40) as i64 - (1 << 39)).collect();
        let small = vec![5, -3, 5, 0];
        for values in [narrow, ids, extremes, wide, small] {
            let mut expected = values.clone();
            expected.sort_unstable();
            let mut narrowed: Vec<i32> =
                values.iter().map(|&x| x.clamp(i32::MIN.into(), i32::MAX.into()) as i32).collect();
            let mut sorted = values;
            sort_integers(&mut sorted);
            assert_eq!(sorted, expected);
            let mut expected: Vec<i32> = narrowed.clone();
            expected.sort_unstable();
            sort_integers(&mut narrowed);
            assert_eq!(narrowed, expected);
        }
    }

    #[test]
    fn keeps_equal_keys_in_order() {
        let mut pairs: Vec<(u64, usize)> = (0..1000).map(|i| ((i % 3) as u64, i)).collect();
        sort_by_key(&mut pairs, |p| p.0);
        assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1)));
    }
}
