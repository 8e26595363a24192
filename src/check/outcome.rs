//! What the checks of a response found, as data: what was expected and what was found.
//! `Display` gives the one line reports print after the check's name.

use std::fmt;

use super::compare::{CompareMode, DiffLine};
use super::violations::Violation;
use super::expect::{ExpectationSource, StatusPattern, write_allowed};

/// What one check of a response found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The check held.
    Held,
    /// The target did not conform.
    Failed(Failure),
    /// The body is not JSON, so it could not be judged.
    NotJson(NotJson),
}

/// How the target did not conform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The status is not one of the expected ones.
    Status(StatusMismatch),
    /// The body violates the schema of its status.
    Schema(SchemaViolations),
    /// The body differs from every saved example of the same status.
    Example(ExampleMismatch),
    /// Assertions of the collection's own scripts failed.
    Assertions(FailedAssertions),
    /// The response's media type is not documented for its status.
    MediaType(UndocumentedMediaType),
    /// Headers documented as required are missing.
    Headers(MissingHeaders),
    /// The request matches no operation of the OpenAPI document (`--strict-openapi`).
    UnmatchedOperation(UnmatchedOperation),
    /// The operation documents the status neither exactly, by range nor by `default`
    /// (`--strict-openapi`).
    UndocumentedStatus(UndocumentedStatus),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Status(m) => m.fmt(f),
            Failure::Schema(v) => v.fmt(f),
            Failure::Example(m) => m.fmt(f),
            Failure::Assertions(a) => a.fmt(f),
            Failure::MediaType(m) => m.fmt(f),
            Failure::Headers(h) => h.fmt(f),
            Failure::UnmatchedOperation(u) => u.fmt(f),
            Failure::UndocumentedStatus(u) => u.fmt(f),
        }
    }
}

/// The status is not one of the expected ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusMismatch {
    /// The statuses allowed (empty with [`ExpectationSource::Default`]: anything but 5xx).
    pub expected: Vec<StatusPattern>,
    /// Where the expectation came from.
    pub source: ExpectationSource,
    /// The status the target answered with.
    pub actual: u16,
}

impl fmt::Display for StatusMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected ")?;
        write_allowed(f, &self.expected, self.source)?;
        write!(f, ", got {}", self.actual)
    }
}

/// The body violates the schema of its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaViolations {
    /// The schema file applied.
    pub schema: String,
    /// The violations, sorted, at most 20.
    pub violations: Vec<Violation>,
    /// Number of violations before the cap.
    pub total: usize,
}

impl fmt::Display for SchemaViolations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} violation(s) of {}", self.total, self.schema)
    }
}

/// The response's media type is not documented for its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndocumentedMediaType {
    /// The status answered.
    pub status: u16,
    /// The key that documents it (`401`, `4xx`, `default`).
    pub documented_for: Option<String>,
    /// The operation or endpoint (`GET /pet/{petId}`).
    pub operation: Option<String>,
    /// The response's media type (`None`: no `Content-Type`).
    pub media_type: Option<String>,
    /// The media ranges documented for that status.
    pub documented: Vec<String>,
}

impl fmt::Display for UndocumentedMediaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.media_type {
            Some(m) => write!(f, "media type {m}")?,
            None => f.write_str("a response without Content-Type")?,
        }
        write!(f, " is not documented for {}", self.status)?;
        if let Some(op) = &self.operation {
            write!(f, " of {op}")?;
        }
        write!(f, "; documented: {}", self.documented.join(", "))
    }
}

/// Headers documented as required are missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingHeaders {
    /// The status answered.
    pub status: u16,
    /// The operation or endpoint (`GET /pet/{petId}`).
    pub operation: Option<String>,
    /// The missing headers, as documented.
    pub missing: Vec<String>,
}

impl fmt::Display for MissingHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "required header(s) missing from the {}", self.status)?;
        if let Some(op) = &self.operation {
            write!(f, " of {op}")?;
        }
        write!(f, ": {}", self.missing.join(", "))
    }
}

