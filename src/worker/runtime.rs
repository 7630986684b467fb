//! Web Worker runtime (in progress).
