//! The one error type of the learning layer: a plain-language message.

use std::fmt;

/// The message of a job the user cancelled.
pub const CANCELLED: &str = "cancelled";

/// Why learning, predicting or scoring could not be done, in words a user understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnError(pub String);

impl LearnError {
    /// An error with `message`.
    pub fn new(message: impl Into<String>) -> Self {
        LearnError(message.into())
    }

    /// The error of a cancelled job.
    pub fn cancelled() -> Self {
        LearnError(CANCELLED.into())
    }

    /// The message with each "feature N" (1-based, how this layer names a column of the
    /// matrix it knows no names for) replaced by `'name'`, the column's name in `names`: what
    /// the table layer shows the user.
    pub fn naming_features(self, names: &[String]) -> String {
        const WORD: &str = "feature ";
        let mut out = String::with_capacity(self.0.len());
        let mut rest = self.0.as_str();
        while let Some(at) = rest.find(WORD) {
            let digits = rest[at + WORD.len()..].bytes().take_while(u8::is_ascii_digit).count();
            let named = rest[at + WORD.len()..at + WORD.len() + digits].parse::<usize>().ok().and_then(|k| names.get(k.checked_sub(1)?));
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

    /// Whether the job was cancelled rather than failed.
    pub fn is_cancelled(&self) -> bool {
        self.0 == CANCELLED
    }
}

impl fmt::Display for LearnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LearnError {}

impl From<LearnError> for String {
    fn from(e: LearnError) -> String {
        e.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_named() {
        let names = vec!["a".to_string(), "bill_depth_mm".to_string()];
        let e = LearnError::new("feature 2 has the same value in every row; feature 3 too; no features");
        assert_eq!(e.naming_features(&names), "'bill_depth_mm' has the same value in every row; feature 3 too; no features");
    }
}