/// The request matches no operation of the OpenAPI document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedOperation {
    /// The request's method.
    pub method: String,
    /// The request's URL path.
    pub path: String,
}

impl fmt::Display for UnmatchedOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} matches no operation of the OpenAPI document",
            self.method, self.path
        )
    }
}

/// The operation documents the status neither exactly, by range nor by `default`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndocumentedStatus {
    /// The status answered.
    pub status: u16,
    /// The operation (`GET /pet/{petId}`).
    pub operation: String,
    /// The status keys it documents (`200`, `4xx`).
    pub documented: Vec<String>,
}

impl fmt::Display for UndocumentedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "status {} is not documented for {}; documented: {}",
            self.status,
            self.operation,
            if self.documented.is_empty() {
                "none".to_string()
            } else {
                self.documented.join(", ")
            }
        )
    }
}

/// The body differs from every saved example of the same status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleMismatch {
    /// How the bodies were compared.
    pub mode: CompareMode,
    /// The name of the example the diff is against: the closest one (fewest changed lines).
    pub example: String,
    /// How many saved examples of the status were compared.
    pub compared: usize,
    /// The saved example (`-`) vs the response (`+`), with three lines of context.
    pub diff: Vec<DiffLine>,
}

impl ExampleMismatch {
    /// `shape` or `exact`.
    pub fn mode_name(&self) -> &'static str {
        if self.mode == CompareMode::Shape {
            "shape"
        } else {
            "exact"
        }
    }
}

impl fmt::Display for ExampleMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = self.mode_name();
        if self.compared > 1 {
            write!(
                f,
                "the body differs from all {} saved examples of the status ({mode}); closest: {:?}",
                self.compared, self.example
            )
        } else {
            write!(
                f,
                "the body differs from the saved example {:?} ({mode})",
                self.example
            )
        }
    }
}

/// Assertions of the collection's own scripts failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedAssertions {
    /// Each failed assertion, in order.
    pub failed: Vec<FailedAssertion>,
    /// Number of assertions made, passed and skipped ones included.
    pub total: usize,
}

impl fmt::Display for FailedAssertions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of {} assertion(s) failed: ",
            self.failed.len(),
            self.total
        )?;
        for (i, a) in self.failed.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "\"{}\": {}", a.name, a.message)?;
        }
        Ok(())
    }
}

/// One failed `pm.test` (or `tests[…]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedAssertion {
    /// The test name.
    pub name: String,
    /// Chai's message, or the message of what the test threw.
    pub message: String,
}

/// The body is not JSON where a schema or a saved example needs it to be.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", not_json(.parse_error.as_deref()))]
pub struct NotJson {
    /// The response's `Content-Type`, when it has one.
    pub media_type: Option<String>,
    /// Why the body does not parse; `None` when it is empty.
    pub parse_error: Option<String>,
}

/// The text of a [`NotJson`].
fn not_json(parse_error: Option<&str>) -> String {
    match parse_error {
        None => "the body is empty".to_string(),
        Some(e) => format!("the body is not JSON ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_the_reports_lines() {
        let status = Failure::Status(StatusMismatch {
            expected: vec![StatusPattern::Code(200), StatusPattern::Class(4)],
            source: ExpectationSource::Sidecar,
            actual: 500,
        });
        assert_eq!(status.to_string(), "expected 200 or 4xx (sidecar), got 500");
        let default = StatusMismatch {
            expected: Vec::new(),
            source: ExpectationSource::Default,
            actual: 503,
        };
        assert_eq!(default.to_string(), "expected any status but 5xx, got 503");
        let assertions = FailedAssertions {
            failed: vec![
                FailedAssertion {
                    name: "a".into(),
                    message: "m1".into(),
                },
                FailedAssertion {
                    name: "b".into(),
                    message: "m2".into(),
                },
            ],
            total: 3,
        };
        assert_eq!(
            assertions.to_string(),
            "2 of 3 assertion(s) failed: \"a\": m1; \"b\": m2"
        );
        let empty = NotJson {
            media_type: None,
            parse_error: None,
        };
        assert_eq!(empty.to_string(), "the body is empty");
    }
}
