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
