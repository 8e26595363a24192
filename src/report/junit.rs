//! The JUnit XML report: one `<testsuite>` per collection, one `<testcase>` per request
//! per iteration, `<failure>` vs `<error>` vs `<skipped>`, the redacted exchange in
//! `<system-out>`.

use std::io::Write;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::Reporter;
use super::detail::{detail_lines, summary_line};
use crate::run::{RunEvent, RunSummary, Verdict};

/// Collects cases and writes the XML at the end of the run.
pub struct JunitReport<W: Write> {
    out: W,
    report: Report,
    suite: Option<TestSuite>,
}

impl<W: Write> JunitReport<W> {
    /// A report that will be written to `out`.
    pub fn new(out: W) -> Self {
        JunitReport {
            out,
            report: Report::new("pmcheck"),
            suite: None,
        }
    }

    fn close_suite(&mut self) {
        if let Some(suite) = self.suite.take() {
            self.report.add_test_suite(suite);
        }
    }
}

impl<W: Write> Reporter for JunitReport<W> {
    fn event(&mut self, event: &RunEvent) {
        match event {
            RunEvent::IterationStarted {
                collection,
                iteration,
                of,
            } => {
                let name = if *of > 1 {
                    format!("{collection} [iter {iteration}]")
                } else {
                    collection.clone()
                };
                if self.suite.as_ref().map(|s| s.name.as_str()) != Some(name.as_str()) {
                    self.close_suite();
                    self.suite = Some(TestSuite::new(name));
                }
            }
            RunEvent::CaseFinished(case) => {
                let mut status = match case.verdict {
                    Verdict::Passed => TestCaseStatus::success(),
                    Verdict::Failed => TestCaseStatus::non_success(NonSuccessKind::Failure),
                    Verdict::Error => TestCaseStatus::non_success(NonSuccessKind::Error),
                    Verdict::Skipped => TestCaseStatus::skipped(),
                };
                let first_problem = case.problems().next().map(|(c, m)| format!("{c}: {m}"));
                if let Some(m) = first_problem.or_else(|| case.skip_reason.clone()) {
                    status.set_message(m);
                }
                if !case.ok() {
                    let text: Vec<String> =
                        detail_lines(case).iter().map(|l| l.render(false)).collect();
                    status.set_description(text.join("\n"));
                }
                let request = case.path.last().cloned().unwrap_or_default();
                let name = match case.name.rfind(" [iter ") {
                    Some(i) => format!("{request}{}", &case.name[i..]),
                    None => request,
                };
                let mut tc = TestCase::new(name, status);
                tc.set_classname(case.path[..case.path.len().saturating_sub(1)].join("::"));
                tc.set_time(case.duration);
                let mut out = summary_line(case).render(false);
                if let Some(call) = &case.call {
                    out.push_str("\n\n> ");
                    out.push_str(&format!("{} {}", call.sent.method, call.sent.url));
                    for (k, v) in &call.sent.headers {
                        out.push_str(&format!("\n> {k}: {v}"));
                    }
                    if let Some(b) = &call.sent.body {
                        out.push_str("\n>\n");
                        out.push_str(&String::from_utf8_lossy(b));
                    }
                    out.push_str(&format!(
                        "\n\n< {} {}",
                        call.response.status, call.response.reason
                    ));
                    for (k, v) in &call.response.headers {
                        out.push_str(&format!("\n< {k}: {v}"));
                    }
                    out.push_str("\n<\n");
                    out.push_str(&String::from_utf8_lossy(&call.response.body));
                }
                tc.set_system_out(out);
                let suite = self
                    .suite
                    .get_or_insert_with(|| TestSuite::new(case.path[0].clone()));
                suite.add_test_case(tc);
            }
        }
    }

    fn finish(&mut self, s: &RunSummary) -> std::io::Result<()> {
        self.close_suite();
        self.report.set_time(s.duration);
        self.report
            .serialize(&mut self.out)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        self.out.flush()
    }
}
