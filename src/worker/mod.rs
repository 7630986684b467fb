//! The worker: owns the loaded tables and runs engine jobs for the UI.
//!
//! [`protocol`] is the message contract (plain serde types, native-testable);
//! [`dataset`] reads files into datasets (appending files with the same columns);
//! [`samples`] lists the bundled sample datasets;
//! [`workspace`] answers requests with the engine; [`runtime`] wires it to a Web Worker,
//! which starts a helper worker (`helper_client`, `helper_serve`) to read half of a large
//! file's columns on the second core.

pub mod dataset;
pub mod learn_jobs;
pub mod predict_jobs;
pub mod protocol;
pub mod recipe_jobs;
pub mod samples;
pub mod warm_up;
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub mod file_stream;
#[cfg(target_arch = "wasm32")]
pub mod helper_client;
#[cfg(target_arch = "wasm32")]
pub mod helper_serve;
#[cfg(target_arch = "wasm32")]
pub mod runtime;
