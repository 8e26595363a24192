//! The checks of an answered case: status, JSON, schema, saved example and the scripts'
//! own assertions, then the verdict and the one redaction pass.

use super::case::{Answered, Judge};
use super::outcome::{CheckOutcome, scripts_check};
use super::redaction::seal;
use super::result::{CaseResult, Verdict};
use crate::check::{
    Answer, BodyVerdict, Check, CompareMode, Documented, ExampleCheck, Expectation, Failure,
    Lookup, UndocumentedStatus, UnmatchedOperation, judge,
};
use crate::collection::SchemaOverride;

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
            strict_openapi,
        } = *run;
        let status = call.response.status;
        let expectation = Expectation::derive(
            step.config.expect.as_deref(),
            step.examples.iter().filter_map(|e| e.code),
        );
        let lookup = schemas.lookup(&spec.method, &url_path);
        let found = lookup.responses.and_then(|r| r.for_status(status));
        let content_type = call.response.header("content-type");
        let mut documented = Documented {
            body: found.map_or(BodyVerdict::Unchecked, |(_, r)| r.body(content_type)),
            headers: found.map_or(&[], |(_, r)| r.headers.as_slice()),
            operation: lookup.operation,
            status: found.map(|(k, _)| k),
        };
        match step.config.schema_override(status) {
            Some(SchemaOverride::None) => documented.body = BodyVerdict::Unchecked,
            Some(SchemaOverride::File(p)) => {
                documented.body = schema_files
                    .get(p)
                    .map_or(BodyVerdict::Unchecked, BodyVerdict::Json);
            }
            None => {}
        }
        // Only a comparison parses the examples.
        let examples = if compare == CompareMode::Off {
            Vec::new()
        } else {
            step.json_examples(status)
        };
        let answer = Answer {
            status,
            content_type,
            headers: &call.response.headers,
            body: &call.response.body,
        };
        let examples = ExampleCheck {
            examples: &examples,
            mode: compare,
            rules: &step.config.compare,
        };
        let judgement = judge(answer, &expectation, &documented, examples);
        result
            .checks
            .extend(judgement.checks.into_iter().map(|(c, f)| (c, f.into())));
        if strict_openapi && schemas.openapi().is_some() {
            result
                .checks
                .push(operation_check(&lookup, &spec.method, &url_path, status));
        }
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

/// `--strict-openapi`: whether the request matched an operation that documents `status`.
fn operation_check(
    lookup: &Lookup<'_>,
    method: &str,
    path: &str,
    status: u16,
) -> (Check, CheckOutcome) {
    let outcome = match (lookup.matched, lookup.operation, lookup.responses) {
        (false, _, _) | (true, None, _) => {
            CheckOutcome::Failed(Failure::UnmatchedOperation(UnmatchedOperation {
                method: method.to_string(),
                path: path.to_string(),
            }))
        }
        (true, Some(operation), responses) => match responses {
            Some(r) if r.for_status(status).is_some() => CheckOutcome::Passed,
            _ => CheckOutcome::Failed(Failure::UndocumentedStatus(UndocumentedStatus {
                status,
                operation: operation.to_string(),
                documented: responses.map(|r| r.keys().collect()).unwrap_or_default(),
            })),
        },
    };
    (Check::Operation, outcome)
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
