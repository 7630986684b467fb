//! The Leptos user interface (in progress).
