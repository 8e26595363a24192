//! The terminal report: one line per request as it finishes, its assertions and console
//! output, the details of each failure, then the failed cases with their reasons and the
//! totals. What it shows follows Newman's CLI reporter options ([`CliOptions`]). A
//! progress bar runs on stderr when it is a terminal and the run is long.

use std::io::Write;
use std::time::SystemTime;

use indicatif::{ProgressBar, ProgressStyle};

use super::Reporter;
use super::detail::{
    assertion_lines, check_lines, console_lines, display_path, evidence_lines, reason,
    summary_line, unresolved,
};
use super::style::{Style, Styled};
use super::timestamp;
use crate::run::{CaseResult, RunEvent, RunSummary, Verdict};

/// Runs with more requests than this get a progress bar (when stderr is a terminal).
const PROGRESS_THRESHOLD: usize = 50;

/// What the terminal report shows: Newman's CLI reporter options, same names and meaning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CliOptions {
    /// ANSI colours.
    pub color: bool,
    /// A progress bar on stderr for long runs.
    pub progress: bool,
    /// `--verbose`: each request's timings and its request and response headers.
    pub verbose: bool,
    /// `--reporter-cli-no-summary`: no totals at the end.
    pub no_summary: bool,
    /// `--reporter-cli-no-failures`: neither the failures' evidence (schema violations,
    /// diff, request and body) nor the list of failed cases at the end.
    pub no_failures: bool,
    /// `--reporter-cli-no-assertions`: no script assertions.
    pub no_assertions: bool,
    /// `--reporter-cli-no-success-assertions`: only the failed script assertions.
    pub no_success_assertions: bool,
    /// `--reporter-cli-no-console`: no `console.*` output of scripts.
    pub no_console: bool,
    /// `--reporter-cli-no-banner`: no header (requests, collections, targets, schemas).
    pub no_banner: bool,
    /// `--reporter-cli-show-timestamps`: each request's line starts with the UTC time it
    /// finished.
    pub show_timestamps: bool,
    /// `--disable-unicode`: ASCII in place of the report's symbols.
    pub ascii: bool,
}

/// A case that did not pass, for the list at the end.
struct NotOk {
    verdict: Verdict,
    name: String,
    reason: Option<String>,
}

/// Writes the human report of a run.
pub struct HumanReport<W: Write> {
    out: W,
    options: CliOptions,
    progress: Option<ProgressBar>,
    not_ok: Vec<NotOk>,
}

