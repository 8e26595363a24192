//! The HTML report (`-r html`, `--reporter-html-export`): one self-contained page (inline
//! style and script, a Content-Security-Policy that lets nothing load) with the run's
//! totals, a chart per folder, every request with its iterations side by side, and
//! filters. Each case is rendered as it finishes into a temporary file, so memory holds
//! where each case's HTML is, not results or HTML.

mod case;
mod escape;
mod model;
mod render;

use std::io::{self, Write};

use super::Reporter;
use super::spool::Spool;
use crate::run::{RunEvent, RunSummary};
use case::CaseHtml;
use model::Model;

/// Writes the HTML report to a writer (a file given with `--reporter-html-export`) when
/// the run ends.
pub struct HtmlReport<W: Write> {
    out: W,
    model: Model,
    spool: Spool,
    error: Option<io::Error>,
}

impl<W: Write> HtmlReport<W> {
    /// A report that writes to `out` when the run finishes; it fails only when its
    /// temporary file cannot be created.
    pub fn new(out: W) -> io::Result<Self> {
        Ok(HtmlReport {
            out,
            model: Model::default(),
            spool: Spool::new("html")?,
            error: None,
        })
    }
}

impl<W: Write> Reporter for HtmlReport<W> {
    fn event(&mut self, event: &RunEvent) {
        if self.error.is_some() {
            return;
        }
        match event {
            RunEvent::RunStarted { collections, .. } => {
                self.model.collections = collections.clone();
            }
            RunEvent::CaseFinished(case) => match self.spool.push(&CaseHtml(case).to_string()) {
                Ok(html) => self.model.add(case, case::reason(case), html),
                Err(e) => self.error = Some(e),
            },
            _ => {}
        }
    }

    fn finish(&mut self, summary: &RunSummary) -> io::Result<()> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        render::write_page(&mut self.out, &self.model, &mut self.spool, summary)
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::Duration;

    use scraper::{Html, Selector};

    use super::*;
    use crate::check::{
        Check, CompareMode, DiffLine, ExampleMismatch, Failure, SchemaViolations, Violation,
    };
    use crate::http::{Call, Response, SentRequest, Timings};
    use crate::run::{CaseName, CaseResult, CheckOutcome, CollectionHeader, Verdict};
    use crate::script::{Assertion, AssertionStatus, ConsoleLine};

    const HOSTILE: &str = "</pre></td></table></details></script><script>alert(1)</script>\
                           <img src=x onerror=alert(2)>\" onclick=\"alert(3)' x='";

    /// A failed case whose every text a report shows is hostile.
    fn hostile_case(iteration: usize) -> CaseResult {
        let h = HOSTILE.to_string();
        let pair = vec![(h.clone(), h.clone())];
        CaseResult {
            name: CaseName {
                collection: h.clone(),
                folders: vec![h.clone()],
                request: h.clone(),
                shown: h.clone(),
                duplicate: None,
                iteration,
                iterations: 2,
            },
            file: PathBuf::from("hostile.json"),
            line: Some(7),
            request: None,
            call: Some(Call {
                sent: SentRequest {
                    method: h.clone(),
                    url: h.clone(),
                    headers: pair.clone(),
                    body: Some(HOSTILE.as_bytes().to_vec()),
                },
                response: Response {
                    status: 400,
                    reason: h.clone(),
                    http_version: h.clone(),
                    headers: pair,
                    body: HOSTILE.as_bytes().to_vec(),
                    url: h.clone(),
                },
                timings: Timings {
                    total: Duration::from_millis(3),
                    headers: Duration::from_millis(2),
                },
            }),
            body_truncated: false,
            verdict: Verdict::Failed,
            expectation: None,
            checks: vec![
                (
                    Check::Schema,
                    CheckOutcome::Failed(Failure::Schema(SchemaViolations {
                        schema: h.clone(),
                        violations: vec![Violation {
                            pointer: h.clone(),
                            keyword: h.clone(),
                            message: h.clone(),
                            schema_path: h.clone(),
                        }],
                        total: 1,
                    })),
                ),
                (
                    Check::Example,
                    CheckOutcome::Failed(Failure::Example(ExampleMismatch {
                        mode: CompareMode::Exact,
                        example: h.clone(),
                        compared: 2,
                        diff: vec![DiffLine {
                            sign: '+',
                            text: h.clone(),
                        }],
                    })),
                ),
            ],
            schema: Some(h.clone()),
            skip_reason: Some(h.clone()),
            unresolved: vec![h.clone()],
            duration: Duration::from_millis(3),
            assertions: vec![Assertion {
                name: h.clone(),
                status: AssertionStatus::Failed(h.clone()),
            }],
            console: vec![ConsoleLine {
                level: h.clone(),
                text: h,
            }],
            next_request: None,
        }
    }

