//! The Postman script sandbox: pre-request and test scripts run in QuickJS (through
//! `rquickjs`) with Postman's `pm` API, the legacy globals and chai's `expect`, under a
//! wall-clock, memory and stack limit.
//!
//! One [`Sandbox`] (a QuickJS runtime) per worker thread; one [`FlowContext`] per flow,
//! reused by every script of the flow; [`FlowContext::run`] runs the scripts of one event.

mod chai;
mod clock;
mod cookie_natives;
mod engine;
mod errors;
mod event;
mod legacy;
mod library;
mod limits;
mod outcome;
mod pm;

pub use engine::{FlowContext, Sandbox};
pub use limits::{ScriptCaps, ScriptLimits};
pub use library::{ModulesError, ScriptModules};
pub(crate) use library::{Required, is_supported, required};
pub use event::{ScriptEvent, ScriptHost, ScriptInfo, ScriptKind, ScriptRequest, ScriptResponse};
pub use outcome::{
    Assertion, AssertionStatus, ConsoleLine, NextRequest, ScriptError, ScriptOutcome,
};

#[cfg(test)]
mod async_tests;
#[cfg(test)]
mod bounded_tests;
#[cfg(test)]
mod chai_postman_tests;
#[cfg(test)]
mod engine_tests;
#[cfg(test)]
mod corpus_tests;
#[cfg(test)]
mod hostile_tests;
