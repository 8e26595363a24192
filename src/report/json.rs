//! The JSON report: a stable document with every case result, streamed as cases finish
//! (see `docs/reports.md` for the format).

use std::io::Write;

use serde_json::{Value, json};

use super::Reporter;
use crate::check::{DiffLine, Failure, StatusPattern, Violation};
use crate::http::SendError;
use crate::request::BuildError;
use crate::run::{CaseError, CaseResult, CheckOutcome, RunEvent, RunSummary, Stopped, TokenError};
use crate::script::{AssertionStatus, ScriptError};

/// Version of the document format.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// Writes the JSON report to a writer (a file given with `--reporter-json-export`).
pub struct JsonReport<W: Write> {
    out: W,
    first: bool,
    error: Option<std::io::Error>,
    /// Each collection's target and schema source, from the run's start.
    collections: Vec<Value>,
}

impl<W: Write> JsonReport<W> {
    /// Starts the document.
    pub fn new(mut out: W) -> Self {
        let error = write!(
            out,
            "{{\"format\":{JSON_FORMAT_VERSION},\"tool\":\"pmcheck {}\",\"cases\":[",
            env!("CARGO_PKG_VERSION")
        )
        .err();
        JsonReport {
            out,
            first: true,
            error,
            collections: Vec::new(),
        }
    }
}

fn pairs(headers: &[(String, String)]) -> Value {
    Value::Array(headers.iter().map(|(k, v)| json!([k, v])).collect())
}

fn text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// One violation as a JSON value.
fn violation(v: &Violation) -> Value {
    json!({
        "pointer": v.pointer,
        "schema_path": v.schema_path,
        "keyword": v.keyword,
        "message": v.message,
    })
}

fn diff_lines(diff: &[DiffLine]) -> Vec<String> {
    diff.iter()
        .map(|l| format!("{}{}", l.sign, l.text))
        .collect()
}

fn statuses(patterns: &[StatusPattern]) -> Vec<String> {
    patterns.iter().map(ToString::to_string).collect()
}

