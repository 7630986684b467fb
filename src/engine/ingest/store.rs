//! The typed buffer a column's values go into as they stream by, and the switches between
//! buffers that lose nothing (integers to numbers, dates to datetimes).

use super::levels::Levels;
use crate::engine::base::cells::dates::Orders;
use crate::engine::base::cells::datetimes::Temporal;
use crate::engine::base::cells::numbers::Number;
use crate::engine::base::dates::MS_PER_DAY;
use crate::engine::base::table::{Integers, Nullable, Numbers};

/// Which buffer a column's values go into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Missing,
    Integers,
    Numbers,
    Booleans,
    Days,
    Millis,
    /// Coded text, plain past this many distinct values.
    Levels(usize),
    Texts,
}

/// A column's values so far.
#[derive(Debug)]
pub enum Store {
    /// Only missing values so far: their count.
    Missing(usize),
    Integers(Integers),
    Numbers(Numbers),
    Booleans(Vec<Option<bool>>),
    /// Days since 1970-01-01.
    Days(Nullable<i32>),
    /// Milliseconds since 1970-01-01T00:00Z.
    Millis(Nullable<i64>),
    Levels(Levels),
    /// Not kept, only counted: the column is read again once its kind is known.
    Reread(usize),
}

/// One cell's value, to append to a store of the matching shape.
pub enum Value<'a> {
    Missing,
    /// Kept as an integer or as a number, by the store.
    Number(Number),
    Integer(i64),
    Boolean(bool),
    /// Kept as a UTC day or as milliseconds, read in the given order.
    Temporal(Temporal, Orders),
    Text(&'a str),
}

fn filled<T: Clone>(missing: usize, value: T, capacity: usize) -> Vec<T> {
    let mut v = Vec::with_capacity(capacity.max(missing));
    v.resize(missing, value);
    v
}

impl Store {
    /// An empty store of `shape` holding `missing` missing values, with room for `capacity`.
    pub fn new(shape: Shape, missing: usize, capacity: usize) -> Self {
        match shape {
            Shape::Missing => Store::Missing(missing),
            Shape::Integers => Store::Integers(Integers::missing(missing, capacity)),
            Shape::Numbers => Store::Numbers(Numbers::missing(missing, capacity)),
            Shape::Booleans => Store::Booleans(filled(missing, None, capacity)),
            Shape::Days => Store::Days(Nullable::missing(missing, capacity)),
            Shape::Millis => Store::Millis(Nullable::missing(missing, capacity)),
            Shape::Levels(max) => Store::Levels(Levels::coded(max, missing, capacity)),
            Shape::Texts => Store::Levels(Levels::plain(missing, capacity)),
        }
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            Store::Missing(n) | Store::Reread(n) => *n,
            Store::Integers(v) => v.len(),
            Store::Numbers(v) => v.len(),
            Store::Booleans(v) => v.len(),
            Store::Days(v) => v.len(),
            Store::Millis(v) => v.len(),
            Store::Levels(l) => l.len(),
        }
    }

    /// Appends a value; a value of another shape than the store's is appended as missing.
    #[inline]
    pub fn push(&mut self, value: Value) {
        match (self, value) {
            (Store::Numbers(v), Value::Number(n)) => v.push(n.value),
            (Store::Integers(v), Value::Number(n)) => v.push(n.integer),
            (Store::Integers(v), Value::Integer(i)) => v.push(Some(i)),
            (Store::Booleans(v), Value::Boolean(b)) => v.push(Some(b)),
            (Store::Days(v), Value::Temporal(t, order)) => v.push(t.utc_day(order)),
            (Store::Millis(v), Value::Temporal(t, order)) => v.push(t.millis(order)),
            (Store::Levels(l), Value::Text(s)) => l.push(Some(s)),
            (Store::Missing(n) | Store::Reread(n), _) => *n += 1,
            (Store::Numbers(v), _) => v.push(f64::NAN),
            (Store::Integers(v), _) => v.push(None),
            (Store::Millis(v), _) => v.push(None),
            (Store::Booleans(v), _) => v.push(None),
            (Store::Days(v), _) => v.push(None),
            (Store::Levels(l), _) => l.push(None),
        }
    }

    /// Integers as numbers, exactly as `str::parse` reads them (so not when one was `-0`).
    pub fn integers_to_numbers(&mut self) {
        if let Store::Integers(v) = self {
            let mut numbers = Numbers::with_capacity(v.capacity());
            v.iter().for_each(|i| numbers.push(i.map_or(f64::NAN, |i| i as f64)));
            *self = Store::Numbers(numbers);
        }
    }

    /// Days as milliseconds at midnight.
    pub fn days_to_millis(&mut self) {
        if let Store::Days(v) = self {
            *self = Store::Millis(v.map(|d| i64::from(d) * MS_PER_DAY));
        }
    }

    /// Stops keeping values: the column will be read again.
    pub fn drop_values(&mut self) {
        *self = Store::Reread(self.len());
    }
}
