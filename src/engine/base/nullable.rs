//! A column of values that may be missing, stored compactly: the values side by side (a
//! missing one holds `T::default()`) and, once some value is missing, a bitmap of which are.
//! `Vec<Option<i64>>` takes 16 bytes a value and `Vec<Option<u32>>` 8; this takes the
//! value's own size and a bit. It reads and writes as a list of `Option`s.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Values of type `T`, each present or missing.
#[derive(Clone, Default)]
pub struct Nullable<T> {
    values: Vec<T>,
    /// Bit `i % 64` of word `i / 64` is set when value `i` is missing; the words end after
    /// the last missing value (none at all while nothing is missing).
    missing: Vec<u64>,
}

impl<T: Copy + Default> Nullable<T> {
    /// No values.
    pub fn new() -> Self {
        Nullable { values: Vec::new(), missing: Vec::new() }
    }

    /// No values, with room for `capacity`.
    pub fn with_capacity(capacity: usize) -> Self {
        Nullable { values: Vec::with_capacity(capacity), missing: Vec::new() }
    }

    /// `count` missing values, with room for `capacity` in all.
    pub fn missing(count: usize, capacity: usize) -> Self {
        let mut values = Vec::with_capacity(capacity.max(count));
        values.resize(count, T::default());
        let mut missing = vec![u64::MAX; count / 64];
        if !count.is_multiple_of(64) {
            missing.push((1 << (count % 64)) - 1);
        }
        Nullable { values, missing }
    }

    /// Number of values, missing or not.
    #[inline]
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Room for values without growing.
    pub fn capacity(&self) -> usize {
        self.values.capacity()
    }

    /// Bytes the values and their bitmap take.
    pub fn bytes(&self) -> usize {
        self.values.len() * size_of::<T>() + self.missing.len() * size_of::<u64>()
    }

    /// Gives spare room back.
    pub fn shrink_to_fit(&mut self) {
        self.values.shrink_to_fit();
        self.missing.shrink_to_fit();
    }

    /// Whether value `i` is missing (`false` past the end).
    #[inline]
    pub fn is_missing(&self, i: usize) -> bool {
        self.missing.get(i / 64).is_some_and(|word| word >> (i % 64) & 1 == 1)
    }

    /// Value `i`; `None` when missing or past the end.
    #[inline]
    pub fn get(&self, i: usize) -> Option<T> {
        self.values.get(i).copied().filter(|_| !self.is_missing(i))
    }

    /// Appends a value.
    #[inline]
    pub fn push(&mut self, value: Option<T>) {
        match value {
            Some(v) => self.values.push(v),
            None => {
                let i = self.values.len();
                self.values.push(T::default());
                self.mark_missing(i);
            }
        }
    }

    /// Sets value `i` (which must exist).
    pub fn set(&mut self, i: usize, value: Option<T>) {
        match value {
            Some(v) => {
                self.values[i] = v;
                if let Some(word) = self.missing.get_mut(i / 64) {
                    *word &= !(1 << (i % 64));
                }
            }
            None => {
                self.values[i] = T::default();
                self.mark_missing(i);
            }
        }
    }

    fn mark_missing(&mut self, i: usize) {
        if self.missing.len() <= i / 64 {
            self.missing.resize(i / 64 + 1, 0);
        }
        self.missing[i / 64] |= 1 << (i % 64);
    }

    /// Number of missing values.
    pub fn missing_count(&self) -> usize {
        self.missing.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The values as stored, a missing one as `T::default()`.
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// The values in order, `None` where missing.
    pub fn iter(&self) -> Iter<'_, T> {
        Iter { column: self, front: 0, back: self.len() }
    }

    /// The values present, in order.
    pub fn present(&self) -> impl Iterator<Item = T> + '_ {
        self.iter().flatten()
    }

    /// Each value through `f`, missing ones staying missing.
    pub fn map<U: Copy + Default>(&self, mut f: impl FnMut(T) -> U) -> Nullable<U> {
        let values = self
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| if self.is_missing(i) { U::default() } else { f(v) })
            .collect();
        Nullable { values, missing: self.missing.clone() }
    }

    /// Values `indices`, in that order.
    pub fn take(&self, indices: &[usize]) -> Self {
        indices.iter().map(|&i| self.get(i)).collect()
    }

    /// Values `indices`, in that order; `None` gives a missing value.
    pub fn take_optional(&self, indices: &[Option<usize>]) -> Self {
        indices.iter().map(|i| i.and_then(|i| self.get(i))).collect()
    }
}