/// What a check that did not pass found, as a JSON object with a `kind`.
fn detail(outcome: &CheckOutcome) -> Value {
    match outcome {
        CheckOutcome::Passed => Value::Null,
        CheckOutcome::Failed(Failure::Status(m)) => json!({
            "kind": "status_mismatch",
            "expected": statuses(&m.expected),
            "source": m.source.name(),
            "actual": m.actual,
        }),
        CheckOutcome::Failed(Failure::Schema(v)) => json!({
            "kind": "schema",
            "schema": v.schema,
            "violations": v.violations.iter().map(violation).collect::<Vec<_>>(),
            "total": v.total,
        }),
        CheckOutcome::Failed(Failure::Example(m)) => json!({
            "kind": "example_mismatch",
            "mode": m.mode_name(),
            "example": m.example,
            "compared": m.compared,
            "diff": diff_lines(&m.diff),
        }),
        CheckOutcome::Failed(Failure::MediaType(m)) => json!({
            "kind": "media_type",
            "status": m.status,
            "documented_for": m.documented_for,
            "operation": m.operation,
            "media_type": m.media_type,
            "documented": m.documented,
        }),
        CheckOutcome::Failed(Failure::Headers(h)) => json!({
            "kind": "missing_headers",
            "status": h.status,
            "operation": h.operation,
            "missing": h.missing,
        }),
        CheckOutcome::Failed(Failure::UnmatchedOperation(u)) => json!({
            "kind": "unmatched_operation",
            "method": u.method,
            "path": u.path,
        }),
        CheckOutcome::Failed(Failure::UndocumentedStatus(u)) => json!({
            "kind": "undocumented_status",
            "status": u.status,
            "operation": u.operation,
            "documented": u.documented,
        }),
        CheckOutcome::Failed(Failure::Assertions(a)) => json!({
            "kind": "assertions",
            "failed": a.failed.iter().map(|f| json!({"name": f.name, "message": f.message})).collect::<Vec<_>>(),
            "total": a.total,
        }),
        CheckOutcome::Errored(CaseError::Build(BuildError::NoHost { undefined, .. })) => json!({
            "kind": "build",
            "error": "no_host",
            "undefined": undefined,
        }),
        CheckOutcome::Errored(CaseError::Build(e)) => json!({
            "kind": "build",
            "error": match e {
                BuildError::InvalidUrl { .. } => "invalid_url",
                BuildError::NoHost { .. } => "no_host",
                BuildError::EmptyUrl => "empty_url",
                BuildError::UnsupportedAuth { .. } => "unsupported_auth",
                BuildError::AuthFailed { .. } => "auth_failed",
                BuildError::File { .. } => "file",
                BuildError::Expansion(_) => "expansion",
                BuildError::GraphQlVariables(_) => "graphql_variables",
                BuildError::InvalidTarget(_) => "invalid_target",
            },
        }),
        CheckOutcome::Errored(CaseError::Token(e)) => match e {
            TokenError::Send(e) => {
                json!({"kind": "token", "error": "send", "send": send_detail(e)})
            }
            TokenError::NotJson { status } => {
                json!({"kind": "token", "error": "not_json", "status": status})
            }
            TokenError::Refused { status, error } => {
                json!({"kind": "token", "error": "refused", "status": status, "oauth_error": error})
            }
            TokenError::NoToken { status } => {
                json!({"kind": "token", "error": "no_token", "status": status})
            }
        },
        CheckOutcome::Errored(CaseError::Send(e)) => send_detail(e),
        CheckOutcome::Errored(CaseError::NotJson(n)) => json!({
            "kind": "not_json",
            "media_type": n.media_type,
            "parse_error": n.parse_error,
        }),
        CheckOutcome::Errored(CaseError::Script(f)) => json!({
            "kind": "script",
            "event": f.event.event_name(),
            "error": match &f.error {
                ScriptError::Exception { .. } => "exception",
                ScriptError::Timeout { .. } => "timeout",
                ScriptError::OutOfMemory { .. } => "out_of_memory",
                ScriptError::StackOverflow => "stack_overflow",
                ScriptError::Unsupported { .. } => "unsupported",
                ScriptError::Engine(_) => "engine",
            },
        }),
        CheckOutcome::Errored(CaseError::Loop(l)) => json!({
            "kind": "loop",
            "runs": l.runs,
            "per_request": l.per_request,
            "requests": l.requests.iter().map(|r| json!({"name": r.name, "runs": r.runs})).collect::<Vec<_>>(),
        }),
        CheckOutcome::Errored(CaseError::Stopped(why)) => stopped_detail(*why),
    }
}

/// What stopped the run: `{"kind": "stopped", "by": "timeout", "timeout_ms": 500}`, or
/// `"by": "SIGTERM"` (no limit).
fn stopped_detail(why: Stopped) -> Value {
    let mut d = json!({"kind": "stopped", "by": why.name()});
    if let Stopped::Timeout(limit) = why {
        d["timeout_ms"] = json!(limit.as_millis());
    }
    d
}

/// A send failure: its kind, and the limit it hit where it hit one.
fn send_detail(e: &SendError) -> Value {
    let mut d = json!({"kind": "send", "error": e.kind().name()});
    match e {
        SendError::Timeout { ms, .. } => d["timeout_ms"] = json!(ms),
        SendError::BodyTooLarge { limit, .. } => d["limit_bytes"] = json!(limit),
        SendError::TooManyRedirects { max, .. } => d["max_redirects"] = json!(max),
        _ => {}
    }
    d
}

