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
pub mod export;
pub mod learn;
pub mod lint;
pub mod report;
pub mod run;
pub mod session;

// The stages behind it. With the `internals` feature (for the benchmarks only) they are
// public, and not part of the interface.
macro_rules! stages {
    ($($stage:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $stage;
        #[cfg(not(feature = "internals"))]
        pub(crate) mod $stage;
    )*};
}
stages!(
    check,
    collection,
    crypto_provider,
    file_error,
    http,
    infer,
    openapi,
    redact,
    request,
    script,
    vars,
);

// The entry points of the fuzz targets (`fuzz/`), replayed by the unit tests on the inputs
// kept in `tests/fuzz-regressions/`.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod fuzzing;
#[cfg(all(test, not(feature = "internals")))]
mod fuzzing;

// The integration tests' local HTTP test server, shared with the unit tests.
#[cfg(test)]
#[path = "../tests/common/mod.rs"]
pub(crate) mod test_server;

pub use infer::{InferError, InferOptions, Inference, Written};

pub use conformance::{
    Conformance, DATA_VAR, HTML_VAR, ITERATIONS_VAR, JSON_VAR, JUNIT_VAR, ReportError, SEED_VAR,
    TARGET_VAR,
};
