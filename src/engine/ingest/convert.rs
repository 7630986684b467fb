//! A finished column: its typed values, and notes for the report on how they were read.

use super::builder::{date_orders, ColumnBuilder, Plan};
use super::kind::Kind;
use super::store::Store;
use crate::engine::base::cells::dates::choose_order;
use crate::engine::base::dates::MS_PER_DAY;
use crate::engine::base::table::{ColumnData, ColumnType, Integers, Nullable, Numbers};

/// A typed column with notes for the report.
pub struct Converted {
    pub data: ColumnData,
    pub notes: Vec<String>,
    /// Values that did not fit a forced type.
    pub unfit: usize,
}

/// The column a builder holds once every cell was pushed (and none must be read again).
pub fn finish(builder: ColumnBuilder, day_first: Option<bool>) -> Converted {
    let (plan, store, unfit, overflow) = builder.into_parts();
    let mut notes = Vec::new();
    let inferred = matches!(plan, Plan::Infer(_));
    if let Plan::Infer(Kind::Integer { grouped: true } | Kind::Number { grouped: true, .. }) = plan {
        notes.push("thousands separators removed".to_string());
    }
    match plan {
        Plan::Infer(Kind::Number { percent: true, .. }) => {
            notes.push("percent values kept as numbers (12% → 12)".into())
        }
        Plan::Infer(Kind::Date(_) | Kind::DateTime { .. })
        | Plan::Force(ColumnType::Date | ColumnType::DateTime, _) => {
            notes.extend(choose_order(date_orders(plan), day_first).1);
        }
        _ => {}
    }
    let midnight = matches!(plan, Plan::Infer(Kind::DateTime { midnight: true, .. }));
    if midnight {
        notes.push("datetimes are all at midnight; read as dates".into());
    }
    let data = match store {
        Store::Missing(n) | Store::Reread(n) => ColumnData::Number(Numbers::missing(n, n)),
        Store::Integers(v) => ColumnData::Integer(trimmed(v)),
        Store::Numbers(v) => ColumnData::Number(trimmed(v)),
        Store::Booleans(v) => ColumnData::Boolean(trimmed(v)),
        Store::Days(v) => ColumnData::Date(trimmed(v)),
        Store::Millis(v) if midnight => ColumnData::Date(v.map(|ms| ms.div_euclid(MS_PER_DAY) as i32)),
        Store::Millis(v) => ColumnData::DateTime(trimmed(v)),
        Store::Levels(levels) => levels.finish(inferred),
    };
    if let (Some(o), ColumnData::Number(_)) = (&overflow, &data) {
        let more = match o.count - 1 {
            0 => String::new(),
            1 => " (and 1 more value)".to_string(),
            n => format!(" (and {n} more values)"),
        };
        notes
            .push(format!("'{}' on line {} is too large for a number and was read as infinity{more}", o.value, o.line));
    }
    if let (Plan::Force(to, _), 1..) = (plan, unfit) {
        notes.push(format!(
            "{unfit} value{} did not fit the type {} and {} made missing",
            if unfit == 1 { "" } else { "s" },
            to.name(),
            if unfit == 1 { "was" } else { "were" }
        ));
    }
    Converted { data, notes, unfit }
}

/// A buffer whose spare room can be given back.
trait Spare {
    fn len(&self) -> usize;
    fn capacity(&self) -> usize;
    fn shrink_to_fit(&mut self);
}

macro_rules! spare {
    ($([$($generics:tt)*] $t:ty),*) => {$(
        impl<$($generics)*> Spare for $t {
            fn len(&self) -> usize { <$t>::len(self) }
            fn capacity(&self) -> usize { <$t>::capacity(self) }
            fn shrink_to_fit(&mut self) { <$t>::shrink_to_fit(self) }
        }
    )*};
}
spare!([T: Copy + Default] Vec<T>, [T: Copy + Default] Nullable<T>, [] Numbers, [] Integers);

/// The values without spare capacity (a row estimate may have been generous).
fn trimmed<V: Spare>(mut v: V) -> V {
    if roomy(v.len(), v.capacity()) {
        v.shrink_to_fit();
    }
    v
}

/// Whether a buffer has more spare room than is worth keeping.
fn roomy(len: usize, capacity: usize) -> bool {
    capacity > len + len / 64
}
