//! GitHub Actions annotations: one `::error` per failed or errored case, one `::warning`
//! per case not run.

use std::io::Write;

use super::Reporter;
use super::detail::display_path;
use crate::run::{RunEvent, RunSummary, Verdict};

/// Writes workflow commands to a writer (stdout in CI).
pub struct GithubReport<W: Write> {
    out: W,
}

impl<W: Write> GithubReport<W> {
    /// Annotations written to `out`.
    pub fn new(out: W) -> Self {
        GithubReport { out }
    }
}

/// Escapes a message (`%`, CR, LF).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

impl<W: Write> Reporter for GithubReport<W> {
    fn event(&mut self, event: &RunEvent) {
        let RunEvent::CaseFinished(case) = event else {
            return;
        };
        if case.verdict == Verdict::NotRun {
            let _ = writeln!(
                self.out,
                "::warning file={},title={}::{}",
                property(&case.file.display().to_string()),
                property(&display_path(case)),
                data(&format!(
                    "not run: {}",
                    case.skip_reason.as_deref().unwrap_or_default()
                ))
            );
            return;
        }
        if !matches!(case.verdict, Verdict::Failed | Verdict::Error) {
            return;
        }
        let mut message: Vec<String> = case.problems().map(|(c, m)| format!("{c}: {m}")).collect();
        for v in case.violations() {
            let pointer = if v.pointer.is_empty() {
                "(root)"
            } else {
                &v.pointer
            };
            message.push(format!("{pointer} [{}] {}", v.keyword, v.message));
        }
        let _ = writeln!(
            self.out,
            "::error file={},title={}::{}",
            property(&case.file.display().to_string()),
            property(&display_path(case)),
            data(&message.join("\n"))
        );
    }

    fn finish(&mut self, _: &RunSummary) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_workflow_command_syntax() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
