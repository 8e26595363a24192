//! How each check of a case ended: held, failed with what the check found, or errored
//! with why it could not be made, each cause with its own type. `Display` gives the one
//! line reports print after the check's name.

use std::fmt;

use super::stop::Stopped;
use super::token::TokenError;
use crate::check::{Check, FailedAssertion, FailedAssertions, Failure, Finding, NotJson};
use crate::http::SendError;
use crate::request::BuildError;
use crate::script::{Assertion, AssertionStatus, ScriptError, ScriptKind};

/// How one check ended.
#[derive(Debug, Clone)]
pub enum CheckOutcome {
    /// It held.
    Passed,
    /// The target did not conform.
    Failed(Failure),
    /// It could not be judged.
    Errored(CaseError),
}

impl fmt::Display for CheckOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckOutcome::Passed => f.write_str("passed"),
            CheckOutcome::Failed(failure) => failure.fmt(f),
            CheckOutcome::Errored(error) => error.fmt(f),
        }
    }
}

impl From<Finding> for CheckOutcome {
    fn from(finding: Finding) -> Self {
        match finding {
            Finding::Held => CheckOutcome::Passed,
            Finding::Failed(failure) => CheckOutcome::Failed(failure),
            Finding::NotJson(n) => CheckOutcome::Errored(CaseError::NotJson(n)),
        }
    }
}

/// Why a case could not be made or judged; each cause keeps its own type.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CaseError {
    /// The request could not be built.
    #[error(transparent)]
    Build(BuildError),
    /// The OAuth2 token the request needs could not be fetched.
    #[error(transparent)]
    Token(TokenError),
    /// The request could not be sent or its answer not read.
    #[error(transparent)]
    Send(SendError),
    /// The body is not JSON where a schema or a saved example needs it to be.
    #[error(transparent)]
    NotJson(NotJson),
    /// A script of the collection did not finish.
    #[error(transparent)]
    Script(ScriptFailure),
    /// The flow's `setNextRequest` jumps went round until the cap on repeats stopped them.
    #[error(transparent)]
    Loop(LoopStopped),
    /// The run stopped while the case ran: the `--timeout` deadline cut its request or a
    /// script, or a signal came before its request was sent.
    #[error(transparent)]
    Stopped(Stopped),
}

/// Requests of a stopped loop named in its message; the rest are counted.
const LOOP_NAMES_SHOWN: usize = 5;

/// A `setNextRequest` loop that the cap on repeats cut off: the flow ran its requests
/// `runs` times in all, at most `per_request` times for each of its requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopStopped {
    /// Executions of the flow's requests before the cap stopped it.
    pub runs: usize,
    /// The cap: executions allowed per request of the flow.
    pub per_request: usize,
    /// The requests the loop went between (each that ran more than once), in flow order.
    pub requests: Vec<LoopedRequest>,
}

/// One request of a stopped loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopedRequest {
    /// Folders and request, `folder › request` (` #2` on a second same-named request).
    pub name: String,
    /// How many times it ran.
    pub runs: usize,
}

impl fmt::Display for LoopStopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "setNextRequest loop stopped after {} runs (the cap: {} per request of the flow):",
            self.runs, self.per_request
        )?;
        for (i, r) in self.requests.iter().take(LOOP_NAMES_SHOWN).enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            write!(f, "{sep}'{}' ran {} times", r.name, r.runs)?;
        }
        if self.requests.len() > LOOP_NAMES_SHOWN {
            write!(
                f,
                " and {} more requests",
                self.requests.len() - LOOP_NAMES_SHOWN
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for LoopStopped {}

/// A script of the collection did not finish: it threw, timed out, ran out of memory or
/// used an API the sandbox does not offer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} script: {error}", event_name(*.event))]
pub struct ScriptFailure {
    /// The event whose scripts failed.
    pub event: ScriptKind,
    /// What happened.
    pub error: ScriptError,
}

/// An event's name in texts: `pre-request` or `test`.
fn event_name(event: ScriptKind) -> &'static str {
    match event {
        ScriptKind::PreRequest => "pre-request",
        ScriptKind::Test => "test",
    }
}

/// The outcome of the collection's own scripts, if it has any.
pub(super) fn scripts_check(
    assertions: &[Assertion],
    errors: &[ScriptFailure],
) -> Option<(Check, CheckOutcome)> {
    if let Some(e) = errors.first() {
        return Some((
            Check::Scripts,
            CheckOutcome::Errored(CaseError::Script(e.clone())),
        ));
    }
    if assertions.is_empty() {
        return None;
    }
    let failed: Vec<FailedAssertion> = assertions
        .iter()
        .filter_map(|a| match &a.status {
            AssertionStatus::Failed(m) => Some(FailedAssertion {
                name: a.name.clone(),
                message: m.clone(),
            }),
            _ => None,
        })
        .collect();
    Some((
        Check::Scripts,
        if failed.is_empty() {
            CheckOutcome::Passed
        } else {
            CheckOutcome::Failed(Failure::Assertions(FailedAssertions {
                failed,
                total: assertions.len(),
            }))
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_failures_name_their_event() {
        let script = CaseError::Script(ScriptFailure {
            event: ScriptKind::PreRequest,
            error: ScriptError::Unsupported {
                what: "require('fs')".into(),
            },
        });
        assert_eq!(
            script.to_string(),
            "pre-request script: not supported: require('fs')"
        );
    }

    #[test]
    fn a_stopped_loop_names_its_requests_and_counts() {
        let looped = |names: &[&str]| LoopStopped {
            runs: 300,
            per_request: 100,
            requests: names
                .iter()
                .map(|n| LoopedRequest {
                    name: n.to_string(),
                    runs: 100,
                })
                .collect(),
        };
        assert_eq!(
            looped(&["F › poll"]).to_string(),
            "setNextRequest loop stopped after 300 runs (the cap: 100 per request of the flow): \
             'F › poll' ran 100 times"
        );
        let many = looped(&["a", "b", "c", "d", "e", "f", "g"]).to_string();
        assert!(
            many.ends_with("'e' ran 100 times and 2 more requests"),
            "{many}"
        );
    }
}
