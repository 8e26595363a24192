//! The checks of an answered case: status, JSON, schema, saved example and the scripts'
//! own assertions, then the verdict and the one redaction pass.

use super::case::{Answered, Judge};
use super::outcome::{CaseError, CheckOutcome, ScriptFailure};
use super::redaction::seal;
use super::result::{CaseResult, Verdict};
use crate::check::{Answer, Check, Expectation, FailedAssertion, FailedAssertions, Failure, judge};
use crate::collection::SchemaOverride;
use crate::script::{Assertion, AssertionStatus};

impl Answered<'_> {
    /// Checks the answer (status, schema, example, scripts' assertions) and redacts the
    /// result.
    pub(super) fn judge(self, run: &Judge<'_>) -> CaseResult {
        let Answered {
            mut result,
            step,
            spec,
            url_path,
            call,
            redactor,
            script_errors,
        } = self;
        let Judge {
            schemas,
            schema_files,
            compare,
        } = *run;
        let status = call.response.status;
        let expectation = Expectation::derive(
            step.config.expect.as_deref(),
            step.examples.iter().filter_map(|e| e.code),
        );
        let schema = match step.config.schema_override(status) {
            Some(SchemaOverride::None) => None,
            Some(SchemaOverride::File(p)) => schema_files.get(p),
            None => schemas.for_response(&url_path, status),
        };
        let example = step
            .examples
            .iter()
            .find(|e| e.code == Some(status))
            .and_then(|e| e.body.as_deref());
        let answer = Answer {
            status,
            content_type: call.response.header("content-type"),
            body: &call.response.body,
        };
        let judgement = judge(answer, &expectation, schema, example, compare);
        result
            .checks
            .extend(judgement.checks.into_iter().map(|(c, f)| (c, f.into())));
        if let Some(check) = scripts_check(&result.assertions, &script_errors) {
            result.checks.push(check);
        }
        result.schema = judgement.schema;
        result.expectation = Some(expectation);
        result.verdict = verdict(&result.checks);
        result.request = Some(spec);
        result.call = Some(call);
        seal(result, &redactor)
    }
}

/// The outcome of the collection's own scripts, if it has any.
fn scripts_check(
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

/// Error beats failure beats pass.
fn verdict(checks: &[(Check, CheckOutcome)]) -> Verdict {
    if checks
        .iter()
        .any(|(_, o)| matches!(o, CheckOutcome::Errored(_)))
    {
        Verdict::Error
    } else if checks
        .iter()
        .any(|(_, o)| matches!(o, CheckOutcome::Failed(_)))
    {
        Verdict::Failed
    } else {
        Verdict::Passed
    }
}