    fn page(cases: &[CaseResult], summary: &RunSummary) -> String {
        let mut report = HtmlReport::new(Vec::new()).expect("a temporary file");
        report.event(&RunEvent::RunStarted {
            requests: cases.len(),
            collections: vec![CollectionHeader {
                name: HOSTILE.into(),
                target: HOSTILE.into(),
                schemas: HOSTILE.into(),
            }],
        });
        for c in cases {
            report.event(&RunEvent::CaseFinished(Box::new(c.clone())));
        }
        report.finish(summary).expect("a Vec takes every write");
        String::from_utf8(report.out).expect("the page is UTF-8")
    }

    #[test]
    fn hostile_names_and_bodies_cannot_inject_markup() {
        let summary = RunSummary {
            total: 2,
            failed: 2,
            unresolved: vec![HOSTILE.into()],
            ..RunSummary::default()
        };
        let html = page(&[hostile_case(1), hostile_case(2)], &summary);
        let doc = Html::parse_document(&html);
        let count = |css: &str| doc.select(&Selector::parse(css).expect("CSS")).count();
        assert_eq!(count("script"), 2, "only the page's own scripts");
        assert_eq!(
            count("img") + count("[onerror]") + count("[onclick]") + count("[x='']"),
            0
        );
        // The page's structure is intact: one case, both iterations side by side, all
        // its tables.
        assert_eq!(count("details.case"), 1);
        assert_eq!(count("details.case .iters > section.iter"), 2);
        assert_eq!(count(".violations table"), 2);
        // And the hostile text is there, as text.
        let pre = doc
            .select(&Selector::parse(".response pre.body").expect("CSS"))
            .next()
            .expect("the response body");
        assert_eq!(pre.text().collect::<String>(), HOSTILE);
        // The summary's JSON cannot close its script element, and still parses.
        let data = doc
            .select(&Selector::parse("#pmcheck-summary").expect("CSS"))
            .next()
            .expect("the summary");
        let value: serde_json::Value =
            serde_json::from_str(&data.text().collect::<String>()).expect("JSON");
        assert_eq!(value["unresolved"][0], HOSTILE);
    }

    #[test]
    fn iterations_group_by_request_and_folders_tally_cases() {
        let mut other = hostile_case(1);
        other.name.request = "other".into();
        other.name.shown = "other".into();
        other.name.folders.clear();
        other.verdict = Verdict::Passed;
        let html = page(
            &[hostile_case(1), other, hostile_case(2)],
            &RunSummary::default(),
        );
        let doc = Html::parse_document(&html);
        let select = |css: &str| {
            doc.select(&Selector::parse(css).expect("CSS"))
                .map(|e| e.text().collect::<String>())
                .collect::<Vec<_>>()
        };
        assert_eq!(select("details.case").len(), 2);
        assert_eq!(select("details.case .mark-sq").len(), 3);
        // The collection counts its three cases, its folder the two below it.
        assert_eq!(
            select("table.chart td.nums"),
            ["1 passed · 2 failed", "2 failed"]
        );
    }

    #[test]
    fn bodies_and_diffs_are_cut_and_say_so() {
        let mut big = hostile_case(1);
        let call = big.call.as_mut().expect("the case has a call");
        // 4096 falls inside an `é`: the cut goes back to the character before it.
        call.response.body = format!("x{}", "é".repeat(10_000)).into_bytes();
        big.body_truncated = true;
        big.checks = vec![(
            Check::Example,
            CheckOutcome::Failed(Failure::Example(ExampleMismatch {
                mode: CompareMode::Shape,
                example: "Success".into(),
                compared: 1,
                diff: (0..1000)
                    .map(|i| DiffLine {
                        sign: '+',
                        text: i.to_string(),
                    })
                    .collect(),
            })),
        )];
        big.skip_reason = Some("r".repeat(1000));
        let html = page(&[big], &RunSummary::default());
        let doc = Html::parse_document(&html);
        let text = |css: &str| {
            doc.select(&Selector::parse(css).expect("CSS"))
                .map(|e| e.text().collect::<String>())
                .collect::<Vec<_>>()
        };
        let body = &text(".response pre.body")[0];
        assert_eq!(body.len(), case::BODY_EXCERPT - 1);
        assert!(body.ends_with('é'));
        let notes = text(".response p.dim");
        assert_eq!(
            notes,
            ["body cut: the first 4095 of more than 20001 bytes shown"]
        );
        let reason = &text("summary .reason")[0];
        assert_eq!(reason, &format!("{}…", "r".repeat(300)));
        let lines = text(".diff-lines span");
        assert_eq!(lines.len(), 401);
        assert_eq!(lines[400], "… 600 more line(s)");
    }
}
