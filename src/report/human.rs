//! The terminal report: one line per request as it finishes, the details of each failure,
//! then a summary. A progress bar runs on stderr when it is a terminal and the run is long.

use std::io::Write;

use indicatif::{ProgressBar, ProgressStyle};

use super::Reporter;
use super::detail::{detail_lines, display_path, summary_line};
use super::style::{Style, Styled};
use crate::run::{RunEvent, RunSummary, Verdict};

/// Runs with more requests than this get a progress bar (when stderr is a terminal).
const PROGRESS_THRESHOLD: usize = 50;

/// Writes the human report of a run.
pub struct HumanReport<W: Write> {
    out: W,
    color: bool,
    progress: Option<ProgressBar>,
    not_ok: Vec<(Verdict, String)>,
}

impl<W: Write> HumanReport<W> {
    /// A report writing to `out`, with ANSI colours when `color` is set; `progress` shows
    /// a bar for long runs of `total` requests.
    pub fn new(out: W, color: bool, progress: bool, total: usize) -> Self {
        let progress = (progress && total > PROGRESS_THRESHOLD).then(|| {
            let bar = ProgressBar::new(total as u64);
            if let Ok(style) =
                ProgressStyle::with_template("{bar:40} {pos}/{len} requests, {elapsed}")
            {
                bar.set_style(style);
            }
            bar
        });
        HumanReport {
            out,
            color,
            progress,
            not_ok: Vec::new(),
        }
    }

    fn line(&mut self, s: &Styled) {
        let text = s.render(self.color);
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
}

impl<W: Write> Reporter for HumanReport<W> {
    fn event(&mut self, event: &RunEvent) {
        match event {
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
                self.line(&summary_line(case));
                for l in detail_lines(case) {
                    self.line(&l);
                }
                if !case.unresolved.is_empty() {
                    let names: Vec<String> = case
                        .unresolved
                        .iter()
                        .map(|n| format!("{{{{{n}}}}}"))
                        .collect();
                    // A request that was never sent (it could not be built) sent nothing.
                    let how = if case.call.is_some() {
                        "undefined, sent literally"
                    } else {
                        "undefined"
                    };
                    self.line(&Styled::new().push(
                        Style::Warn,
                        format!("    warning: {how}: {}", names.join(", ")),
                    ));
                }
                if matches!(
                    case.verdict,
                    Verdict::Failed | Verdict::Error | Verdict::NotRun
                ) {
                    self.not_ok.push((case.verdict, display_path(case)));
                }
            }
        }
    }

    fn finish(&mut self, s: &RunSummary) -> std::io::Result<()> {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        self.line(&Styled::new());
        if !self.not_ok.is_empty() {
            self.line(&Styled::new().push(Style::Bold, "not conforming:"));
            for (verdict, name) in std::mem::take(&mut self.not_ok) {
                let (mark, what) = match verdict {
                    Verdict::Error => ("!", "error"),
                    Verdict::NotRun => ("-", "not run"),
                    _ => ("✗", "failed"),
                };
                self.line(
                    &Styled::new()
                        .push(Style::Bad, format!("  {mark} {what}: "))
                        .push(Style::Plain, name),
                );
            }
        }
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
