//! pmcheck: a conformance test harness for Postman collections.
//!
//! The pipeline is `collection` (load and plan) → `vars` (scopes and templates) →
//! `request` (build a fully rendered [`request::RequestSpec`]) → `http` (send it and
//! record the [`http::Call`]) → `run` (results as data) → `report` (consumers).

pub mod check;
pub mod collection;
mod conformance;
pub mod coverage;
pub mod exit;
pub mod file_error;
pub mod http;
pub mod lint;
pub mod redact;
pub mod report;
pub mod request;
pub mod run;
pub mod script;
pub mod session;
pub mod vars;

// The integration tests' local HTTP test server, shared with the unit tests.
#[cfg(test)]
#[path = "../tests/common/mod.rs"]
pub(crate) mod test_server;

pub use conformance::{
    Conformance, DATA_VAR, ITERATIONS_VAR, JSON_VAR, JUNIT_VAR, ReportError, SEED_VAR, TARGET_VAR,
};