/// The values of a [`Nullable`], `None` where missing.
#[derive(Clone)]
pub struct Iter<'a, T> {
    column: &'a Nullable<T>,
    front: usize,
    back: usize,
}

impl<T: Copy + Default> Iterator for Iter<'_, T> {
    type Item = Option<T>;

    #[inline]
    fn next(&mut self) -> Option<Option<T>> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.column.get(self.front - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }

    fn nth(&mut self, n: usize) -> Option<Option<T>> {
        self.front = self.front.saturating_add(n).min(self.back);
        self.next()
    }
}

impl<T: Copy + Default> DoubleEndedIterator for Iter<'_, T> {
    fn next_back(&mut self) -> Option<Option<T>> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.column.get(self.back)
        })
    }
}

impl<T: Copy + Default> ExactSizeIterator for Iter<'_, T> {}

impl<'a, T: Copy + Default> IntoIterator for &'a Nullable<T> {
    type Item = Option<T>;
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<T: Copy + Default> FromIterator<Option<T>> for Nullable<T> {
    fn from_iter<I: IntoIterator<Item = Option<T>>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut column = Nullable::with_capacity(iter.size_hint().0);
        column.extend(iter);
        column
    }
}

impl<T: Copy + Default> Extend<Option<T>> for Nullable<T> {
    fn extend<I: IntoIterator<Item = Option<T>>>(&mut self, iter: I) {
        iter.into_iter().for_each(|v| self.push(v));
    }
}

impl<T: Copy + Default> From<Vec<Option<T>>> for Nullable<T> {
    fn from(values: Vec<Option<T>>) -> Self {
        values.into_iter().collect()
    }
}

impl<T: Copy + Default + PartialEq> PartialEq for Nullable<T> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: Copy + Default + std::fmt::Debug> std::fmt::Debug for Nullable<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Copy + Default + Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, T: Copy + Default + Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Option<T>>::deserialize(deserializer).map(Nullable::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn holds_what_was_pushed(values in proptest::collection::vec(proptest::option::of(any::<i64>()), 0..300)) {
            let column: Nullable<i64> = values.iter().copied().collect();
            prop_assert_eq!(column.len(), values.len());
            prop_assert_eq!(column.iter().collect::<Vec<_>>(), values.clone());
            prop_assert_eq!(column.iter().rev().collect::<Vec<_>>(), values.iter().rev().copied().collect::<Vec<_>>());
            prop_assert_eq!(column.missing_count(), values.iter().filter(|v| v.is_none()).count());
            let json = serde_json::to_string(&column).unwrap();
            prop_assert_eq!(&json, &serde_json::to_string(&values).unwrap());
            prop_assert_eq!(serde_json::from_str::<Nullable<i64>>(&json).unwrap(), column);
        }

        #[test]
        fn sets_and_takes(values in proptest::collection::vec(proptest::option::of(0u32..5), 1..200), at in any::<prop::sample::Index>(), to in proptest::option::of(0u32..5)) {
            let mut column: Nullable<u32> = values.clone().into();
            let i = at.index(values.len());
            column.set(i, to);
            let mut expected = values.clone();
            expected[i] = to;
            prop_assert_eq!(column.iter().collect::<Vec<_>>(), expected.clone());
            let reversed: Vec<usize> = (0..values.len()).rev().collect();
            prop_assert_eq!(column.take(&reversed).iter().collect::<Vec<_>>(), expected.iter().rev().copied().collect::<Vec<_>>());
            prop_assert_eq!(column.map(|v| v + 1).iter().collect::<Vec<_>>(), expected.iter().map(|v| v.map(|v| v + 1)).collect::<Vec<_>>());
        }
    }

    #[test]
    fn starts_with_missing_values() {
        for count in [0, 1, 63, 64, 65, 130] {
            let mut column = Nullable::<i32>::missing(count, 10);
            column.push(Some(7));
            assert_eq!(column.missing_count(), count);
            assert_eq!(column.get(count), Some(7));
            assert!((0..count).all(|i| column.get(i).is_none()));
        }
    }

    #[test]
    fn equal_whatever_a_missing_slot_held_before() {
        let mut a: Nullable<i64> = vec![Some(1), Some(2)].into();
        a.set(1, None);
        a.set(1, Some(2));
        assert_eq!(a, vec![Some(1), Some(2)].into());
        assert_eq!(format!("{a:?}"), "[Some(1), Some(2)]");
    }
}