impl<W: Write> HumanReport<W> {
    /// A report writing to `out` as `options` say; a run of more than a few dozen of
    /// `total` requests gets a progress bar when `options.progress` is set.
    pub fn new(out: W, options: CliOptions, total: usize) -> Self {
        let progress = (options.progress && total > PROGRESS_THRESHOLD).then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{bar:40} {pos}/{len} requests, {elapsed}")
            {
                bar.set_style(if options.ascii {
                    style.progress_chars("#>-")
                } else {
                    style
                });
            }
            bar
        });
        HumanReport {
            out,
            options,
            progress,
            not_ok: Vec::new(),
        }
    }

    fn line(&mut self, s: &Styled) {
        let text = s.render_with(self.options.color, self.options.ascii);
        let out = &mut self.out;
        // A closed pipe (`pmcheck run … | head`) must not abort the run.
        match &self.progress {
            Some(bar) => bar.suspend(|| {
                let _ = writeln!(out, "{text}");
            }),
            None => {
                let _ = writeln!(out, "{text}");
            }
        }
    }

    fn lines(&mut self, lines: Vec<Styled>) {
        for l in lines {
            self.line(&l);
        }
    }

    fn case(&mut self, case: &CaseResult) {
        let o = self.options;
        let mut first = summary_line(case);
        if o.show_timestamps {
            first = Styled::new()
                .push(
                    Style::Dim,
                    format!("[{}] ", timestamp::utc(SystemTime::now())),
                )
                .append(first);
        }
        self.line(&first);
        if o.verbose {
            self.lines(verbose_lines(case));
        }
        if !case.ok() {
            self.lines(check_lines(case));
        }
        if !o.no_assertions {
            self.lines(assertion_lines(case, !o.no_success_assertions));
        }
        if !o.no_console {
            self.lines(console_lines(case));
        }
        if !o.no_failures {
            self.lines(evidence_lines(case));
        }
        if let Some((names, sent)) = unresolved(case) {
            let how = if sent {
                "undefined, sent literally"
            } else {
                "undefined"
            };
            self.line(&Styled::new().push(Style::Warn, format!("    warning: {how}: {names}")));
        }
        if matches!(
            case.verdict,
            Verdict::Failed | Verdict::Error | Verdict::NotRun
        ) {
            self.not_ok.push(NotOk {
                verdict: case.verdict,
                name: display_path(case),
                reason: reason(case),
            });
        }
    }

    /// The failed, errored and not-run cases, each with its reason.
    fn not_conforming(&mut self) {
        let not_ok = std::mem::take(&mut self.not_ok);
        if not_ok.is_empty() {
            return;
        }
        self.line(&Styled::new().push(Style::Bold, "not conforming:"));
        for case in not_ok {
            let (mark, what) = match case.verdict {
                Verdict::Error => ("!", "error"),
                Verdict::NotRun => ("-", "not run"),
                _ => ("✗", "failed"),
            };
            let mut line = Styled::new()
                .push(Style::Bad, format!("  {mark} {what}: "))
                .push(Style::Plain, case.name);
            if let Some(reason) = case.reason {
                line = line.push(Style::Dim, format!(" — {reason}"));
            }
            self.line(&line);
        }
    }

    /// The totals line.
    fn totals(&mut self, s: &RunSummary) {
        let style = if s.ok() { Style::Good } else { Style::Bad };
        self.line(
            &Styled::new()
                .push(style, format!("{} requests", s.total))
                .push(
                    Style::Plain,
                    format!(
                        ": {} passed, {} failed, {} errors, {} skipped{} in {:.2} s",
                        s.passed,
                        s.failed,
                        s.errors,
                        s.skipped,
                        if s.not_run > 0 {
                            format!(", {} not run", s.not_run)
                        } else {
                            String::new()
                        },
                        s.duration.as_secs_f64()
                    ),
                ),
        );
    }
}

/// `--verbose`: the exchange's timings, and the headers sent and received.
fn verbose_lines(case: &CaseResult) -> Vec<Styled> {
    let Some(call) = &case.call else {
        return Vec::new();
    };
    let mut out = vec![Styled::new().push(
        Style::Dim,
        format!(
            "    timings: headers after {} ms, body after {} ms, case {} ms",
            call.timings.headers.as_millis(),
            call.timings.total.as_millis(),
            case.duration.as_millis()
        ),
    )];
    for (k, v) in &call.sent.headers {
        out.push(Styled::new().push(Style::Dim, format!("    ↑ {k}: {v}")));
    }
    for (k, v) in &call.response.headers {
        out.push(Styled::new().push(Style::Dim, format!("    ↓ {k}: {v}")));
    }
    out
}

impl<W: Write> Reporter for HumanReport<W> {
    fn event(&mut self, event: &RunEvent) {
        match event {
            RunEvent::RunStarted { .. } if self.options.no_banner => {}
            RunEvent::RunStarted {
                requests,
                collections,
            } => {
                self.line(&Styled::new().push(
                    Style::Bold,
                    format!(
                        "pmcheck: {requests} requests in {} collection(s)",
                        collections.len()
                    ),
                ));
                for c in collections {
                    self.line(&Styled::new().push(
                        Style::Plain,
                        format!("  {}: target {}; schemas {}", c.name, c.target, c.schemas),
                    ));
                }
            }
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
            RunEvent::CaseFinished(case) => {
                if let Some(bar) = &self.progress {
                    bar.inc(1);
                }
                self.case(case);
            }
        }
    }

    fn finish(&mut self, s: &RunSummary) -> std::io::Result<()> {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        self.line(&Styled::new());
        if !self.options.no_failures {
            self.not_conforming();
        }
        if !self.options.no_summary {
            self.totals(s);
        }
        if s.bailed {
            self.line(&Styled::new().push(Style::Warn, "stopped early (--bail)"));
        }
        if let Some(why) = s.stopped {
            self.line(&Styled::new().push(
                Style::Warn,
                format!("stopped early: {why}; the requests left were not run"),
            ));
        }
        if s.loop_stopped {
            self.line(&Styled::new().push(
                Style::Warn,
                "a setNextRequest loop was stopped after 100 runs per request",
            ));
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
        self.out.flush()
    }
}
