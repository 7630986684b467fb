//! The one error type of the learning layer: a plain-language message.

use std::fmt;

/// Why learning, predicting or scoring could not be done, in words a user understands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LearnError(pub String);

impl LearnError {
    /// An error with `message`.
    pub fn new(message: impl Into<String>) -> Self {
        LearnError(message.into())
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
