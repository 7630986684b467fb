//! SQL text for the two dialects Sift writes (DuckDB and Spark SQL): quoting names and
//! strings, and number literals that both engines read as the exact same `DOUBLE`.
//!
//! Steps and algorithms translate themselves into expressions built with these (each in its
//! own `sql.rs` next to its fit and apply); the statement around them is assembled in
//! `engine::artifact::sql`.

use crate::engine::base::table::ColumnType;

/// The SQL engine a statement is written for (`"duckdb"` or `"spark"` in JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// DuckDB: the embedded default.
    DuckDb,
    /// Spark SQL: the distributed engine.
    Spark,
}

impl Dialect {
    /// Both dialects, in the order they are offered.
    pub const ALL: [Dialect; 2] = [Dialect::DuckDb, Dialect::Spark];

    /// The lower-case name used on the command line: `duckdb` or `spark`.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Spark => "spark",
        }
    }

    /// The dialect called `name` (case-insensitive).
    pub fn parse(name: &str) -> Option<Dialect> {
        let wanted = name.trim().to_ascii_lowercase();
        Dialect::ALL.into_iter().find(|d| d.name() == wanted)
    }

    /// A column or table name, quoted so that any name (spaces, quotes, keywords) is read as
    /// itself: `"a ""b"""` in DuckDB, `` `a ``b` `` in Spark.
    pub fn ident(self, name: &str) -> String {
        match self {
            Dialect::DuckDb => format!("\"{}\"", name.replace('"', "\"\"")),
            Dialect::Spark => format!("`{}`", name.replace('`', "``")),
        }
    }

    /// A string literal. Spark reads backslashes in literals as escapes, so they are escaped
    /// there; DuckDB reads them as themselves.
    pub fn string(self, text: &str) -> String {
        match self {
            Dialect::DuckDb => format!("'{}'", text.replace('\'', "''")),
            Dialect::Spark => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'")),
        }
    }

    /// A `DOUBLE` literal equal to `x`, bit for bit: the shortest round-trip digits in
    /// exponent form (`1.5e0`), which both engines read as a double (a plain `1.5` would be
    /// a `DECIMAL`). NaN is `NULL` (Sift's missing value); infinities are cast from text.
    pub fn number(self, x: f64) -> String {
        if x.is_nan() {
            "CAST(NULL AS DOUBLE)".into()
        } else if x.is_infinite() {
            let text = if x > 0.0 { "Infinity" } else { "-Infinity" };
            format!("CAST('{text}' AS DOUBLE)")
        } else {
            format!("{x:e}")
        }
    }

    /// The SQL type that holds a column of Sift's type `column_type`.
    pub fn type_name(self, column_type: ColumnType) -> &'static str {
        match (self, column_type) {
            (_, ColumnType::Number) => "DOUBLE",
            (_, ColumnType::Integer) => "BIGINT",
            (_, ColumnType::Boolean) => "BOOLEAN",
            (Dialect::DuckDb, ColumnType::Category | ColumnType::Text) => "VARCHAR",
            (Dialect::Spark, ColumnType::Category | ColumnType::Text) => "STRING",
            (_, ColumnType::Date) => "DATE",
            (_, ColumnType::DateTime) => "TIMESTAMP",
        }
    }
}

/// A fitted model's predictions as SQL expressions over its input features.
#[derive(Clone, Debug, PartialEq)]
pub enum ModelSql {
    /// A classifier: the expression of each class's probability (or score), in the model's
    /// class order, and the predicted class as a 0-based class index (`BIGINT`), which must
    /// pick the class `sift predict` picks (ties included).
    Classes { class_index: String, probabilities: Option<Vec<String>> },
    /// A regressor: the predicted number (`DOUBLE`).
    Value(String),
    /// A clustering model: the cluster number (`BIGINT`, from 0).
    Cluster(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip_as_exponent_literals() {
        for x in [0.0, -0.0, 1.0, 0.1, -2.5e-300, 1.0 / 3.0, f64::MAX, f64::MIN_POSITIVE, 123456789.0] {
            let text = Dialect::DuckDb.number(x);
            assert!(text.contains('e'), "{text}");
            assert_eq!(text.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{text}");
        }
        assert_eq!(Dialect::Spark.number(f64::NAN), "CAST(NULL AS DOUBLE)");
    }

    #[test]
    fn names_and_strings_are_quoted_per_dialect() {
        assert_eq!(Dialect::DuckDb.ident("a \"b\""), "\"a \"\"b\"\"\"");
        assert_eq!(Dialect::Spark.ident("a `b`"), "`a ``b```");
        assert_eq!(Dialect::DuckDb.string("it's \\n"), "'it''s \\n'");
        assert_eq!(Dialect::Spark.string("it's \\n"), "'it\\'s \\\\n'");
        assert_eq!(Dialect::parse(" Spark "), Some(Dialect::Spark));
    }
}
