//! The error of the learning layer is the engine's [`Error`](crate::engine::error::Error):
//! `LearnError::new(message)` makes one of kind [`Model`](crate::engine::error::ErrorKind::Model),
//! and a cancelled job is one of kind [`Cancelled`](crate::engine::error::ErrorKind::Cancelled).

pub use crate::engine::error::CANCELLED;

/// Why learning, predicting or scoring could not be done, in words a user understands.
pub type LearnError = crate::engine::error::Error;
