//! The values of a number column, stored compactly when they allow it: numbers written with a
//! few decimals (`5.5576`, `0.27322799`, `-12.5`) are kept as whole multiples of a power of
//! ten in an `i32` (4 bytes and a bit a value instead of 8), and as `f64` otherwise. A value
//! is only kept as a decimal when dividing it back gives the very same `f64`, so which form a
//! column has never changes what it holds. Missing values read as `NaN`, as before.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::nullable::{self, Nullable};

/// Most decimals a value kept as a decimal may have.
const MAX_SCALE: usize = 9;

/// `10^k` for each scale, exact in `f64`.
const POWERS: [f64; MAX_SCALE + 1] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/// A number column's values; `NaN` is a missing value.
#[derive(Clone)]
pub struct Numbers(Repr);

#[derive(Clone)]
enum Repr {
    Floats(Vec<f64>),
    /// Value `i` is `units[i] / 10^scale`.
    Decimals {
        units: Nullable<i32>,
        scale: usize,
    },
}

/// `x` as a whole number of `10^-scale`, when that gives `x` back exactly (never `-0.0`,
/// infinities or `NaN`).
#[inline(always)]
fn as_units(x: f64, scale: usize) -> Option<i32> {
    let p = POWERS[scale];
    let u = (x * p).round_ties_even();
    (u.abs() <= f64::from(i32::MAX) && u / p == x && !(u == 0.0 && x.is_sign_negative())).then_some(u as i32)
}

impl Numbers {
    /// No values.
    pub fn new() -> Self {
        Self::with_capacity(0)
    }

    /// No values, with room for `capacity`.
    pub fn with_capacity(capacity: usize) -> Self {
        Numbers(Repr::Decimals { units: Nullable::with_capacity(capacity), scale: 0 })
    }

    /// `count` missing values, with room for `capacity` in all.
    pub fn missing(count: usize, capacity: usize) -> Self {
        Numbers(Repr::Decimals { units: Nullable::missing(count, capacity), scale: 0 })
    }

