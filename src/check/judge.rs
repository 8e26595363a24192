//! The checks of a response, in a fixed order, as data.

use std::fmt;
use std::sync::Arc;

use super::compare::{CompareMode, DiffLine, compare_with_example};
use super::expect::Expectation;
use super::schema::{CompiledSchema, Violation};

/// The checks pmcheck makes, in the order it makes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// The request could be built.
    Built,
    /// The request was sent and answered.
    Sent,
    /// The status is one of the expected ones.
    Status,
    /// The body parses as JSON (only where a schema applies).
    Json,
    /// The body satisfies the schema of its status.
    Schema,
    /// The body matches the saved example of the same status.
    Example,
    /// The collection's own test scripts passed.
    Scripts,
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Check::Built => "build",
            Check::Sent => "send",
            Check::Status => "status",
            Check::Json => "JSON body",
            Check::Schema => "schema",
            Check::Example => "saved example",
            Check::Scripts => "test scripts",
        })
    }
}

/// How one check ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckOutcome {
    /// It held.
    Passed,
    /// The target did not conform; the text says how.
    Failed(String),
    /// It could not be judged; the text says why.
    Errored(String),
}

/// Everything the checks of one response found.
#[derive(Debug, Clone, Default)]
pub struct Judgement {
    /// Each check made, in order, with its outcome.
    pub checks: Vec<(Check, CheckOutcome)>,
    /// Schema violations (sorted, capped).
    pub violations: Vec<Violation>,
    /// Number of violations before the cap.
    pub violations_total: usize,
    /// Name of the schema applied.
    pub schema: Option<String>,
    /// Diff against the saved example, when it differs.
    pub diff: Option<Vec<DiffLine>>,
}

/// Most violations kept per case.
const VIOLATION_CAP: usize = 20;

/// Judges a response: status, then JSON and schema where a schema applies, then the
/// comparison with the saved example of the same status.
pub fn judge(
    status: u16,
    body: &[u8],
    expectation: &Expectation,
    schema: Option<&Arc<CompiledSchema>>,
    example: Option<&str>,
    mode: CompareMode,
) -> Judgement {
    let mut j = Judgement::default();
    if expectation.allows(status) {
        j.checks.push((Check::Status, CheckOutcome::Passed));
    } else {
        j.checks.push((
            Check::Status,
            CheckOutcome::Failed(format!("expected {expectation}, got {status}")),
        ));
    }
    let needs_json = schema.is_some() || (mode != CompareMode::Off && example.is_some());
    if !needs_json {
        return j;
    }
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => {
            j.checks.push((Check::Json, CheckOutcome::Passed));
            v
        }
        Err(e) => {
            let what = if body.is_empty() {
                "the body is empty".to_string()
            } else {
                format!("the body is not JSON ({e})")
            };
            j.checks.push((Check::Json, CheckOutcome::Errored(what)));
            return j;
        }
    };
    if let Some(schema) = schema {
        j.schema = Some(schema.name.clone());
        let (violations, total) = schema.validate(&value, VIOLATION_CAP);
        j.checks.push((
            Check::Schema,
            if total == 0 {
                CheckOutcome::Passed
            } else {
                CheckOutcome::Failed(format!("{total} violation(s) of {}", schema.name))
            },
        ));
        j.violations = violations;
        j.violations_total = total;
    }
    if let Some(example) = example
        && mode != CompareMode::Off
    {
        j.diff = compare_with_example(&value, example, mode);
        j.checks.push((
            Check::Example,
            match &j.diff {
                None => CheckOutcome::Passed,
                Some(_) => CheckOutcome::Failed(format!(
                    "the body differs from the saved example ({})",
                    if mode == CompareMode::Shape {
                        "shape"
                    } else {
                        "exact"
                    }
                )),
            },
        ));
    }
    j
}
