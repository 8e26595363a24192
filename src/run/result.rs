//! What happened to one step, as data: its name, the exchange, and each check's outcome.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::outcome::CheckOutcome;
use crate::check::{Check, ExampleMismatch, Expectation, Failure, SchemaViolations, Violation};
use crate::collection::{Step, display_name};
use crate::http::Call;
use crate::request::RequestSpec;
use crate::script::{Assertion, ConsoleLine, NextRequest};

/// Bytes of a response body kept in a result for reports.
pub const BODY_EXCERPT: usize = 16 * 1024;

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every check held.
    Passed,
    /// The target answered but did not conform.
    Failed,
    /// The case could not be made or judged (bad request definition, network failure,
    /// non-JSON body where a schema applies).
    Error,
    /// Not run (sidecar `skip`, or simulator-only against another target).
    Skipped,
    /// Not reached: the flow ended before it (`setNextRequest(null)`, a jump to a request
    /// not in the flow, a stopped loop) or its jumps passed over it. The reason is in
    /// [`CaseResult::skip_reason`].
    NotRun,
}

impl Verdict {
    /// The verdict's name in the machine-readable reports (`passed`, `failed`, `error`,
    /// `skipped`, `not_run`).
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Failed => "failed",
            Verdict::Error => "error",
            Verdict::Skipped => "skipped",
            Verdict::NotRun => "not_run",
        }
    }
}

/// The name of a case: where its request is in the collection, and which iteration of
/// how many ran it.
///
/// Displays as the test name: `collection::folder::…::request`, ` #2` on the second
/// same-named request of a folder (as `pmcheck list` prints the step), then ` [iter N]`
/// when the run has several iterations.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CaseName {
    /// The collection's name.
    pub collection: String,
    /// The enclosing folders, outermost first.
    pub folders: Vec<String>,
    /// The request's name ("" for an unnamed request, as Newman reports it).
    pub request: String,
    /// The request as its test name shows it: its name, or an unnamed request's URL as
    /// written (as `pmcheck list` prints it).
    pub shown: String,
    /// Which of the same-named requests of its folder this is, from 2 on; `None` for the
    /// first.
    pub duplicate: Option<usize>,
    /// 1-based iteration.
    pub iteration: usize,
    /// Iterations of the run.
    pub iterations: usize,
}

impl CaseName {
    /// The name of `step` of the collection called `collection` in iteration `iteration`
    /// of `iterations`.
    pub fn of(step: &Step, collection: &str, iteration: usize, iterations: usize) -> Self {
        CaseName {
            collection: collection.to_string(),
            folders: step.folders.clone(),
            request: step.name.clone(),
            shown: display_name(&step.name, &step.request).to_string(),
            duplicate: step.duplicate,
            iteration,
            iterations,
        }
    }

    /// Collection, folders and request, in order.
    pub fn path(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.collection.as_str())
            .chain(self.folders.iter().map(String::as_str))
            .chain(std::iter::once(self.request.as_str()))
    }

    /// ` [iter N]` when the run has several iterations, else nothing.
    pub fn iteration_suffix(&self) -> IterationSuffix {
        IterationSuffix(self.iteration, self.iterations)
    }
}

impl fmt::Display for CaseName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.collection)?;
        for folder in &self.folders {
            write!(f, "::{folder}")?;
        }
        write!(f, "::{}", self.shown)?;
        if let Some(n) = self.duplicate {
            write!(f, " #{n}")?;
        }
        self.iteration_suffix().fmt(f)
    }
}

/// ` [iter N]` of a case of a run with several iterations; empty otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IterationSuffix(usize, usize);

impl fmt::Display for IterationSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.1 > 1 {
            write!(f, " [iter {}]", self.0)
        } else {
            Ok(())
        }
    }
}