    /// Number of values, missing or not.
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Floats(v) => v.len(),
            Repr::Decimals { units, .. } => units.len(),
        }
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes the values take.
    pub fn bytes(&self) -> usize {
        match &self.0 {
            Repr::Floats(v) => v.len() * size_of::<f64>(),
            Repr::Decimals { units, .. } => units.bytes(),
        }
    }

    /// Value `i`; `NaN` when missing or past the end.
    #[inline]
    pub fn at(&self, i: usize) -> f64 {
        match &self.0 {
            Repr::Floats(v) => v.get(i).copied().unwrap_or(f64::NAN),
            Repr::Decimals { units, scale } => units.get(i).map_or(f64::NAN, |u| f64::from(u) / POWERS[*scale]),
        }
    }

    /// Whether value `i` is missing (`NaN`); `true` past the end.
    pub fn is_missing(&self, i: usize) -> bool {
        self.at(i).is_nan()
    }

    /// The values in order, `NaN` where missing.
    pub fn iter(&self) -> Iter<'_> {
        match &self.0 {
            Repr::Floats(v) => Iter::Floats(v.iter()),
            Repr::Decimals { units, scale } => Iter::Decimals { units: units.iter(), divisor: POWERS[*scale] },
        }
    }

    /// The values as `f64`s, borrowed when they are stored so.
    pub fn floats(&self) -> Cow<'_, [f64]> {
        match &self.0 {
            Repr::Floats(v) => Cow::Borrowed(v),
            Repr::Decimals { .. } => Cow::Owned(self.iter().collect()),
        }
    }

    /// The values as `f64`s.
    pub fn into_floats(self) -> Vec<f64> {
        match self.0 {
            Repr::Floats(v) => v,
            Repr::Decimals { .. } => self.iter().collect(),
        }
    }

    /// The values as whole numbers of units and what a unit's count is divided by to give
    /// the value (`10^scale`), when stored so.
    pub fn decimals(&self) -> Option<(&Nullable<i32>, f64)> {
        match &self.0 {
            Repr::Floats(_) => None,
            Repr::Decimals { units, scale } => Some((units, POWERS[*scale])),
        }
    }

    /// Writes values `start..start + out.len()` into `out` (`NaN` where missing or past the end).
    pub fn fill(&self, start: usize, out: &mut [f64]) {
        match &self.0 {
            Repr::Floats(v) => {
                let from = v.get(start..).unwrap_or_default();
                let n = from.len().min(out.len());
                out[..n].copy_from_slice(&from[..n]);
                out[n..].fill(f64::NAN);
            }
            Repr::Decimals { .. } => out.iter_mut().enumerate().for_each(|(k, o)| *o = self.at(start + k)),
        }
    }

    /// Appends a value (`NaN` for a missing one). The column stays decimal while the value is
    /// a decimal that fits, raising its scale when the value has more decimals than those before.
    #[inline]
    pub fn push(&mut self, x: f64) {
        if let Repr::Decimals { units, scale } = &mut self.0 {
            if x.is_nan() {
                return units.push(None);
            }
            if let Some(u) = as_units(x, *scale) {
                return units.push(Some(u));
            }
            if self.rescale_for(x) {
                return self.push(x);
            }
            self.widen();
        }
        if let Repr::Floats(v) = &mut self.0 {
            v.push(x);
        }
    }

    /// Raises the scale to the fewest decimals `x` needs, if the values so far still fit;
    /// whether it could.
    #[cold]
    fn rescale_for(&mut self, x: f64) -> bool {
        let Repr::Decimals { units, scale } = &mut self.0 else { return false };
        let Some(needed) = (*scale + 1..=MAX_SCALE).find(|&s| as_units(x, s).is_some()) else { return false };
        let factor = 10i32.pow((needed - *scale) as u32);
        let Some(raised) = units.values().iter().map(|u| u.checked_mul(factor)).collect::<Option<Vec<i32>>>() else {
            return false;
        };
        let mut rescaled = Nullable::with_capacity(units.capacity());
        rescaled.extend(raised.into_iter().enumerate().map(|(i, u)| (!units.is_missing(i)).then_some(u)));
        *units = rescaled;
        *scale = needed;
        true
    }

    /// Switches to `f64` storage.
    #[cold]
    fn widen(&mut self) {
        if let Repr::Decimals { units, .. } = &self.0 {
            let mut floats = Vec::with_capacity(units.capacity());
            floats.extend(self.iter());
            self.0 = Repr::Floats(floats);
        }
    }

    /// Gives spare room back.
    pub fn shrink_to_fit(&mut self) {
        match &mut self.0 {
            Repr::Floats(v) => v.shrink_to_fit(),
            Repr::Decimals { units, .. } => units.shrink_to_fit(),
        }
    }

    /// Room for values without growing.
    pub fn capacity(&self) -> usize {
        match &self.0 {
            Repr::Floats(v) => v.capacity(),
            Repr::Decimals { units, .. } => units.capacity(),
        }
    }

    /// Values `indices`, in that order.
    pub fn take(&self, indices: &[usize]) -> Self {
        match &self.0 {
            Repr::Floats(v) => {
                Numbers(Repr::Floats(indices.iter().map(|&i| v.get(i).copied().unwrap_or(f64::NAN)).collect()))
            }
            Repr::Decimals { units, scale } => Numbers(Repr::Decimals { units: units.take(indices), scale: *scale }),
        }
    }

    /// Values `indices`, in that order; `None` gives a missing value.
    pub fn take_optional(&self, indices: &[Option<usize>]) -> Self {
        match &self.0 {
            Repr::Floats(v) => Numbers(Repr::Floats(
                indices.iter().map(|i| i.and_then(|i| v.get(i).copied()).unwrap_or(f64::NAN)).collect(),
            )),
            Repr::Decimals { units, scale } => {
                Numbers(Repr::Decimals { units: units.take_optional(indices), scale: *scale })
            }
        }
    }
}

impl Default for Numbers {
    fn default() -> Self {
        Self::new()
    }
}

