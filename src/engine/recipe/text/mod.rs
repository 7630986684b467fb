//! Text and category steps: they rewrite labels. A category column stays a category (levels
//! that become equal merge), a text column stays text.

mod case;
mod merge;
mod rare;
mod replace;
mod spellings;
mod trim;

pub use case::{ChangeCase, LetterCase};
pub use merge::{Merge, MergeCategories};
pub use rare::{GroupRare, GroupRareFitted, KeptValues, RareRule};
pub use replace::FindReplace;
pub use spellings::{
    distinct_values, propose_spelling_groups, ClusterSpellings, SpellingGroup, SpellingKey, ValueCount,
};
pub use trim::TrimWhitespace;

use super::values::{map_labels, update_column};
use crate::engine::base::error::Result;
use crate::engine::base::table::Table;

/// `table` with every label of `columns` passed through `f`.
fn map_columns(mut table: Table, columns: &[String], f: impl Fn(&str) -> String) -> Result<Table> {
    for name in columns {
        update_column(&mut table, name, |data| map_labels(data, |label| Some(f(label))))?;
    }
    Ok(table)
}
