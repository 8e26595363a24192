//! What a script run did.

use std::time::Duration;

/// The result of running the scripts of one event.
#[derive(Debug, Clone, Default)]
pub struct ScriptOutcome {
    /// `pm.test` and `tests["…"]` results, in order.
    pub assertions: Vec<Assertion>,
    /// Captured console output (capped by [`super::ScriptCaps`], lines of at most
    /// [`super::MAX_TEXT`] bytes).
    pub console: Vec<ConsoleLine>,
    /// `postman.setNextRequest` / `pm.execution.setNextRequest` (last call wins).
    pub next_request: Option<NextRequest>,
    /// `pm.execution.skipRequest()` was called in a pre-request script.
    pub skip_request: bool,
    /// The first error of the run: exception, timeout, out of memory, unsupported API.
    pub error: Option<ScriptError>,
}

/// One named assertion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assertion {
    /// The test name.
    pub name: String,
    /// Passed, failed (with chai's message) or skipped.
    pub status: AssertionStatus,
}

/// Result of one assertion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssertionStatus {
    /// The assertion held.
    Passed,
    /// The assertion failed: chai-style message (or the message of the exception thrown).
    Failed(String),
    /// `pm.test.skip` or `pm.test` without a function.
    Skipped,
}

/// Where the run should go next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextRequest {
    /// Jump to the request with this name.
    Name(String),
    /// `setNextRequest(null)`: stop the run after this request.
    Stop,
}

/// One captured console call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleLine {
    /// `log`, `info`, `warn`, `error` or `debug`.
    pub level: String,
    /// Arguments joined with spaces (objects as JSON).
    pub text: String,
}

/// Why a script did not finish normally.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScriptError {
    /// The script threw (syntax errors included).
    #[error("script error: {message}")]
    Exception {
        /// `Name: message` of the thrown value.
        message: String,
        /// The JavaScript stack, when known.
        stack: Option<String>,
    },
    /// The script ran past its wall-clock limit.
    #[error("script timed out after {limit:?}")]
    Timeout {
        /// The limit.
        limit: Duration,
    },
    /// The script ran out of memory.
    #[error("script ran out of memory (limit {limit} bytes)")]
    OutOfMemory {
        /// The limit in bytes.
        limit: usize,
    },
    /// The script recursed too deep.
    #[error("script exceeded the stack limit")]
    StackOverflow,
    /// The script used an API the sandbox does not offer.
    #[error("not supported: {what}")]
    Unsupported {
        /// What was asked for, e.g. `require('fs')`.
        what: String,
    },
    /// The engine itself failed.
    #[error("script engine error: {0}")]
    Engine(String),
}
