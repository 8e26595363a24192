//! The terminal report: one line per request as it finishes, then a summary.

use std::io::Write;

use super::style::{Style, Styled};
use crate::run::{CaseResult, RunEvent, RunSummary, Verdict};

/// Writes the human report of a run to a writer (usually stdout).
pub struct HumanReport<W: Write> {
    out: W,
    color: bool,
}

impl<W: Write> HumanReport<W> {
    /// A report writing to `out`, with ANSI colours when `color` is set.
    pub fn new(out: W, color: bool) -> Self {
        HumanReport { out, color }
    }

    fn line(&mut self, s: &Styled) {
        // A closed pipe (`pmcheck run … | head`) must not abort the run.
        let _ = writeln!(self.out, "{}", s.render(self.color));
    }

    /// Writes the run's header.
    pub fn header(&mut self, requests: usize, collections: usize, target: Option<&str>) {
        let mut s = Styled::new().push(
            Style::Bold,
            format!("pmcheck: {requests} requests in {collections} collection(s)"),
        );
        if let Some(t) = target {
            s = s.push(Style::Plain, format!(", target {t}"));
        }
        self.line(&s);
    }

    /// Writes what an event says.
    pub fn event(&mut self, event: &RunEvent) {
        match event {
            RunEvent::IterationStarted {
                collection,
                iteration,
                of,
            } => {
                let text = if *of > 1 {
                    format!("\n{collection} (iteration {iteration}/{of})")
                } else {
                    format!("\n{collection}")
                };
                self.line(&Styled::new().push(Style::Bold, text));
            }
            RunEvent::CaseFinished(case) => self.case(case),
        }
    }

    fn case(&mut self, case: &CaseResult) {
        let (mark, style) = match case.verdict {
            Verdict::Passed => ("✓", Style::Good),
            Verdict::Failed => ("✗", Style::Bad),
            Verdict::Error => ("!", Style::Bad),
        };
        self.line(
            &Styled::new()
                .push(style, format!("{mark} "))
                .push(Style::Plain, &case.name),
        );
        if let Some(req) = &case.request {
            let mut s = Styled::new().push(Style::Dim, format!("    {} {}", req.method, req.url));
            if let Some(call) = &case.call {
                let status_style = if call.response.status < 400 {
                    Style::Good
                } else {
                    Style::Warn
                };
                s = s
                    .push(Style::Plain, " → ")
                    .push(
                        status_style,
                        format!("{} {}", call.response.status, call.response.reason),
                    )
                    .push(
                        Style::Dim,
                        format!(
                            "  {}  {} ms",
                            human_bytes(call.response.body.len()),
                            case.duration.as_millis()
                        ),
                    );
            }
            self.line(&s);
        }
        for m in &case.messages {
            self.line(&Styled::new().push(Style::Bad, format!("    {m}")));
        }
        if !case.unresolved.is_empty() {
            let names: Vec<String> = case
                .unresolved
                .iter()
                .map(|n| format!("{{{{{n}}}}}"))
                .collect();
            self.line(&Styled::new().push(
                Style::Warn,
                format!(
                    "    warning: undefined, sent literally: {}",
                    names.join(", ")
                ),
            ));
        }
    }

    /// Writes the closing summary.
    pub fn summary(&mut self, s: &RunSummary) {
        self.line(&Styled::new());
        let style = if s.ok() { Style::Good } else { Style::Bad };
        self.line(
            &Styled::new()
                .push(style, format!("{} requests", s.total))
                .push(
                    Style::Plain,
                    format!(
                        ": {} passed, {} failed, {} errors in {:.2} s",
                        s.passed,
                        s.failed,
                        s.errors,
                        s.duration.as_secs_f64()
                    ),
                ),
        );
        if s.bailed {
            self.line(&Styled::new().push(Style::Warn, "stopped early (--bail)"));
        }
        if !s.unresolved.is_empty() {
            self.line(&Styled::new().push(
                Style::Warn,
                format!(
                    "warning: {} variable(s) were never defined and were sent literally: {}",
                    s.unresolved.len(),
                    s.unresolved.join(", ")
                ),
            ));
        }
        let _ = self.out.flush();
    }
}

/// `1234` → `1.2 kB`.
fn human_bytes(n: usize) -> String {
    if n < 1000 {
        format!("{n} B")
    } else if n < 1_000_000 {
        format!("{:.1} kB", n as f64 / 1000.0)
    } else {
        format!("{:.1} MB", n as f64 / 1_000_000.0)
    }
}
