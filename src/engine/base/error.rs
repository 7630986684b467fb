//! The one error type of the engine: what went wrong for code (a kind, with where when there is
//! a where), and a sentence for people.
//!
//! Every stage reports failures as an [`Error`]: the CLI prints its [`message`](Error::message),
//! the worker sends `{kind, message, line}` to the page, and callers ask the [`kind`](Error::kind)
//! instead of reading the sentence (a cancelled job is [`ErrorKind::Cancelled`], not a word).
//! The sentence is written where the error is made and printed as it is, word for word.
//!
//! ```
//! use sift::engine::base::error::{Error, ErrorKind};
//! let e = Error::missing_column("heigth", "there is no column named 'heigth'; did you mean 'height'?");
//! assert_eq!(e.kind(), &ErrorKind::MissingColumn { name: "heigth".into() });
//! assert_eq!(e.to_string(), "there is no column named 'heigth'; did you mean 'height'?");
//! assert!(Error::cancelled().is_cancelled());
//! ```

use std::borrow::Cow;
use std::fmt;

/// What went wrong, for code to act on; the words for people are in [`Error::message`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The user stopped the job.
    Cancelled,
    /// The file is not CSV text (binary, JSON, XML, empty or without rows).
    NotCsv,
    /// The text encoding chosen for a file is unknown.
    Encoding,
    /// Rows of the file have different numbers of fields; `line` is the first such line (1-based).
    Ragged { line: u64 },
    /// A quote that is not CSV quoting opens on file line `line` (1-based).
    StrayQuote { line: u64 },
    /// There is no column called `name`.
    MissingColumn { name: String },
    /// Column `column` has a type the operation cannot use.
    WrongType { column: String },
    /// A parameter (of a step, a model or a reading option) has a value it cannot take.
    InvalidParam { field: String },
    /// Learning, predicting or scoring could not be done, or a model document is unusable.
    Model,
    /// Anything else.
    Other,
}

impl ErrorKind {
    /// The kind's name in the worker's messages: `"ragged"`, `"missing_column"`, ….
    pub fn name(&self) -> &'static str {
        match self {
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::NotCsv => "not_csv",
            ErrorKind::Encoding => "encoding",
            ErrorKind::Ragged { .. } => "ragged",
            ErrorKind::StrayQuote { .. } => "stray_quote",
            ErrorKind::MissingColumn { .. } => "missing_column",
            ErrorKind::WrongType { .. } => "wrong_type",
            ErrorKind::InvalidParam { .. } => "invalid_param",
            ErrorKind::Model => "model",
            ErrorKind::Other => "other",
        }
    }

    /// The line of the file the error is about (1-based), for kinds that name one.
    pub fn line(&self) -> Option<u64> {
        match self {
            ErrorKind::Ragged { line } | ErrorKind::StrayQuote { line } => Some(*line),
            _ => None,
        }
    }
}

/// Why a stage could not do its work: a [`kind`](Error::kind) for code and a sentence for people.
///
/// It reads as its sentence (`Display`, and `Deref` to `str`, so `e.contains("line 3")` works).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: Cow<'static, str>,
}

/// The error of a job the user cancelled (its sentence is "cancelled").
pub const CANCELLED: Error = Error { kind: ErrorKind::Cancelled, message: Cow::Borrowed("cancelled") };

