//! Sift: a data-prep and machine-learning workbench that runs entirely in the browser.
//!
//! - [`engine`]: pure data logic (ingest, profile, recipe, learn, artifact), native-testable.
//! - [`worker`]: the message protocol and the job runner that owns the data.
//! - [`client`]: the page's state and decisions (recipe history, session replay, the job
//!   queue), plain Rust compiled natively and on wasm.
//! - `ui`: the Leptos view (wasm only); it asks the worker for everything it shows.

pub mod client;
pub mod engine;
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub mod ui;
