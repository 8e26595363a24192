//! What a run says as it goes: its events, its totals, and the tally that counts the
//! events as they are emitted and decides when `--bail` stops the run.

use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use super::case::{CaseResult, Verdict};
use super::final_state::FinalState;
use super::stop::Stopped;
use crate::http::HttpError;

/// What a run reports as it goes.
#[derive(Debug, Clone)]
pub enum RunEvent {
    /// The run begins: what it will run, and where.
    RunStarted {
        /// Requests in the plan.
        requests: usize,
        /// The collections of the plan, in order, each with its target and schemas.
        collections: Vec<CollectionHeader>,
    },
    /// A collection's iteration begins.
    IterationStarted {
        /// Collection name.
        collection: String,
        /// 1-based iteration.
        iteration: usize,
        /// Total iterations.
        of: usize,
    },
    /// A case finished.
    CaseFinished(Box<CaseResult>),
}

/// What a run says about one collection before it starts: where its requests go and
/// what judges their bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionHeader {
    /// The collection's name.
    pub name: String,
    /// Where its requests go: `embedded simulator at http://127.0.0.1:PORT (--target)`,
    /// `https://tenant.example (sidecar NAME.pmcheck.toml)`, `URLs as written`.
    pub target: String,
    /// Where its schemas come from.
    pub schemas: String,
}

/// Totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Cases reported (those not run included).
    pub total: usize,
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Cases that errored.
    pub errors: usize,
    /// Cases skipped.
    pub skipped: usize,
    /// Cases not run: the flow ended before them or its jumps passed over them.
    pub not_run: usize,
    /// Distinct unresolved variable names.
    pub unresolved: Vec<String>,
    /// True when `--bail` stopped the run early.
    pub bailed: bool,
    /// True when a `setNextRequest` loop hit the execution cap.
    pub loop_stopped: bool,
    /// What stopped the run before every step ran (`--timeout`, a signal): the steps left
    /// are reported as not run.
    pub stopped: Option<Stopped>,
    /// Wall time.
    pub duration: Duration,
    /// The variables and cookies the run leaves, for the exports.
    pub state: FinalState,
}

impl RunSummary {
    /// True when no case failed or errored.
    pub fn ok(&self) -> bool {
        self.failed == 0 && self.errors == 0
    }
}

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The HTTP client could not be built.
    #[error(transparent)]
    Http(#[from] HttpError),
    /// A thread's async runtime could not be started.
    #[error("cannot start an async runtime: {0}")]
    Runtime(#[from] std::io::Error),
}

/// Totals kept while events are emitted, in emission order.
pub(crate) struct Tally<'e> {
    on_event: &'e mut (dyn FnMut(RunEvent) + Send),
    pub summary: RunSummary,
    unresolved: BTreeSet<String>,
    bail: bool,
}

impl<'e> Tally<'e> {
    pub fn new(on_event: &'e mut (dyn FnMut(RunEvent) + Send), bail: bool) -> Self {
        Tally {
            on_event,
            summary: RunSummary::default(),
            unresolved: BTreeSet::new(),
            bail,
        }
    }

    /// Emits an event; `Break` when `--bail` stops the run at this case.
    pub fn emit(&mut self, event: RunEvent) -> ControlFlow<()> {
        let mut stop = false;
        if let RunEvent::CaseFinished(result) = &event {
            let s = &mut self.summary;
            s.total += 1;
            match result.verdict {
                Verdict::Passed => s.passed += 1,
                Verdict::Failed => s.failed += 1,
                Verdict::Error => s.errors += 1,
                Verdict::Skipped => s.skipped += 1,
                Verdict::NotRun => s.not_run += 1,
            }
            self.unresolved.extend(result.unresolved.iter().cloned());
            stop = self.bail && !result.ok();
        }
        (self.on_event)(event);
        if stop {
            self.summary.bailed = true;
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    pub fn finish(mut self, started: Instant) -> RunSummary {
        self.summary.unresolved = self.unresolved.into_iter().collect();
        self.summary.duration = started.elapsed();
        self.summary
    }
}

impl RunEvent {
    /// The event that begins a run of `session`.
    pub(crate) fn started(session: &crate::session::Session) -> Self {
        let collections = session
            .plan
            .collections
            .iter()
            .enumerate()
            .map(|(c, collection)| CollectionHeader {
                name: collection.name.clone(),
                target: session.target(c).describe(),
                schemas: session
                    .schemas
                    .per_collection
                    .get(c)
                    .map_or_else(|| "no schemas".into(), |s| s.describe()),
            })
            .collect();
        RunEvent::RunStarted {
            requests: session.plan.len(),
            collections,
        }
    }
}
