//! The engine: pure data logic with no browser dependency, in layers (ARCHITECTURE.md).
//!
//! File bytes → [`ingest`] → [`base::table::Table`] → [`profile`] → report → [`fixes`];
//! table + [`recipe`] → prepared table → [`features`] → matrix → [`learn`];
//! [`train`] runs them all and builds the model document, an [`artifact`].
//!
//! **The layer rule: a module imports only modules of lower layers**, so the top-level
//! modules form no cycle (`tests/engine_layers.rs` checks it on the source):
//!
//! | layer | modules |
//! |---|---|
//! | 0 | [`base`]: the table and its storage, dates, cells, formatting, errors, params, statistics, progress |
//! | 1 | [`learn`]: matrices in, fitted models out (no tables) |
//! | 2 | [`ingest`], [`profile`], [`recipe`], [`combine`], [`export`], [`features`]: work on tables |
//! | 3 | [`artifact`] (the model document, predict), [`fixes`] (an alert's one-click step) |
//! | 4 | [`train`]: split, prepare, fit, validate, evaluate, explain; [`stream`]: files of any size, a part at a time |

pub mod base;

pub mod learn;

pub mod combine;
pub mod export;
pub mod features;
pub mod ingest;
pub mod profile;
pub mod recipe;

pub mod artifact;
pub mod fixes;

pub mod stream;
pub mod train;

pub use base::error::{Error, ErrorKind, Result};
