//! One column built while its cells stream by. An inferred column's values go straight into
//! the buffer of its kind so far; when a value widens the kind, the buffer is converted where
//! nothing is lost (integers to numbers, dates to datetimes) and otherwise dropped, to be
//! read again once the column's kind is known. A forced type parses each value as that type.

use super::cells::{trim, CellReader};
use super::decimal::Evidence;
use super::kind::Kind;
use super::lanes::Lane;
use super::levels::MAX_CATEGORY_LEVELS;
use super::store::{Shape, Store, Value};
use crate::engine::base::cells::booleans::{bool_or_digit, parse_bool};
use crate::engine::base::cells::dates::{choose_order, Orders, ANY_ORDER, YMD};
use crate::engine::base::cells::datetimes::Temporal;
use crate::engine::base::cells::numbers::{overflows, parse_number, Number, Shape as NumberShape};
use crate::engine::base::table::ColumnType;

/// How a column is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// As what its values are; the kind of the values so far.
    Infer(Kind),
    /// As the type the user chose, with the date orders of its values so far.
    Force(ColumnType, Orders),
}

/// Numbers written too large for `f64` (`1e309`), read as infinity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overflow {
    /// The line of the first one, and its text.
    pub line: u64,
    pub value: String,
    pub count: usize,
}

/// A column being read.
#[derive(Debug)]
pub struct ColumnBuilder {
    plan: Plan,
    /// The plan's common case, taken quickly.
    lane: Lane,
    store: Store,
    /// The order dates are read in.
    order: Orders,
    day_first: Option<bool>,
    /// Whether an integer was written `-0` (it is `-0.0` as a number, which the integer lost).
    negative_zero: bool,
    /// Values that did not fit a forced type.
    unfit: usize,
    /// Numbers too large for `f64`, read as infinity: the first one's line and text, and the count.
    overflow: Option<Overflow>,
    capacity: usize,
    /// What the cells say about the decimal separator, while it is not settled.
    evidence: Option<Evidence>,
}

impl ColumnBuilder {
    /// A builder following `plan`, with room for `capacity` values; `observe` to gather
    /// evidence of the decimal separator.
    pub fn new(plan: Plan, capacity: usize, day_first: Option<bool>, observe: bool) -> Self {
        ColumnBuilder {
            plan,
            lane: Lane::of(plan),
            store: Store::new(store_shape(plan), 0, capacity),
            order: order_for(plan, day_first),
            day_first,
            negative_zero: false,
            unfit: 0,
            overflow: None,
            capacity,
            evidence: observe.then(Evidence::default),
        }
    }

    /// Appends one cell as written, from file line `line`.
    #[inline]
    pub fn push(&mut self, cell: &str, line: u64, reader: &CellReader) {
        let Some(value) = reader.value(cell) else {
            self.observe(trim(cell));
            return self.store.push(Value::Missing);
        };
        let decimal = if reader.decimal_comma { b',' } else { b'.' };
        if self.lane.push(&mut self.store, &mut self.evidence, cell, value, decimal) {
            return;
        }
        match self.plan {
            Plan::Infer(kind) => self.infer(kind, cell, value, reader.decimal_comma),
            Plan::Force(to, orders) => self.force(to, orders, cell, value, reader.decimal_comma),
        }
        if let Some(overflow) = self.overflow.as_mut().filter(|o| o.line == 0) {
            overflow.line = line;
        }
    }

    /// The plan the column followed, and whether its values must be read again with it.
    pub fn plan(&self) -> (Plan, bool) {
        (self.plan, matches!(self.store, Store::Reread(_)))
    }

    /// What the cells said about the decimal separator.
    pub fn evidence(&self) -> Option<&Evidence> {
        self.evidence.as_ref()
    }

    /// The plan, the values, the count of unfit values and the numbers read as infinity
    /// because they were too large.
    pub fn into_parts(self) -> (Plan, Store, usize, Option<Overflow>) {
        (self.plan, self.store, self.unfit, self.overflow)
    }

    /// Counts `n` (read from `value`) when it is infinite only for being too large; the first
    /// one's line is filled in by [`ColumnBuilder::push`].
    fn note_overflow(&mut self, n: &Number, value: &str) {
        if overflows(n, value) {
            let first = Overflow { line: 0, value: value.to_string(), count: 0 };
            self.overflow.get_or_insert(first).count += 1;
        }
    }

    fn observe(&mut self, value: &str) {
        if let Some(evidence) = &mut self.evidence {
            evidence.observe(value);
        }
    }

    /// Observes a value read as a number, from how it was written where that tells enough.
    fn observe_number(&mut self, n: &Number, value: &str) {
        match (&mut self.evidence, n.shape) {
            (Some(evidence), NumberShape::Other) => evidence.observe(value),
            (Some(evidence), shape) => evidence.observe_shape(shape, value),
            (None, _) => {}
        }
    }

    fn infer(&mut self, kind: Kind, cell: &str, value: &str, decimal_comma: bool) {
        match kind {
            Kind::Text => {
                self.observe(value);
                self.store.push(Value::Text(cell));
            }
            Kind::Empty => {
                self.widen(kind, Kind::of(value, decimal_comma));
                if let Plan::Infer(next) = self.plan {
                    self.infer(next, cell, value, decimal_comma);
                }
            }
            Kind::Integer { .. } | Kind::Number { .. } => match parse_number(value, decimal_comma) {
                Some(n) => {
                    self.observe_number(&n, value);
                    self.negative_zero |= n.integer == Some(0) && value.starts_with('-');
                    self.fit(kind, Kind::of_number(&n));
                    self.note_overflow(&n, value);
                    self.store.push(Value::Number(n));
                }
                None => self.not_fitting(kind, value),
            },
            // Booleans and dates never tell a decimal separator: nothing to observe.
            Kind::Boolean => match parse_bool(value) {
                Some(b) => self.store.push(Value::Boolean(b)),
                None => self.not_fitting(kind, value),
            },
            Kind::Date(_) | Kind::DateTime { .. } => match Temporal::parse(value) {
                Some(t) => {
                    self.fit(kind, Kind::of_temporal(&t));
                    self.store.push(Value::Temporal(t, self.order));
                }
                None => self.not_fitting(kind, value),
            },
        }
    }

