//! Whole numbers that may be missing, kept in a narrow type while every value fits it and in
//! the wide type otherwise: integer columns as `i32` (half the room of `i64`: ids, counts and
//! years all fit), category codes as `u8` (a quarter of `u32`) while there are at most 256
//! levels. Values always read and write as the wide type, so which form a column has never
//! changes what it holds.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::nullable::{self, Nullable};

/// An integer column's values.
pub type Integers = Compact<i32>;

/// A category column's codes, each indexing its levels.
pub type Codes = Compact<u8>;

/// Values of the wide type `N::Wide`, each present or missing, stored as `N` while they all fit.
#[derive(Clone)]
pub struct Compact<N: Widths>(Repr<N>);

#[derive(Clone)]
enum Repr<N: Widths> {
    Narrow(Nullable<N>),
    Wide(Nullable<N::Wide>),
}

/// The two types a [`Compact`] can store, the narrow one convertible to the wide one.
pub trait Widths: Copy + Default + TryFrom<Self::Wide> {
    type Wide: Copy + Default + From<Self>;
}

impl Widths for i32 {
    type Wide = i64;
}

impl Widths for u8 {
    type Wide = u32;
}

impl<N: Widths> Compact<N> {
    /// No values.
    pub fn new() -> Self {
        Self::with_capacity(0)
    }

    /// No values, with room for `capacity`.
    pub fn with_capacity(capacity: usize) -> Self {
        Compact(Repr::Narrow(Nullable::with_capacity(capacity)))
    }

    /// `count` missing values, with room for `capacity` in all.
    pub fn missing(count: usize, capacity: usize) -> Self {
        Compact(Repr::Narrow(Nullable::missing(count, capacity)))
    }

    /// Number of values, missing or not.
    #[inline]
    pub fn len(&self) -> usize {
        match &self.0 {
            Repr::Narrow(v) => v.len(),
            Repr::Wide(v) => v.len(),
        }
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Room for values without growing.
    pub fn capacity(&self) -> usize {
        match &self.0 {
            Repr::Narrow(v) => v.capacity(),
            Repr::Wide(v) => v.capacity(),
        }
    }

    /// Bytes the values and their bitmap take.
    pub fn bytes(&self) -> usize {
        match &self.0 {
            Repr::Narrow(v) => v.bytes(),
            Repr::Wide(v) => v.bytes(),
        }
    }

    /// Gives spare room back.
    pub fn shrink_to_fit(&mut self) {
        match &mut self.0 {
            Repr::Narrow(v) => v.shrink_to_fit(),
            Repr::Wide(v) => v.shrink_to_fit(),
        }
    }

    /// Whether value `i` is missing (`false` past the end).
    #[inline]
    pub fn is_missing(&self, i: usize) -> bool {
        match &self.0 {
            Repr::Narrow(v) => v.is_missing(i),
            Repr::Wide(v) => v.is_missing(i),
        }
    }

    /// Number of missing values.
    pub fn missing_count(&self) -> usize {
        match &self.0 {
            Repr::Narrow(v) => v.missing_count(),
            Repr::Wide(v) => v.missing_count(),
        }
    }

    /// Value `i`; `None` when missing or past the end.
    #[inline]
    pub fn get(&self, i: usize) -> Option<N::Wide> {
        match &self.0 {
            Repr::Narrow(v) => v.get(i).map(N::Wide::from),
            Repr::Wide(v) => v.get(i),
        }
    }

    /// The values as stored narrow, when they are.
    pub fn narrow(&self) -> Option<&Nullable<N>> {
        match &self.0 {
            Repr::Narrow(v) => Some(v),
            Repr::Wide(_) => None,
        }
    }

    /// Appends a value, switching to the wide type for the first that does not fit.
    #[inline]
    pub fn push(&mut self, value: Option<N::Wide>) {
        if let Repr::Narrow(v) = &mut self.0 {
            match value.map(N::try_from) {
                None => return v.push(None),
                Some(Ok(n)) => return v.push(Some(n)),
                Some(Err(_)) => self.widen(),
            }
        }
        if let Repr::Wide(v) = &mut self.0 {
            v.push(value);
        }
    }

    /// Sets value `i` (which must exist), switching to the wide type if it does not fit.
    pub fn set(&mut self, i: usize, value: Option<N::Wide>) {
        if let Repr::Narrow(v) = &mut self.0 {
            match value.map(N::try_from) {
                None => return v.set(i, None),
                Some(Ok(n)) => return v.set(i, Some(n)),
                Some(Err(_)) => self.widen(),
            }
        }
        if let Repr::Wide(v) = &mut self.0 {
            v.set(i, value);
        }
    }

    /// Switches to the wide type, keeping the room reserved.
    #[cold]
    fn widen(&mut self) {
        if let Repr::Narrow(v) = &self.0 {
            let mut wide = Nullable::with_capacity(v.capacity());
            wide.extend(v.iter().map(|x| x.map(N::Wide::from)));
            self.0 = Repr::Wide(wide);
        }
    }

    /// The values in order, `None` where missing.
    pub fn iter(&self) -> Iter<'_, N> {
        match &self.0 {
            Repr::Narrow(v) => Iter::Narrow(v.iter()),
            Repr::Wide(v) => Iter::Wide(v.iter()),
        }
    }

