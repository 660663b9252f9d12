//! Rungs core: the journal of pairing sessions, feedback and learnings, tied to a
//! career ladder. Everything the desktop app and the `rungs` CLI do lives here, once;
//! both are thin shells over [`Journal`].
//!
//! SQLite (see [`store`]) is the only source of truth.

pub mod clock;
pub mod demo;
pub mod error;
pub mod journal;
pub mod ladder;
pub mod paths;
pub mod render;
pub mod report;
pub mod search;
pub mod store;
pub mod suggest;
pub mod transfer;

pub mod cli;

pub use error::{Error, ErrorPayload, Result};
pub use journal::Journal;
