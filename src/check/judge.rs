//! The checks of a response, in a fixed order, as data.

use std::fmt;

use super::compare::{CompareMode, CompareRules, DiffLine, Example, compare_with_example};
use super::expect::Expectation;
use super::outcome::{
    ExampleMismatch, Failure, Finding, MissingHeaders, NotJson, SchemaViolations, StatusMismatch,
    UndocumentedMediaType,
};
use super::responses::{BodyVerdict, StatusKey};

/// The checks pmcheck makes, in the order it makes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The request could be built.
    Built,
    /// The request was sent and answered.
    Sent,
    /// The status is one of the expected ones.
    Status,
    /// The response carries the headers documented as required.
    Headers,
    /// The media type is documented for the status.
    MediaType,
    /// The request matches an operation of the OpenAPI document that documents its status
    /// (`--strict-openapi`).
    Operation,
    /// The body parses as JSON (only where a schema applies).
    Json,
    /// The body satisfies the schema of its status.
    Schema,
    /// The body matches one of the saved examples of the same status.
    Example,
    /// The collection's own test scripts passed.
    Scripts,
    /// The flow went on without a `setNextRequest` loop that the cap on repeats stopped.
    Flow,
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Check::Built => "build",
            Check::Sent => "send",
            Check::Status => "status",
            Check::Headers => "headers",
            Check::MediaType => "media type",
            Check::Operation => "operation",
            Check::Json => "JSON body",
            Check::Schema => "schema",
            Check::Example => "saved example",
            Check::Scripts => "test scripts",
            Check::Flow => "flow",
        })
    }
}

/// Everything the checks of one response found.
#[derive(Debug, Clone, Default)]
pub struct Judgement {
    /// Each check made, in order, with its outcome.
    pub checks: Vec<(Check, Finding)>,
    /// Name of the schema applied.
    pub schema: Option<String>,
}

/// Most violations kept per case.
const VIOLATION_CAP: usize = 20;

/// What is judged of one response.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    /// The status code.
    pub status: u16,
    /// The response's `Content-Type`, if any.
    pub content_type: Option<&'a str>,
    /// The response's headers (names in lower case).
    pub headers: &'a [(String, String)],
    /// The body as received.
    pub body: &'a [u8],
}

/// What the schema source documents for the response being judged.
#[derive(Debug, Clone)]
pub struct Documented<'a> {
    /// How the body is judged.
    pub body: BodyVerdict<'a>,
    /// Headers the response must carry.
    pub headers: &'a [String],
    /// The operation or endpoint documented (`GET /pet/{petId}`), for messages.
    pub operation: Option<&'a str>,
    /// The status key that documented the response (`401`, `4xx`, `default`).
    pub status: Option<StatusKey>,
}

/// The saved examples a response is compared with, and how (`--compare-examples`).
#[derive(Debug, Clone, Copy)]
pub struct ExampleCheck<'a> {
    /// The saved examples of the response's status that have a JSON body.
    pub examples: &'a [Example<'a>],
    /// How bodies are compared.
    pub mode: CompareMode,
    /// The sidecar's `[compare]` rules for the request.
    pub rules: &'a CompareRules,
}

/// Judges a response: status, required headers, media type, then JSON and schema where
/// a schema applies, then the comparison with the saved examples of the same status.
pub fn judge(
    answer: Answer<'_>,
    expectation: &Expectation,
    documented: &Documented<'_>,
    examples: ExampleCheck<'_>,
) -> Judgement {
    let Answer {
        status,
        content_type,
        headers,
        body,
    } = answer;
    let mut j = Judgement::default();
    if expectation.allows(status) {
        j.checks.push((Check::Status, Finding::Held));
    } else {
        j.checks.push((
            Check::Status,
            Finding::Failed(Failure::Status(StatusMismatch {
                expected: expectation.allowed.clone(),
                source: expectation.source,
                actual: status,
            })),
        ));
    }
    if !documented.headers.is_empty() {
        let missing: Vec<String> = documented
            .headers
            .iter()
            .filter(|h| !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(h)))
            .cloned()
            .collect();
        j.checks.push((
            Check::Headers,
            if missing.is_empty() {
                Finding::Held
            } else {
                Finding::Failed(Failure::Headers(MissingHeaders {
                    status,
                    operation: documented.operation.map(str::to_string),
                    missing,
                }))
            },
        ));
    }
    let schema = match &documented.body {
        BodyVerdict::Unchecked => None,
        BodyVerdict::Json(schema) => Some(*schema),
        BodyVerdict::Undocumented { documented: media } => {
            j.checks.push((
                Check::MediaType,
                Finding::Failed(Failure::MediaType(UndocumentedMediaType {
                    status,
                    documented_for: documented.status.map(|k| k.to_string()),
                    operation: documented.operation.map(str::to_string),
                    media_type: content_type.map(super::media::essence),
                    documented: media.clone(),
                })),
            ));
            None
        }
    };
    let compare = examples.mode != CompareMode::Off && !examples.examples.is_empty();
    if schema.is_none() && !compare {
        return j;
    }
    let not_json = |e: serde_json::Error| NotJson {
        media_type: content_type.map(str::to_string),
        parse_error: (!body.is_empty()).then(|| e.to_string()),
    };
    // Only the comparison needs the body as a value; the schema reads it in place.
    let value: Option<serde_json::Value> = if compare {
        match serde_json::from_slice(body) {
            Ok(v) => Some(v),
            Err(e) => {
                j.checks.push((Check::Json, Finding::NotJson(not_json(e))));
                return j;
            }
        }
    } else {
        if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(body) {
            j.checks.push((Check::Json, Finding::NotJson(not_json(e))));
            return j;
        }
        None
    };
    j.checks.push((Check::Json, Finding::Held));
    if let Some(schema) = schema {
        j.schema = Some(schema.name.clone());
        let found = match &value {
            Some(v) => Some(schema.validate(v, VIOLATION_CAP)),
            None => schema.validate_body(body, VIOLATION_CAP),
        };
        let found = match found {
            Some(found) => found,
            None => match serde_json::from_slice(body) {
                Ok(v) => schema.validate(&v, VIOLATION_CAP),
                Err(e) => {
                    j.checks.pop();
                    j.checks.push((Check::Json, Finding::NotJson(not_json(e))));
                    return j;
                }
            },
        };
        let (violations, total) = found;
        j.checks.push((
            Check::Schema,
            if total == 0 {
                Finding::Held
            } else {
                Finding::Failed(Failure::Schema(SchemaViolations {
                    schema: schema.name.clone(),
                    violations,
                    total,
                }))
            },
        ));
    }
    if let Some(value) = &value {
        j.checks.push((
            Check::Example,
            match closest_example(value, examples) {
                None => Finding::Held,
                Some(mismatch) => Finding::Failed(Failure::Example(mismatch)),
            },
        ));
    }
    j
}

/// `None` when the body agrees with one of the examples, else the diff against the
/// closest one (fewest changed lines; the first of equals).
fn closest_example(value: &serde_json::Value, check: ExampleCheck<'_>) -> Option<ExampleMismatch> {
    let mut closest: Option<(usize, &str, Vec<DiffLine>)> = None;
    for example in check.examples {
        let diff = compare_with_example(value, example.body, check.mode, check.rules)?;
        let changed = diff.iter().filter(|l| l.sign != ' ').count();
        if closest.as_ref().is_none_or(|(best, _, _)| changed < *best) {
            closest = Some((changed, example.name, diff));
        }
    }
    closest.map(|(_, name, diff)| ExampleMismatch {
        mode: check.mode,
        example: name.to_string(),
        compared: check.examples.len(),
        diff,
    })
}