    /// The values present, in order.
    pub fn present(&self) -> impl Iterator<Item = N::Wide> + '_ {
        self.iter().flatten()
    }

    /// Values `indices`, in that order.
    pub fn take(&self, indices: &[usize]) -> Self {
        match &self.0 {
            Repr::Narrow(v) => Compact(Repr::Narrow(v.take(indices))),
            Repr::Wide(v) => Compact(Repr::Wide(v.take(indices))),
        }
    }

    /// Values `indices`, in that order; `None` gives a missing value.
    pub fn take_optional(&self, indices: &[Option<usize>]) -> Self {
        match &self.0 {
            Repr::Narrow(v) => Compact(Repr::Narrow(v.take_optional(indices))),
            Repr::Wide(v) => Compact(Repr::Wide(v.take_optional(indices))),
        }
    }
}

impl<N: Widths> Default for Compact<N> {
    fn default() -> Self {
        Self::new()
    }
}

/// The values of a [`Compact`], as the wide type, `None` where missing.
#[derive(Clone)]
pub enum Iter<'a, N: Widths> {
    Narrow(nullable::Iter<'a, N>),
    Wide(nullable::Iter<'a, N::Wide>),
}

impl<N: Widths> Iterator for Iter<'_, N> {
    type Item = Option<N::Wide>;

    #[inline]
    fn next(&mut self) -> Option<Option<N::Wide>> {
        match self {
            Iter::Narrow(v) => v.next().map(|x| x.map(N::Wide::from)),
            Iter::Wide(v) => v.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Iter::Narrow(v) => v.size_hint(),
            Iter::Wide(v) => v.size_hint(),
        }
    }

    /// Chooses the form once for the whole walk (`for_each`, `sum`, `flatten`… go through
    /// here), not once a value.
    fn fold<B, F: FnMut(B, Option<N::Wide>) -> B>(self, init: B, mut f: F) -> B {
        match self {
            Iter::Narrow(v) => v.fold(init, |acc, x| f(acc, x.map(N::Wide::from))),
            Iter::Wide(v) => v.fold(init, f),
        }
    }
}

impl<N: Widths> DoubleEndedIterator for Iter<'_, N> {
    fn next_back(&mut self) -> Option<Option<N::Wide>> {
        match self {
            Iter::Narrow(v) => v.next_back().map(|x| x.map(N::Wide::from)),
            Iter::Wide(v) => v.next_back(),
        }
    }
}

impl<N: Widths> ExactSizeIterator for Iter<'_, N> {}