/// One case as a JSON value.
fn case_json(c: &CaseResult) -> Value {
    let checks: Vec<Value> = c
        .checks
        .iter()
        .map(|(check, outcome)| {
            let result = match outcome {
                CheckOutcome::Passed => "passed",
                CheckOutcome::Failed(_) => "failed",
                CheckOutcome::Errored(_) => "error",
            };
            let message = (!matches!(outcome, CheckOutcome::Passed)).then(|| outcome.to_string());
            json!({
                "check": check.to_string(),
                "result": result,
                "message": message,
                "detail": detail(outcome),
            })
        })
        .collect();
    let n = &c.name;
    json!({
        "name": n.to_string(),
        "case": {
            "collection": n.collection,
            "folders": n.folders,
            "request": n.request,
            "duplicate": n.duplicate,
            "iteration": n.iteration,
            "iterations": n.iterations,
        },
        "path": n.path().collect::<Vec<_>>(),
        "file": c.file.display().to_string(),
        "line": c.line,
        "iteration": n.iteration,
        "verdict": c.verdict.name(),
        "skip_reason": c.skip_reason,
        "duration_ms": c.duration.as_secs_f64() * 1000.0,
        "expected": c.expectation.as_ref().map(ToString::to_string),
        "expectation": c.expectation.as_ref().map(|e| json!({
            "allowed": statuses(&e.allowed),
            "source": e.source.name(),
        })),
        "checks": checks,
        "schema": c.schema,
        "violations": c.violations().iter().map(violation).collect::<Vec<_>>(),
        "violations_total": c.violations_total(),
        "diff": c.example_mismatch().map(|m| diff_lines(&m.diff)),
        "request": c.call.as_ref().map(|call| json!({
            "method": call.sent.method,
            "url": call.sent.url,
            "headers": pairs(&call.sent.headers),
            "body": call.sent.body.as_deref().map(text),
        })).or_else(|| c.request.as_ref().map(|r| json!({
            "method": r.method,
            "url": r.url,
            "headers": pairs(&r.headers),
            "body": r.body.as_deref().map(text),
        }))),
        "response": c.call.as_ref().map(|call| json!({
            "status": call.response.status,
            "reason": call.response.reason,
            "headers": pairs(&call.response.headers),
            "body": text(&call.response.body),
            "body_truncated": c.body_truncated,
        })),
        "unresolved": c.unresolved,
        "assertions": c.assertions.iter().map(|a| {
            let (result, message) = match &a.status {
                AssertionStatus::Passed => ("passed", None),
                AssertionStatus::Failed(m) => ("failed", Some(m)),
                AssertionStatus::Skipped => ("skipped", None),
            };
            json!({"name": a.name, "result": result, "message": message})
        }).collect::<Vec<_>>(),
        "console": c.console.iter().map(|l| json!({"level": l.level, "text": l.text})).collect::<Vec<_>>(),
    })
}

impl<W: Write> Reporter for JsonReport<W> {
    fn event(&mut self, event: &RunEvent) {
        if self.error.is_some() {
            return;
        }
        if let RunEvent::RunStarted { collections, .. } = event {
            self.collections = collections
                .iter()
                .map(|c| json!({"name": c.name, "target": c.target, "schemas": c.schemas}))
                .collect();
        }
        if let RunEvent::CaseFinished(case) = event {
            let sep = if self.first { "" } else { "," };
            self.first = false;
            if let Err(e) = write!(self.out, "{sep}{}", case_json(case)) {
                self.error = Some(e);
            }
        }
    }

    fn finish(&mut self, s: &RunSummary) -> std::io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let summary = summary_json(s);
        let collections = Value::Array(std::mem::take(&mut self.collections));
        writeln!(
            self.out,
            "],\"collections\":{collections},\"summary\":{summary}}}"
        )?;
        self.out.flush()
    }
}

/// The totals as the JSON report's `summary` has them (the HTML report embeds them too).
pub(crate) fn summary_json(s: &RunSummary) -> Value {
    json!({
        "total": s.total, "passed": s.passed, "failed": s.failed, "errors": s.errors,
        "skipped": s.skipped, "not_run": s.not_run, "bailed": s.bailed,
        "loop_stopped": s.loop_stopped,
        "stopped": s.stopped.map(Stopped::name),
        "duration_ms": s.duration.as_secs_f64() * 1000.0,
        "unresolved": s.unresolved,
    })
}
