//! Letter case as SQL: `lower` and `upper` agree with Rust on ASCII letters, so a value with
//! any other character stops the query with a message (the engines map some letters, such as
//! ß or a final Σ, differently). Title case refuses: the engines split words differently.

use super::{ChangeCase, LetterCase};
use crate::engine::recipe::sql::{ascii_only, SqlFrame, SqlStep};

impl ChangeCase {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let function = match self.case {
            LetterCase::Lower => "lower",
            LetterCase::Upper => "upper",
            LetterCase::Title => {
                return Err(
                    "title case has no exact SQL: DuckDB has none and Spark's initcap splits words on spaces only"
                        .into(),
                )
            }
        };
        let why =
            format!("Sift's SQL for changing case ({function}) takes ASCII text only; this value has other characters");
        before.map_labels(&self.columns, |col| Ok(ascii_only(col, &format!("{function}({col})"), &why, before.dialect)))
    }
}