impl<'a, N: Widths> IntoIterator for &'a Compact<N> {
    type Item = Option<N::Wide>;
    type IntoIter = Iter<'a, N>;

    fn into_iter(self) -> Iter<'a, N> {
        self.iter()
    }
}

impl<N: Widths> FromIterator<Option<N::Wide>> for Compact<N> {
    /// Narrow while the values allow it.
    fn from_iter<I: IntoIterator<Item = Option<N::Wide>>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut column = Self::with_capacity(iter.size_hint().0);
        column.extend(iter);
        column
    }
}

impl<N: Widths> Extend<Option<N::Wide>> for Compact<N> {
    fn extend<I: IntoIterator<Item = Option<N::Wide>>>(&mut self, iter: I) {
        iter.into_iter().for_each(|v| self.push(v));
    }
}

impl<N: Widths> From<Vec<Option<N::Wide>>> for Compact<N> {
    fn from(values: Vec<Option<N::Wide>>) -> Self {
        values.into_iter().collect()
    }
}

impl<N: Widths> PartialEq for Compact<N>
where
    N::Wide: PartialEq,
{
    /// Value by value, whichever form each side has.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<N: Widths> std::fmt::Debug for Compact<N>
where
    N::Wide: std::fmt::Debug,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<N: Widths> Serialize for Compact<N>
where
    N::Wide: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, N: Widths> Deserialize<'de> for Compact<N>
where
    N::Wide: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Option<N::Wide>>::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn integers() -> impl Strategy<Value = Option<i64>> {
        proptest::option::of(prop_oneof![
            -1000i64..1000,
            Just(i64::from(i32::MAX)),
            Just(i64::from(i32::MIN)),
            any::<i64>()
        ])
    }

    proptest! {
        #[test]
        fn holds_what_was_pushed(values in proptest::collection::vec(integers(), 0..300), at in any::<prop::sample::Index>(), to in integers()) {
            let mut column: Integers = values.iter().copied().collect();
            let fits = values.iter().flatten().all(|&x| i32::try_from(x).is_ok());
            prop_assert_eq!(column.narrow().is_some(), fits);
            prop_assert_eq!(column.iter().collect::<Vec<_>>(), values.clone());
            prop_assert_eq!(column.iter().rev().collect::<Vec<_>>(), values.iter().rev().copied().collect::<Vec<_>>());
            prop_assert_eq!(column.missing_count(), values.iter().filter(|v| v.is_none()).count());
            let reversed: Vec<usize> = (0..values.len()).rev().collect();
            prop_assert_eq!(column.take(&reversed).iter().collect::<Vec<_>>(), values.iter().rev().copied().collect::<Vec<_>>());
            let json = serde_json::to_string(&column).unwrap();
            prop_assert_eq!(&json, &serde_json::to_string(&values).unwrap());
            prop_assert_eq!(serde_json::from_str::<Integers>(&json).unwrap(), column.clone());
            if !values.is_empty() {
                let i = at.index(values.len());
                column.set(i, to);
                let mut expected = values.clone();
                expected[i] = to;
                prop_assert_eq!(column.iter().collect::<Vec<_>>(), expected);
            }
        }
    }

    #[test]
    fn codes_stay_one_byte_up_to_256_levels() {
        let few: Codes = (0..=255).map(Some).chain([None]).collect();
        assert_eq!((few.narrow().map(Nullable::len), few.bytes()), (Some(257), 257 + 5 * 8));
        let many: Codes = [Some(3), None, Some(256)].into_iter().collect();
        assert!(many.narrow().is_none());
        assert_eq!(many.iter().collect::<Vec<_>>(), [Some(3), None, Some(256)]);
        let mut starting_missing = Integers::missing(2, 4);
        starting_missing.push(Some(1 << 40));
        assert_eq!(starting_missing.iter().collect::<Vec<_>>(), [None, None, Some(1 << 40)]);
    }
}
