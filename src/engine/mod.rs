//! The engine: pure data logic with no browser dependency.
//!
//! File bytes → [`ingest`] → [`table::Table`] → [`profile`] → report;
//! table + [`recipe`] → prepared table; [`train`] runs [`learn`] and builds an [`artifact`].

pub mod artifact;
pub mod auto_steps;
pub mod cells;
pub mod column_bytes;
pub mod combine;
pub mod compact;
pub mod dates;
pub mod error;
pub mod export;
pub mod features;
pub mod fixes;
pub mod format;
pub mod ingest;
pub mod learn;
pub mod nullable;
pub mod params;
pub mod number_column;
pub mod profile;
pub mod recipe;
pub mod stats;
pub mod table;
pub mod train;
pub mod vector;

pub use error::{Error, ErrorKind, Result};
