//! GitHub Actions output: workflow-command annotations on the request's line in its
//! collection file (`::error` per failed or errored case, `::warning` per case skipped or
//! not run and per case that sent undefined variables), and a Markdown job summary
//! (totals, then each failure with its reason) appended to `GITHUB_STEP_SUMMARY`.

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::Reporter;
use super::detail::{display_path, reason, unresolved};
use crate::run::{CaseResult, RunEvent, RunSummary, Verdict};

/// Failures listed in the job summary; the rest are counted.
const SUMMARY_ROWS: usize = 200;

/// Where the workflow keeps its files, as GitHub's variables say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GithubContext {
    /// The folder `file=` paths are relative to; `None`: the current directory.
    pub workspace: Option<PathBuf>,
    /// The job summary file the Markdown summary is appended to; `None`: no summary.
    pub step_summary: Option<PathBuf>,
}

impl GithubContext {
    /// `GITHUB_WORKSPACE` and `GITHUB_STEP_SUMMARY` (empty values count as unset).
    pub fn from_env() -> Self {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        GithubContext {
            workspace: var("GITHUB_WORKSPACE"),
            step_summary: var("GITHUB_STEP_SUMMARY"),
        }
    }
}

/// A failure as the job summary lists it.
struct Row {
    what: &'static str,
    name: String,
    reason: String,
}

/// Writes workflow commands to a writer (stdout in CI) and the job summary at the end.
pub struct GithubReport<W: Write> {
    out: W,
    workspace: Option<PathBuf>,
    step_summary: Option<PathBuf>,
    /// Each collection file as `file=` names it.
    files: HashMap<PathBuf, String>,
    rows: Vec<Row>,
    unlisted: usize,
}

impl<W: Write> GithubReport<W> {
    /// Annotations written to `out`, with paths and the summary file from `context`.
    pub fn new(out: W, context: GithubContext) -> Self {
        let workspace = context
            .workspace
            .or_else(|| std::env::current_dir().ok())
            .map(|w| w.canonicalize().unwrap_or(w));
        GithubReport {
            out,
            workspace,
            step_summary: context.step_summary,
            files: HashMap::new(),
            rows: Vec::new(),
            unlisted: 0,
        }
    }

    /// The `file=` and `line=` properties of `case`.
    fn location(&mut self, case: &CaseResult) -> String {
        let workspace = self.workspace.as_deref();
        let file = self
            .files
            .entry(case.file.clone())
            .or_insert_with(|| relative(&case.file, workspace));
        match case.line {
            Some(line) => format!("file={},line={line}", property(file)),
            None => format!("file={}", property(file)),
        }
    }

    fn annotate(&mut self, level: &str, case: &CaseResult, message: &str) {
        let location = self.location(case);
        let _ = writeln!(
            self.out,
            "::{level} {location},title={}::{}",
            property(&display_path(case)),
            data(message)
        );
    }

    fn case(&mut self, case: &CaseResult) {
        let why = || case.skip_reason.as_deref().unwrap_or_default().to_string();
        match case.verdict {
            Verdict::NotRun => self.annotate("warning", case, &format!("not run: {}", why())),
            Verdict::Skipped => self.annotate("warning", case, &format!("skipped: {}", why())),
            Verdict::Failed | Verdict::Error => {
                let mut message: Vec<String> =
                    case.problems().map(|(c, m)| format!("{c}: {m}")).collect();
                for v in case.violations() {
                    let pointer = if v.pointer.is_empty() {
                        "(root)"
                    } else {
                        &v.pointer
                    };
                    message.push(format!("{pointer} [{}] {}", v.keyword, v.message));
                }
                self.annotate("error", case, &message.join("\n"));
                if self.rows.len() < SUMMARY_ROWS {
                    self.rows.push(Row {
                        what: if case.verdict == Verdict::Failed {
                            "✗ failed"
                        } else {
                            "! error"
                        },
                        name: display_path(case),
                        reason: reason(case).unwrap_or_default(),
                    });
                } else {
                    self.unlisted += 1;
                }
            }
            Verdict::Passed => {}
        }
        if let Some((names, sent)) = unresolved(case) {
            let how = if sent {
                "undefined variables, sent literally"
            } else {
                "undefined variables"
            };
            self.annotate("warning", case, &format!("{how}: {names}"));
        }
    }

    /// Appends the Markdown summary to the job summary file, if there is one.
    fn write_summary(&mut self, s: &RunSummary) -> io::Result<()> {
        let Some(path) = &self.step_summary else {
            return Ok(());
        };
        let text = markdown(s, &self.rows, self.unlisted);
        let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(named)?;
        file.write_all(text.as_bytes()).map_err(named)
    }
}

/// `file` relative to `workspace` with `/` separators, or as given when it lies outside.
fn relative(file: &Path, workspace: Option<&Path>) -> String {
    let absolute = if file.is_absolute() {
        file.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| file.to_path_buf(), |d| d.join(file))
    };
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    let shown = workspace
        .and_then(|w| absolute.strip_prefix(w).ok())
        .unwrap_or(file);
    shown.to_string_lossy().replace('\\', "/")
}

/// The job summary: a heading, the totals table, then the failures with their reasons.
fn markdown(s: &RunSummary, rows: &[Row], unlisted: usize) -> String {
    let verdict = if s.ok() { "passed" } else { "did not pass" };
    let mut out = format!(
        "### pmcheck: {} requests, {verdict}\n\n\
         | passed | failed | errors | skipped | not run | total | time |\n\
         |---:|---:|---:|---:|---:|---:|---:|\n\
         | {} | {} | {} | {} | {} | {} | {:.2} s |\n",
        s.total,
        s.passed,
        s.failed,
        s.errors,
        s.skipped,
        s.not_run,
        s.total,
        s.duration.as_secs_f64()
    );
    if !rows.is_empty() {
        out.push_str("\n| | request | reason |\n|---|---|---|\n");
        for r in rows {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                r.what,
                markdown_text(&r.name),
                markdown_text(&r.reason)
            ));
        }
        if unlisted > 0 {
            out.push_str(&format!("\n… and {unlisted} more not listed.\n"));
        }
    }
    if s.bailed {
        out.push_str("\nStopped early (`--bail`).\n");
    }
    if !s.unresolved.is_empty() {
        out.push_str(&format!(
            "\nUndefined variables, sent literally: {}\n",
            markdown_text(&s.unresolved.join(", "))
        ));
    }
    out.push('\n');
    out
}

/// Text safe in a Markdown table cell: no markup, HTML or line breaks of its own.
fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' | '\n' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '{' | '}' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
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
        if let RunEvent::CaseFinished(case) = event {
            self.case(case);
        }
    }

    fn finish(&mut self, s: &RunSummary) -> io::Result<()> {
        self.out.flush()?;
        self.write_summary(s)
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

    #[test]
    fn markdown_cells_carry_no_markup() {
        assert_eq!(
            markdown_text("a|b\n<img src=x> **x** [l](u) `c` &amp;"),
            r"a\|b &lt;img src=x&gt; \*\*x\*\* \[l\](u) \`c\` &amp;amp;"
        );
    }

    #[test]
    fn paths_are_relative_to_the_workspace() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().canonicalize().expect("the folder exists");
        let file = root.join("api/c.postman_collection.json");
        assert_eq!(
            relative(&file, Some(&root)),
            "api/c.postman_collection.json"
        );
        assert_eq!(
            relative(&file, Some(&root.join("elsewhere"))),
            file.to_string_lossy()
        );
    }
}
