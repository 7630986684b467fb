//! The client layer: the page's state and decisions, as plain Rust that `cargo test` runs.
//!
//! Sift has four layers, each using only the ones before it:
//!
//! - **engine** (`crate::engine`): pure data logic — ingest, profile, recipe, learn, the model
//!   document. No browser, no async.
//! - **worker** (`crate::worker`): owns the loaded tables in a Web Worker and runs engine jobs;
//!   [`crate::worker::protocol`] is the message contract between it and the page.
//! - **client** (this module): what the page remembers and decides, without touching the
//!   browser — the recipe's undo history ([`history`]), what to replay after the worker
//!   restarts ([`session`]), the saved session a reload restores ([`saved_session`]), the Train stage's choices as data ([`train_form`]), a link to a whole setup ([`setup_link`]) and the job queue with the worker's restart rules ([`jobs`]).
//!   It uses the engine's and the protocol's types, never `web-sys` or Leptos, so it compiles
//!   natively and on wasm alike.
//! - **ui** (`crate::ui`, wasm only): Leptos components and the worker's `postMessage` glue.
//!   It draws the client's state and carries out its decisions (a [`jobs::Action`] becomes a
//!   posted message, a started worker or a callback); what is worth a test is decided here.
//!
//! Tests of this layer live in `tests/client.rs`.

pub mod history;
pub mod jobs;
pub mod saved_session;
pub mod session;
pub mod setup_link;
pub mod train_form;
