//! pmcheck: a conformance test harness for Postman collections.
//!
//! Use it from a `tests/*.rs` of your own with [`Conformance`] (one test per request, for
//! `cargo test`), or run a [`session::Session`] with [`run::run`] and hand its
//! [`run::RunEvent`]s to the [`report`]ers, as the `pmcheck` binary does. The pipeline
//! behind them (load and plan → session → flow engine → reports) is described in
//! `docs/architecture.md`.

// The library's interface: what a user's `tests/*.rs` (the `Conformance` builder) and the
// `pmcheck` binary (sessions, runs, events, reporters, lint, exit codes) need.
mod conformance;
pub mod coverage;
pub mod exit;
pub mod lint;
pub mod report;
pub mod run;
pub mod session;

// The stages behind it. With the `internals` feature (for the hot-path benchmarks only)
// they are public, and not part of the interface.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod check;
#[cfg(not(feature = "internals"))]
pub(crate) mod check;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod collection;
#[cfg(not(feature = "internals"))]
pub(crate) mod collection;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod file_error;
#[cfg(not(feature = "internals"))]
pub(crate) mod file_error;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod http;
#[cfg(not(feature = "internals"))]
pub(crate) mod http;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod infer;
#[cfg(not(feature = "internals"))]
pub(crate) mod infer;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod openapi;
#[cfg(not(feature = "internals"))]
pub(crate) mod openapi;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod redact;
#[cfg(not(feature = "internals"))]
pub(crate) mod redact;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod request;
#[cfg(not(feature = "internals"))]
pub(crate) mod request;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod script;
#[cfg(not(feature = "internals"))]
pub(crate) mod script;
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod vars;
#[cfg(not(feature = "internals"))]
pub(crate) mod vars;

// The integration tests' local HTTP test server, shared with the unit tests.
#[cfg(test)]
#[path = "../tests/common/mod.rs"]
pub(crate) mod test_server;

pub use infer::{InferError, InferOptions, Inference, Written};

pub use conformance::{
    Conformance, DATA_VAR, ITERATIONS_VAR, JSON_VAR, JUNIT_VAR, ReportError, SEED_VAR, TARGET_VAR,
};