/// What happened to one step: plain data, already redacted.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The case's name.
    pub name: CaseName,
    /// The collection file.
    pub file: PathBuf,
    /// 1-based line of the request's item in [`CaseResult::file`], when known.
    pub line: Option<usize>,
    /// The request as built (redacted), when it could be built.
    pub request: Option<RequestSpec>,
    /// What was really exchanged (redacted; body cut to [`BODY_EXCERPT`]).
    pub call: Option<Call>,
    /// True when `call`'s response body was cut.
    pub body_truncated: bool,
    /// Overall verdict.
    pub verdict: Verdict,
    /// The statuses that were allowed.
    pub expectation: Option<Expectation>,
    /// Each check made, in order.
    pub checks: Vec<(Check, CheckOutcome)>,
    /// Schema applied to the body, if any.
    pub schema: Option<String>,
    /// Why the case was skipped, or not run.
    pub skip_reason: Option<String>,
    /// Variables referenced but not defined (sent literally, as Postman does).
    pub unresolved: Vec<String>,
    /// Wall time of the exchange.
    pub duration: Duration,
    /// Assertions of the pre-request and test scripts (`pm.test`, `tests[…]`), in order.
    pub assertions: Vec<Assertion>,
    /// What the scripts logged (`console.*`).
    pub console: Vec<ConsoleLine>,
    /// `setNextRequest` from a script.
    pub next_request: Option<NextRequest>,
}

impl CaseResult {
    /// A result that has not run yet (verdict [`Verdict::Error`] until judged).
    pub(super) fn new(name: CaseName, file: PathBuf) -> Self {
        CaseResult {
            name,
            file,
            line: None,
            request: None,
            call: None,
            body_truncated: false,
            verdict: Verdict::Error,
            expectation: None,
            checks: Vec::new(),
            schema: None,
            skip_reason: None,
            unresolved: Vec::new(),
            duration: Duration::ZERO,
            assertions: Vec::new(),
            console: Vec::new(),
            next_request: None,
        }
    }

    /// True unless the case failed or errored.
    pub fn ok(&self) -> bool {
        matches!(
            self.verdict,
            Verdict::Passed | Verdict::Skipped | Verdict::NotRun
        )
    }

    /// The checks that did not pass, with their outcomes.
    pub fn problems(&self) -> impl Iterator<Item = (Check, &CheckOutcome)> {
        self.checks
            .iter()
            .filter(|(_, o)| !matches!(o, CheckOutcome::Passed))
            .map(|(c, o)| (*c, o))
    }

    /// The schema check's findings, when the body violated its schema.
    pub fn schema_violations(&self) -> Option<&SchemaViolations> {
        self.checks.iter().find_map(|(_, o)| match o {
            CheckOutcome::Failed(Failure::Schema(v)) => Some(v),
            _ => None,
        })
    }

    /// Schema violations (sorted, capped); empty when the body conforms.
    pub fn violations(&self) -> &[Violation] {
        self.schema_violations()
            .map_or(&[], |v| v.violations.as_slice())
    }

    /// Number of schema violations before the cap.
    pub fn violations_total(&self) -> usize {
        self.schema_violations().map_or(0, |v| v.total)
    }

    /// How the body differs from the saved examples of its status, when it does: the
    /// closest example's name and the diff against it.
    pub fn example_mismatch(&self) -> Option<&ExampleMismatch> {
        self.checks.iter().find_map(|(_, o)| match o {
            CheckOutcome::Failed(Failure::Example(m)) => Some(m),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::{LoadedCollection, Selection, parse_collection, plan};

    #[test]
    fn names_display_as_the_step_ids() {
        let json = r#"{"info":{"name":"C","schema":"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
          "item":[{"name":"root","request":"http://h/"},
            {"name":"F","item":[{"name":"a","request":"http://h/a"},
              {"name":"G","item":[{"name":"b","request":"http://h/b"}]},
              {"name":"a","request":"http://h/a"}]}]}"#;
        let collection = parse_collection(std::path::Path::new("t.json"), json.as_bytes())
            .expect("the collection parses");
        let plan = plan(
            vec![LoadedCollection {
                path: "t.json".into(),
                collection,
                sidecar: None,
            }],
            &Selection::default(),
        )
        .expect("the collection plans");
        let c = &plan.collections[0];
        for step in &c.steps {
            assert_eq!(CaseName::of(step, &c.name, 1, 1).to_string(), step.id);
            assert_eq!(
                CaseName::of(step, &c.name, 2, 3).to_string(),
                step.test_name(2, 3)
            );
        }
        let dup = CaseName::of(&c.steps[3], &c.name, 1, 1);
        assert_eq!(dup.duplicate, Some(2));
        assert_eq!(dup.path().collect::<Vec<_>>(), ["C", "F", "a"]);
    }
}
