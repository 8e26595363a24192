//! The redaction pass over a result that quotes a secret everywhere.

use std::time::Duration;

use super::*;
use crate::check::{Check, CompareMode, ExpectationSource};
use crate::run::CaseName;
use crate::script::ScriptKind;

const SECRET: &str = "TopSecret-123";

/// A result that quotes `SECRET` (and the value of a sensitive field of the response
/// body, `hunter22`) in every text it has.
fn leaky() -> CaseResult {
    let s = SECRET;
    let mut result = CaseResult::new(
        CaseName {
            collection: "c".into(),
            folders: Vec::new(),
            request: "r".into(),
            shown: "r".into(),
            duplicate: None,
            iteration: 1,
            iterations: 1,
        },
        PathBuf::from("c.json"),
    );
    let url = format!("http://u:{s}@h/p?q={s}");
    let headers = vec![("X-Echo".to_string(), s.to_string())];
    let pad = "x".repeat(BODY_EXCERPT);
    result.request = Some(RequestSpec {
        method: "POST".into(),
        url: url.clone(),
        headers: headers.clone(),
        body: Some(format!("{{\"v\":\"{s}\"}}").into_bytes()),
        follow_redirects: true,
        digest: None,
        secrets: Vec::new(),
    });
    result.call = Some(Call {
        sent: SentRequest {
            method: "POST".into(),
            url: url.clone(),
            headers: headers.clone(),
            body: Some(s.as_bytes().to_vec()),
        },
        response: Response {
            status: 200,
            reason: "OK".into(),
            http_version: "HTTP/1.1".into(),
            headers,
            // A short sensitive value first, then more than an excerpt.
            body: format!(
                "{{\"password\":\"pw\",\"pad\":\"{pad}\",\"api_key\":\"hunter22\",\"v\":\"{s}\"}}"
            )
            .into_bytes(),
            url,
        },
        timings: Timings {
            total: Duration::ZERO,
            headers: Duration::ZERO,
        },
    });
    let violation = Violation {
        pointer: format!("/{s}"),
        keyword: "type".into(),
        message: format!("\"{s}\" is not of type \"integer\"; \"hunter22\" neither"),
        schema_path: "/type".into(),
    };
    let failed = |f| CheckOutcome::Failed(f);
    let errored = |e| CheckOutcome::Errored(e);
    result.checks = vec![
        (
            Check::Status,
            failed(Failure::Status(StatusMismatch {
                expected: Vec::new(),
                source: ExpectationSource::Default,
                actual: 500,
            })),
        ),
        (
            Check::Schema,
            failed(Failure::Schema(SchemaViolations {
                schema: "s.json".into(),
                violations: vec![violation],
                total: 1,
            })),
        ),
        (
            Check::Example,
            failed(Failure::Example(ExampleMismatch {
                mode: CompareMode::Exact,
                example: "Success".into(),
                compared: 1,
                diff: vec![DiffLine {
                    sign: '+',
                    text: format!("  \"v\": \"{s}\","),
                }],
            })),
        ),
        (
            Check::Scripts,
            failed(Failure::Assertions(FailedAssertions {
                failed: vec![FailedAssertion {
                    name: format!("is {s}"),
                    message: format!("expected '{s}' to equal 'x'"),
                }],
                total: 1,
            })),
        ),
        (
            Check::Built,
            errored(CaseError::Build(BuildError::InvalidUrl {
                url: format!("http://h/{s}"),
                reason: s.into(),
            })),
        ),
        (
            Check::Built,
            errored(CaseError::Token(crate::run::TokenError::Refused {
                status: 401,
                error: s.into(),
            })),
        ),
        (
            Check::Sent,
            errored(CaseError::Send(SendError::Other {
                url: format!("http://h/{s}"),
                detail: s.into(),
            })),
        ),
        (
            Check::Json,
            errored(CaseError::NotJson(NotJson {
                media_type: Some(s.into()),
                parse_error: Some(s.into()),
            })),
        ),
        (
            Check::Scripts,
            errored(CaseError::Script(ScriptFailure {
                event: ScriptKind::Test,
                error: ScriptError::Exception {
                    message: s.into(),
                    stack: Some(s.into()),
                },
            })),
        ),
    ];
    result.skip_reason = Some(s.into());
    result.assertions = vec![Assertion {
        name: s.into(),
        status: AssertionStatus::Failed(s.into()),
    }];
    result.console = vec![ConsoleLine {
        level: "log".into(),
        text: s.into(),
    }];
    result
}

fn bodies(result: &CaseResult) -> Vec<String> {
    let call = result.call.as_ref().expect("a call");
    [
        result.request.as_ref().and_then(|r| r.body.clone()),
        call.sent.body.clone(),
        Some(call.response.body.clone()),
    ]
    .into_iter()
    .flatten()
    .map(|b| String::from_utf8_lossy(&b).into_owned())
    .collect()
}

#[test]
fn one_pass_masks_every_text_of_a_result() {
    let before = leaky();
    let all = format!("{before:?}{}", bodies(&before).concat());
    assert!(all.contains(SECRET) && all.contains("hunter22"));
    let sealed = seal(before, &Redactor::new([SECRET.to_string()]));
    let all = format!("{sealed:?}{}", bodies(&sealed).concat());
    for leaked in [SECRET, "TopSecret%2D123", "hunter22"] {
        assert!(!all.contains(leaked), "{leaked} in {all}");
    }
    // Cut after masking: the short sensitive value, masked only as a JSON field, is
    // masked although the excerpt no longer parses.
    assert!(sealed.body_truncated);
    let call = sealed.call.as_ref().expect("a call");
    assert_eq!(call.response.body.len(), BODY_EXCERPT);
    assert!(serde_json::from_slice::<serde_json::Value>(&call.response.body).is_err());
    assert!(!all.contains("\"pw\""), "{all}");
}
