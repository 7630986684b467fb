//! The error of the learning layer is the engine's [`Error`](crate::engine::base::error::Error):
//! `LearnError::new(message)` makes one of kind [`Model`](crate::engine::base::error::ErrorKind::Model),
//! and a cancelled job is one of kind [`Cancelled`](crate::engine::base::error::ErrorKind::Cancelled).

pub use crate::engine::base::error::CANCELLED;

/// Why learning, predicting or scoring could not be done, in words a user understands.
pub type LearnError = crate::engine::base::error::Error;
