//! The JSON report: a stable document with every case result, streamed as cases finish
//! (see `docs/reports.md` for the format).

use std::io::Write;

use serde_json::{Value, json};

use super::Reporter;
use crate::check::CheckOutcome;
use crate::run::{CaseResult, RunEvent, RunSummary, Verdict};
use crate::script::AssertionStatus;

/// Version of the document format.
pub const JSON_FORMAT_VERSION: u32 = 1;

/// Writes the JSON report to a writer (a file given with `--reporter-json-export`).
pub struct JsonReport<W: Write> {
    out: W,
    first: bool,
    error: Option<std::io::Error>,
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
        }
    }
}

/// A verdict's name in reports.
fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Passed => "passed",
        Verdict::Failed => "failed",
        Verdict::Error => "error",
        Verdict::Skipped => "skipped",
    }
}

fn pairs(headers: &[(String, String)]) -> Value {
    Value::Array(headers.iter().map(|(k, v)| json!([k, v])).collect())
}

fn text(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// One case as a JSON value.
fn case_json(c: &CaseResult) -> Value {
    let checks: Vec<Value> = c
        .checks
        .iter()
        .map(|(check, outcome)| {
            let (result, message) = match outcome {
                CheckOutcome::Passed => ("passed", None),
                CheckOutcome::Failed(m) => ("failed", Some(m)),
                CheckOutcome::Errored(m) => ("error", Some(m)),
            };
            json!({"check": check.to_string(), "result": result, "message": message})
        })
        .collect();
    json!({
        "name": c.name,
        "path": c.path,
        "file": c.file.display().to_string(),
        "iteration": c.iteration,
        "verdict": verdict_name(c.verdict),
        "skip_reason": c.skip_reason,
        "duration_ms": c.duration.as_secs_f64() * 1000.0,
        "expected": c.expectation.as_ref().map(ToString::to_string),
        "checks": checks,
        "schema": c.schema,
        "violations": c.violations.iter().map(|v| json!({"pointer": v.pointer, "keyword": v.keyword, "message": v.message})).collect::<Vec<_>>(),
        "violations_total": c.violations_total,
        "diff": c.diff.as_ref().map(|d| d.iter().map(|l| format!("{}{}", l.sign, l.text)).collect::<Vec<_>>()),
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
        let summary = json!({
            "total": s.total, "passed": s.passed, "failed": s.failed, "errors": s.errors,
            "skipped": s.skipped, "bailed": s.bailed, "duration_ms": s.duration.as_secs_f64() * 1000.0,
            "unresolved": s.unresolved,
        });
        writeln!(self.out, "],\"summary\":{summary}}}")?;
        self.out.flush()
    }
}