/// The values of [`Numbers`], `NaN` where missing.
#[derive(Clone)]
pub enum Iter<'a> {
    Floats(std::slice::Iter<'a, f64>),
    Decimals { units: nullable::Iter<'a, i32>, divisor: f64 },
}

impl Iterator for Iter<'_> {
    type Item = f64;

    #[inline]
    fn next(&mut self) -> Option<f64> {
        match self {
            Iter::Floats(v) => v.next().copied(),
            Iter::Decimals { units, divisor } => units.next().map(|u| u.map_or(f64::NAN, |u| f64::from(u) / *divisor)),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Iter::Floats(v) => v.size_hint(),
            Iter::Decimals { units, .. } => units.size_hint(),
        }
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<f64> {
        match self {
            Iter::Floats(v) => v.next_back().copied(),
            Iter::Decimals { units, divisor } => {
                units.next_back().map(|u| u.map_or(f64::NAN, |u| f64::from(u) / *divisor))
            }
        }
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Numbers {
    type Item = f64;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl FromIterator<f64> for Numbers {
    /// Decimals while the values allow it.
    fn from_iter<I: IntoIterator<Item = f64>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut numbers = Numbers::with_capacity(iter.size_hint().0);
        iter.for_each(|x| numbers.push(x));
        numbers
    }
}

impl From<Vec<f64>> for Numbers {
    /// Kept as `f64`s, as given.
    fn from(values: Vec<f64>) -> Self {
        Numbers(Repr::Floats(values))
    }
}

impl PartialEq for Numbers {
    /// Value by value, as `f64`s compare (so `NaN` equals nothing).
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for Numbers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Numbers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Numbers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<f64>::deserialize(deserializer).map(Numbers::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_bits(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
    }

    proptest! {
        #[test]
        fn gives_back_exactly_what_was_pushed(
            values in proptest::collection::vec(prop_oneof![
                any::<f64>(),
                (-99_999i64..99_999, 0u32..10).prop_map(|(m, d)| format!("{}", m as f64 / 10f64.powi(d as i32)).parse::<f64>().unwrap()),
                (-9_999_999i64..9_999_999, 0usize..9).prop_map(|(m, d)| { let s = format!("{m}"); let (a, b) = s.split_at(s.len().saturating_sub(d)); format!("{a}.{b}0").parse::<f64>().unwrap_or(0.5) }),
                Just(f64::NAN), Just(-0.0), Just(0.0), Just(f64::INFINITY),
            ], 0..200)
        ) {
            let numbers: Numbers = values.iter().copied().collect();
            let back: Vec<f64> = numbers.iter().collect();
            prop_assert!(same_bits(&back, &values), "{back:?} != {values:?}");
            prop_assert!(same_bits(&numbers.iter().rev().collect::<Vec<_>>(), &values.iter().rev().copied().collect::<Vec<_>>()));
            prop_assert!(same_bits(&numbers.floats(), &values));
            let mut block = vec![0.0; values.len() / 2 + 3];
            numbers.fill(values.len() / 3, &mut block);
            let expected: Vec<f64> = (0..block.len()).map(|k| values.get(values.len() / 3 + k).copied().unwrap_or(f64::NAN)).collect();
            prop_assert!(same_bits(&block, &expected));
            let reversed: Vec<usize> = (0..values.len()).rev().collect();
            prop_assert!(same_bits(&numbers.take(&reversed).floats(), &values.iter().rev().copied().collect::<Vec<_>>()));
            let json = serde_json::to_string(&numbers).unwrap();
            prop_assert_eq!(&json, &serde_json::to_string(&values).unwrap());
        }
    }

    #[test]
    fn decimals_stay_compact_and_others_widen() {
        let prices: Numbers = [5.5576, 14.6939, f64::NAN, 0.27322799, -12.5].into_iter().collect();
        let (units, scale) = prices.decimals().expect("written with few decimals");
        assert_eq!((units.get(0), scale), (Some(555_760_000), 1e8));
        assert!(prices.is_missing(2) && prices.at(4) == -12.5);
        let sum: Numbers = [1.0, 0.1 + 0.2].into_iter().collect();
        assert!(sum.decimals().is_none(), "0.30000000000000004 is no short decimal");
        for odd in [-0.0, f64::INFINITY, 3e9, 1e-12] {
            let column: Numbers = [1.5, odd].into_iter().collect();
            assert!(column.decimals().is_none(), "{odd} kept as a decimal");
            assert_eq!(column.at(1).to_bits(), odd.to_bits());
        }
        assert_eq!(Numbers::from(vec![1.5, 2.0]), [1.5, 2.0].into_iter().collect::<Numbers>());
        assert_eq!(Numbers::missing(3, 0).iter().filter(|x| x.is_nan()).count(), 3);
    }
}
