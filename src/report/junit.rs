//! The JUnit XML report: one `<testsuite>` per collection (and iteration), one `<testcase>`
//! per request, `<failure>` vs `<error>` vs `<skipped>`, the redacted exchange in
//! `<system-out>`.
//!
//! Memory stays flat on long runs: each case is written to a spool file as it finishes,
//! and the counts each `<testsuite>` and `<testsuites>` element carries are added when the
//! suite (or the run) ends.

use std::io::{self, Write};
use std::time::Duration;

use super::Reporter;
use super::detail::{detail_lines, summary_line};
use super::spool::Spool;
use crate::run::{CaseResult, RunEvent, RunSummary, Verdict};

/// Counts of a suite or of the run.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
    time: Duration,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tests += other.tests;
        self.failures += other.failures;
        self.errors += other.errors;
        self.skipped += other.skipped;
        self.time += other.time;
    }

    /// The counts of a `<testsuite>`.
    fn attributes(&self) -> String {
        format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3}\"",
            self.tests,
            self.failures,
            self.errors,
            self.skipped,
            self.time.as_secs_f64()
        )
    }

    /// The counts of `<testsuites>`, which junit-10.xsd gives no `skipped`.
    fn run_attributes(&self) -> String {
        format!(
            "tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3}\"",
            self.tests,
            self.failures,
            self.errors,
            self.time.as_secs_f64()
        )
    }
}

/// The suite being written.
struct Suite {
    name: String,
    /// The collection file of its first case.
    file: Option<String>,
    counts: Counts,
    spool: Spool,
}

/// Writes the JUnit report of a run to `out`.
pub struct JunitReport<W: Write> {
    out: W,
    suites: Spool,
    totals: Counts,
    suite: Option<Suite>,
    error: Option<io::Error>,
}

/// Escapes text for XML content and attributes; characters XML cannot carry become U+FFFD.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The redacted exchange for `<system-out>`.
fn exchange(case: &CaseResult) -> String {
    let mut out = summary_line(case).render(false);
    if let Some(call) = &case.call {
        out.push_str(&format!("\n\n> {} {}", call.sent.method, call.sent.url));
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
    out
}

/// One `<testcase>` element.
fn testcase(case: &CaseResult) -> String {
    let name = format!("{}{}", case.name.shown, case.name.iteration_suffix());
    let mut classname = case.name.collection.clone();
    for folder in &case.name.folders {
        classname.push_str("::");
        classname.push_str(folder);
    }
    let mut out = format!(
        "    <testcase name=\"{}\" classname=\"{}\" time=\"{:.3}\">\n",
        xml(&name),
        xml(&classname),
        case.duration.as_secs_f64()
    );
    let message = case
        .problems()
        .next()
        .map(|(c, m)| format!("{c}: {m}"))
        .or_else(|| match case.verdict {
            Verdict::NotRun => case.skip_reason.as_ref().map(|r| format!("not run: {r}")),
            _ => case.skip_reason.clone(),
        })
        .unwrap_or_default();
    let detail = || {
        detail_lines(case)
            .iter()
            .map(|l| l.render(false))
            .collect::<Vec<_>>()
            .join("\n")
    };
    match case.verdict {
        Verdict::Passed => {}
        Verdict::Skipped | Verdict::NotRun => {
            out.push_str(&format!("      <skipped message=\"{}\"/>\n", xml(&message)))
        }
        Verdict::Failed | Verdict::Error => {
            let tag = if case.verdict == Verdict::Failed {
                "failure"
            } else {
                "error"
            };
            out.push_str(&format!(
                "      <{tag} message=\"{}\" type=\"{tag}\">{}</{tag}>\n",
                xml(&message),
                xml(&detail())
            ));
        }
    }
    out.push_str(&format!(
        "      <system-out>{}</system-out>\n",
        xml(&exchange(case))
    ));
    out.push_str("    </testcase>\n");
    out
}

impl<W: Write> JunitReport<W> {
    /// A report that will be written to `out` at the end of the run.
    pub fn new(out: W) -> io::Result<Self> {
        Ok(JunitReport {
            out,
            suites: Spool::new("junit")?,
            totals: Counts::default(),
            suite: None,
            error: None,
        })
    }

    fn open_suite(&mut self, name: String) -> io::Result<()> {
        self.close_suite()?;
        self.suite = Some(Suite {
            name,
            file: None,
            counts: Counts::default(),
            spool: Spool::new("junit")?,
        });
        Ok(())
    }

    fn close_suite(&mut self) -> io::Result<()> {
        let Some(mut suite) = self.suite.take() else {
            return Ok(());
        };
        let file = suite
            .file
            .as_deref()
            .map(|f| format!(" file=\"{}\"", xml(f)))
            .unwrap_or_default();
        writeln!(
            self.suites,
            "  <testsuite name=\"{}\" {}{file}>",
            xml(&suite.name),
            suite.counts.attributes()
        )?;
        suite.spool.copy_all(&mut self.suites)?;
        self.suites.write_all(b"  </testsuite>\n")?;
        self.totals.add(suite.counts);
        Ok(())
    }

    fn case(&mut self, case: &CaseResult) -> io::Result<()> {
        if self.suite.is_none() {
            self.open_suite(case.name.collection.clone())?;
        }
        let Some(suite) = self.suite.as_mut() else {
            return Ok(());
        };
        if suite.file.is_none() {
            suite.file = Some(case.file.display().to_string());
        }
        suite.spool.write_all(testcase(case).as_bytes())?;
        let c = &mut suite.counts;
        c.tests += 1;
        c.time += case.duration;
        match case.verdict {
            Verdict::Failed => c.failures += 1,
            Verdict::Error => c.errors += 1,
            Verdict::Skipped | Verdict::NotRun => c.skipped += 1,
            Verdict::Passed => {}
        }
        Ok(())
    }
}

impl<W: Write> Reporter for JunitReport<W> {
    fn event(&mut self, event: &RunEvent) {
        if self.error.is_some() {
            return;
        }
        let result = match event {
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
                if self.suite.as_ref().map(|s| s.name.as_str()) == Some(name.as_str()) {
                    Ok(())
                } else {
                    self.open_suite(name)
                }
            }
            RunEvent::CaseFinished(case) => self.case(case),
            RunEvent::RunStarted { .. } => Ok(()),
        };
        if let Err(e) = result {
            self.error = Some(e);
        }
    }

    fn finish(&mut self, s: &RunSummary) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.close_suite()?;
        let mut totals = self.totals;
        totals.time = s.duration;
        writeln!(self.out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            self.out,
            "<testsuites name=\"pmcheck\" {}>",
            totals.run_attributes()
        )?;
        self.suites.copy_all(&mut self.out)?;
        writeln!(self.out, "</testsuites>")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_invalid_characters() {
        assert_eq!(
            xml("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\u{FFFD}"
        );
    }
}
