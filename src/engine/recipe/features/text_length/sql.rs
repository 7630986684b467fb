//! Text length as SQL: characters (Unicode scalar values, as Rust counts `chars`) and words
//! (runs of anything but Unicode white space, as Rust's `split_whitespace`), each a `BIGINT`
//! column after the text; `NULL` for a missing value.

use super::{TextLength, TextMeasure};
use crate::engine::base::sql::Dialect;
use crate::engine::base::table::ColumnType;
use crate::engine::recipe::sql::{insert_after, whole_or_null, SqlColumn, SqlFrame, SqlStep, WHITE_SPACE};

impl TextLength {
    pub(super) fn to_sql(&self, before: &SqlFrame) -> Result<SqlStep, String> {
        let d = before.dialect;
        let word = d.string(&format!("([^{}+)", &WHITE_SPACE[1..]));
        let mut columns = before.unchanged();
        for name in &self.columns {
            let text = before.label(name)?;
            let measures = self
                .measures
                .iter()
                .map(|measure| {
                    let count = match (measure, d) {
                        (TextMeasure::Characters, _) => format!("length({text})"),
                        (TextMeasure::Words, Dialect::DuckDb) => format!("len(regexp_extract_all({text}, {word}, 1))"),
                        (TextMeasure::Words, Dialect::Spark) => format!("size(regexp_extract_all({text}, {word}, 1))"),
                    };
                    let expr = whole_or_null(&text, &count);
                    SqlColumn::new(format!("{name}_{}", measure.suffix()), ColumnType::Integer, expr)
                })
                .collect();
            insert_after(&mut columns, name, measures)?;
        }
        Ok(SqlFrame::step(columns))
    }
}
