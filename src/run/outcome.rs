//! How each check of a case ended: held, failed with what the check found, or errored
//! with why it could not be made, each cause with its own type. `Display` gives the one
//! line reports print after the check's name.

use std::fmt;

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
}

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
}