/// The result of an engine operation; `Result<T, E>` with another error type still reads as usual.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind` saying `message`.
    pub fn of(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: Cow::Owned(message.into()) }
    }

    /// A failure of learning, predicting or scoring ([`ErrorKind::Model`]); what the learning
    /// layer has always written as `LearnError::new(message)`.
    pub fn new(message: impl Into<String>) -> Error {
        Error::of(ErrorKind::Model, message)
    }

    /// An error with no more specific kind ([`ErrorKind::Other`]).
    pub fn other(message: impl Into<String>) -> Error {
        Error::of(ErrorKind::Other, message)
    }

    /// The error of a job the user cancelled.
    pub fn cancelled() -> Error {
        CANCELLED
    }

    /// The file is not CSV text.
    pub fn not_csv(message: impl Into<String>) -> Error {
        Error::of(ErrorKind::NotCsv, message)
    }

    /// The chosen text encoding is unknown.
    pub fn encoding(message: impl Into<String>) -> Error {
        Error::of(ErrorKind::Encoding, message)
    }

    /// Rows of different widths, the first odd one on file line `line`.
    pub fn ragged(line: u64, message: impl Into<String>) -> Error {
        Error::of(ErrorKind::Ragged { line }, message)
    }

    /// A stray quote opening on file line `line`.
    pub fn stray_quote(line: u64, message: impl Into<String>) -> Error {
        Error::of(ErrorKind::StrayQuote { line }, message)
    }

    /// There is no column called `name`.
    pub fn missing_column(name: impl Into<String>, message: impl Into<String>) -> Error {
        Error::of(ErrorKind::MissingColumn { name: name.into() }, message)
    }

    /// Column `column` has a type the operation cannot use.
    pub fn wrong_type(column: impl Into<String>, message: impl Into<String>) -> Error {
        Error::of(ErrorKind::WrongType { column: column.into() }, message)
    }

    /// Parameter `field` has a value it cannot take.
    pub fn invalid_param(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::of(ErrorKind::InvalidParam { field: field.into() }, message)
    }

    /// What went wrong, for code.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The sentence for people.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The sentence, as [`String::as_str`] gives a string's text.
    pub fn as_str(&self) -> &str {
        &self.message
    }

    /// The line of the file the error is about (1-based), when it names one.
    pub fn line(&self) -> Option<u64> {
        self.kind.line()
    }

    /// Whether the job was cancelled rather than failed.
    pub fn is_cancelled(&self) -> bool {
        self.kind == ErrorKind::Cancelled
    }

    /// The same kind with the sentence rewritten by `rewrite` (to add context, or to name a
    /// place the reader knows: a CLI flag instead of a page option).
    pub fn map_message(self, rewrite: impl FnOnce(&str) -> String) -> Error {
        let message = rewrite(&self.message);
        Error { kind: self.kind, message: Cow::Owned(message) }
    }

    /// The same kind with "`prefix`: " before its sentence ("step 2 (…): ", "fold 1 of 5: ").
    pub fn context(self, prefix: impl fmt::Display) -> Error {
        self.map_message(|m| format!("{prefix}: {m}"))
    }

    /// The sentence with each "feature N" (1-based, how the learning layer names a column of
    /// the matrix it knows no names for) replaced by `'name'`, the column's name in `names`:
    /// what the table layer shows the user. The kind stays.
    pub fn naming_features(self, names: &[String]) -> Error {
        self.map_message(|m| name_features(m, names))
    }
}

/// `message` with each "feature N" replaced by `'names[N - 1]'` where there is such a name.
fn name_features(message: &str, names: &[String]) -> String {
    const WORD: &str = "feature ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(WORD) {
        let digits = rest[at + WORD.len()..].bytes().take_while(u8::is_ascii_digit).count();
        let named = rest[at + WORD.len()..at + WORD.len() + digits]
            .parse::<usize>()
            .ok()
            .and_then(|k| names.get(k.checked_sub(1)?));
        out.push_str(&rest[..at]);
        match named {
            Some(name) => out.push_str(&format!("'{name}'")),
            None => out.push_str(&rest[at..at + WORD.len() + digits]),
        }
        rest = &rest[at + WORD.len() + digits..];
    }
    out.push_str(rest);
    out
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl std::ops::Deref for Error {
    type Target = str;

    fn deref(&self) -> &str {
        &self.message
    }
}

/// A plain sentence is an error of no more specific kind ([`ErrorKind::Other`]), so `?` takes
/// the few helpers that still speak in strings.
impl From<String> for Error {
    fn from(message: String) -> Error {
        Error::other(message)
    }
}

impl From<&str> for Error {
    fn from(message: &str) -> Error {
        Error::other(message)
    }
}

impl PartialEq<str> for Error {
    fn eq(&self, other: &str) -> bool {
        self.message == other
    }
}

impl PartialEq<&str> for Error {
    fn eq(&self, other: &&str) -> bool {
        self.message == *other
    }
}

impl PartialEq<String> for Error {
    fn eq(&self, other: &String) -> bool {
        self.message == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_named() {
        let names = vec!["a".to_string(), "bill_depth_mm".to_string()];
        let e = Error::new("feature 2 has the same value in every row; feature 3 too; no features");
        let named = e.naming_features(&names);
        assert_eq!(named.message(), "'bill_depth_mm' has the same value in every row; feature 3 too; no features");
        assert_eq!(named.kind(), &ErrorKind::Model);
    }

    #[test]
    fn context_keeps_the_kind() {
        let e = Error::ragged(7, "line 7 has 3 fields").context("fold 2 of 5");
        assert_eq!((e.message(), e.line()), ("fold 2 of 5: line 7 has 3 fields", Some(7)));
        assert!(Error::cancelled().context("fold 1").is_cancelled());
    }
}
