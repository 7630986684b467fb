//! Text and category steps: they rewrite labels. A category column stays a category (levels
//! that become equal merge), a text column stays text.

mod case;
mod spellings;
mod merge;
mod rare;
mod replace;
mod trim;

pub use case::{ChangeCase, LetterCase};
pub use spellings::{distinct_values, propose_spelling_groups, SpellingGroup, SpellingKey, ClusterSpellings, ValueCount};
pub use merge::{Merge, MergeCategories};
pub use rare::{GroupRare, GroupRareFitted, KeptValues, RareRule};
pub use replace::FindReplace;
pub use trim::TrimWhitespace;

use crate::engine::base::error::Result;
use super::values::{map_labels, update_column};
use crate::engine::base::table::Table;

/// `table` with every label of `columns` passed through `f`.
fn map_columns(mut table: Table, columns: &[String], f: impl Fn(&str) -> String) -> Result<Table> {
    for name in columns {
        update_column(&mut table, name, |data| map_labels(data, |label| Some(f(label))))?;
    }
    Ok(table)
}
