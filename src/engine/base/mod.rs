//! Layer 0: what every other part of the engine stands on. A module here imports only other
//! modules here.
//!
//! The table and its storage forms ([`table`], [`compact`], [`nullable`], [`number_column`],
//! [`column_bytes`], [`vector`]), reading one text cell as a number, date or boolean ([`cells`],
//! [`dates`]), formatting for people ([`format`]), the one error type ([`error`]), the one
//! parameter description ([`params`]), shared statistics ([`stats`]), progress and cancellation
//! ([`progress`]), values still on their way ([`pending`]), SQL text ([`sql`]) and ONNX model files ([`onnx`]).

pub mod cells;
pub mod column_bytes;
pub mod compact;
pub mod dates;
pub mod error;
pub mod format;
pub mod nullable;
pub mod number_column;
pub mod onnx;
pub mod params;
pub mod pending;
pub mod progress;
pub mod sql;
pub mod stats;
pub mod table;
pub mod vector;