    /// A value of another family than the column's so far: the column becomes text.
    fn not_fitting(&mut self, kind: Kind, value: &str) {
        self.observe(value);
        self.fit(kind, Kind::Text);
        self.store.push(Value::Missing); // only counted: the values were dropped
    }

    /// Widens the column's kind to fit a value of kind `value`.
    #[inline]
    fn fit(&mut self, kind: Kind, value: Kind) {
        if value != kind {
            let next = kind.join(value);
            if next != kind {
                self.widen(kind, next);
            }
        }
    }

    /// Moves from `kind` to the wider `next`, keeping the values where nothing is lost.
    fn widen(&mut self, kind: Kind, next: Kind) {
        self.plan = Plan::Infer(next);
        self.lane = Lane::of(self.plan);
        let order = order_for(self.plan, self.day_first);
        let same_order = order == self.order;
        self.order = order;
        if matches!(self.store, Store::Reread(_)) {
            return;
        }
        match (kind, next) {
            (Kind::Empty, _) => self.store = Store::new(store_shape(self.plan), self.store.len(), self.capacity),
            (Kind::Integer { .. }, Kind::Number { .. }) if !self.negative_zero => self.store.integers_to_numbers(),
            (Kind::Integer { .. }, Kind::Integer { .. }) | (Kind::Number { .. }, Kind::Number { .. }) => {}
            (Kind::Date(_), Kind::DateTime { .. }) if same_order => self.store.days_to_millis(),
            (Kind::Date(_), Kind::Date(_)) | (Kind::DateTime { .. }, Kind::DateTime { .. }) if same_order => {}
            _ => self.store.drop_values(),
        }
    }

    fn force(&mut self, to: ColumnType, orders: Orders, cell: &str, value: &str, decimal_comma: bool) {
        let fitted = match to {
            ColumnType::Number | ColumnType::Integer => {
                let number = parse_number(value, decimal_comma);
                match &number {
                    Some(n) => self.observe_number(n, value),
                    None => self.observe(value),
                }
                let integer = to == ColumnType::Integer;
                if let Some(n) = number.filter(|_| !integer) {
                    self.note_overflow(&n, value);
                }
                number.and_then(|n| if integer { n.whole().map(Value::Integer) } else { Some(Value::Number(n)) })
            }
            ColumnType::Boolean => bool_or_digit(value).map(Value::Boolean),
            ColumnType::Date | ColumnType::DateTime => Temporal::parse(value).and_then(|t| {
                if orders & t.orders != orders {
                    self.narrow(to, orders & t.orders);
                }
                t.utc_day(self.order).map(|_| Value::Temporal(t, self.order))
            }),
            ColumnType::Category | ColumnType::Text => {
                self.observe(value);
                Some(Value::Text(cell))
            }
        };
        if fitted.is_none() {
            self.unfit += 1;
            if matches!(to, ColumnType::Boolean | ColumnType::Date | ColumnType::DateTime) {
                self.observe(value);
            }
        }
        self.store.push(fitted.unwrap_or(Value::Missing));
    }

    /// Narrows a forced date column's orders; when that changes the order read in, the
    /// values so far are dropped, to be read again.
    fn narrow(&mut self, to: ColumnType, orders: Orders) {
        self.plan = Plan::Force(to, orders);
        self.lane = Lane::of(self.plan);
        let order = order_for(self.plan, self.day_first);
        if order != self.order {
            self.order = order;
            self.store.drop_values();
        }
    }
}

/// The order a plan's dates are read in.
fn order_for(plan: Plan, day_first: Option<bool>) -> Orders {
    choose_order(date_orders(plan), day_first).0
}

/// The date orders a plan's values fit so far (ISO when there is no date at all).
pub fn date_orders(plan: Plan) -> Orders {
    match plan {
        Plan::Infer(Kind::Date(o) | Kind::DateTime { orders: o, .. }) => o,
        Plan::Force(_, o) if o != ANY_ORDER => o,
        _ => YMD,
    }
}

/// The buffer a plan's values go into.
fn store_shape(plan: Plan) -> Shape {
    match plan {
        Plan::Infer(kind) => match kind {
            Kind::Empty => Shape::Missing,
            Kind::Boolean => Shape::Booleans,
            Kind::Integer { .. } => Shape::Integers,
            Kind::Number { .. } => Shape::Numbers,
            Kind::Date(_) => Shape::Days,
            Kind::DateTime { .. } => Shape::Millis,
            Kind::Text => Shape::Levels(MAX_CATEGORY_LEVELS),
        },
        Plan::Force(to, _) => match to {
            ColumnType::Number => Shape::Numbers,
            ColumnType::Integer => Shape::Integers,
            ColumnType::Boolean => Shape::Booleans,
            ColumnType::Date => Shape::Days,
            ColumnType::DateTime => Shape::Millis,
            ColumnType::Category => Shape::Levels(usize::MAX),
            ColumnType::Text => Shape::Texts,
        },
    }
}
