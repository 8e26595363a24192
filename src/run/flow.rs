//! The one flow engine: [`FlowRun`] runs a sequence of steps of one collection and
//! iteration in order, with its own scope and dynamic variables, Postman's
//! `setNextRequest` jumps among those steps, a cap on repeated executions, the
//! `--delay-request` pause and the skip rule. The sequential run, `--jobs N` and the
//! `cargo test` trials all drive it; they differ only in which steps make a flow and where
//! its scope comes from (see [`super::units`]).
//!
//! A flow hands out a case for every step it has: once it is over, a loop the cap stopped
//! is an error case naming the requests it went between, and each step that never ran
//! (the flow ended before it, or its jumps passed over it) a [`Verdict::NotRun`] case
//! saying why.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::case::{CaseContext, CaseId, CaseResult, Judge, Ran, Verdict, respond};
use super::events::RunError;
use super::lane::Lane;
use super::outcome::{CaseError, CheckOutcome, LoopStopped, LoopedRequest};
use super::scripts::{Scripts, SideClient};
use super::stop::{RunStop, Stopped};
use super::token::TokenCache;
use crate::check::Check;
use crate::collection::Step;
use crate::http::HttpClient;
use crate::redact::RedactorCache;
use crate::script::NextRequest;
use crate::session::{Session, flow_hash};
use crate::vars::{DynamicVars, Scope};

/// A `setNextRequest` loop stops after this many executions per step of the flow.
const MAX_REPEATS: usize = 100;

/// What every flow of a run shares: the session, the client scripts send with, the token
/// and redactor caches, and the count of requests started (for `--delay-request`).
pub(crate) struct Engine<'a> {
    /// The loaded, planned session.
    pub session: &'a Session,
    /// The client `pm.sendRequest` uses, and the template of each lane's client.
    pub side: SideClient,
    /// Tokens fetched for the sidecar's `[token]` and oauth2 client credentials.
    pub tokens: TokenCache,
    /// The run's last redactor, reused while the secrets are unchanged.
    pub redactors: RedactorCache,
    /// Iterations of every collection.
    pub iterations: usize,
    /// The run's deadline (`--timeout`) and the caller's stop signal.
    pub stop: RunStop,
    /// Requests started so far.
    started: AtomicUsize,
}

impl<'a> Engine<'a> {
    /// The engine of a run of `session`; `runtime` carries what scripts send with
    /// `pm.sendRequest`.
    pub fn new(session: &'a Session, runtime: tokio::runtime::Handle) -> Result<Self, RunError> {
        let options = &session.options;
        let client = HttpClient::new(&options.http)?;
        if let Some(file) = &options.cookie_jar.0 {
            // Checked when loaded: a cookie that fails now has expired since, and is
            // left out as an expired one is.
            let _ = client.jar().restore(file);
        }
        Ok(Engine {
            session,
            side: SideClient::new(client, runtime),
            tokens: TokenCache::default(),
            redactors: RedactorCache::default(),
            iterations: options.iteration_count(),
            stop: RunStop::new(options),
            started: AtomicUsize::new(0),
        })
    }

    /// A runtime and client for the `n`th thread that runs steps. Each such thread drives
    /// its own single-threaded runtime, on which its connections live too: a request and
    /// its connection never wait for another thread. The first uses the run's client
    /// (which has opened no connection), the others a fork of it.
    pub fn thread(&self, n: usize) -> Result<(tokio::runtime::Runtime, HttpClient), RunError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let template = self.side.template();
        let client = if n == 0 {
            template.clone()
        } else {
            template.fork()?
        };
        Ok((runtime, client))
    }

    /// A fresh script engine for a thread that runs steps; no script runs past the run's
    /// deadline.
    pub fn scripts(&self) -> RefCell<Scripts> {
        let mut limits = self.session.options.script_limits;
        limits.deadline = self.stop.deadline();
        RefCell::new(Scripts::new(limits))
    }

    /// The dynamic variables of a flow that runs on its own (`--jobs N`, `cargo test`):
    /// seeded runs stay reproducible whatever the scheduling, as each flow and iteration
    /// draws from its own sequence.
    pub fn flow_dynamic(&self, c: usize, flow: &str, iteration: usize) -> DynamicVars {
        let collection = &self.session.plan.collections[c].name;
        let seed = self
            .session
            .options
            .seed
            .map(|s| s ^ flow_hash(collection, &format!("{flow} [iter {iteration}]")));
        DynamicVars::new(seed)
    }
}

/// A case as it leaves a flow: reported, or run only for its effect on the state.
pub(crate) struct Finished {
    /// The result.
    pub result: CaseResult,
    /// The step's index in its collection.
    pub step: usize,
    /// False for a setup request outside shard 1.
    pub reported: bool,
    /// For the error case of a stopped loop, the steps (indexes in the collection) the
    /// loop went between; empty for every other case.
    pub looped: Vec<usize>,
}

/// Why a flow ended before its last step.
enum End {
    /// `setNextRequest(null)` in the step at this position.
    Stopped { by: usize },
    /// `setNextRequest(name)` in the step at this position named no step of the flow.
    Unknown { by: usize, name: String },
    /// The cap on repeats stopped a loop; the step at this position was to run next.
    Looped { next: usize },
    /// The run stopped (`--timeout`, a signal) before the flow's next step.
    Halted(Stopped),
}

/// One flow's run: which steps, where it stands, and the state its steps share.
pub(crate) struct FlowRun {
    c: usize,
    iteration: usize,
    /// Indexes into the collection's steps, in the order they run.
    steps: Vec<usize>,
    /// Whether the flow's cases are reported (false for setup outside shard 1).
    reported: Vec<bool>,
    /// The position to run next; `None` once the flow is over.
    next: Option<usize>,
    executed: usize,
    /// Executions of each position so far.
    runs: Vec<usize>,
    /// Why the flow ended early, if it did.
    end: Option<End>,
    /// Once the flow is over, its last cases still to hand out (see [`FlowRun::ending`]).
    tail: Option<VecDeque<Finished>>,
    /// The variables the steps read and write.
    pub scope: Scope,
    /// The flow's dynamic variables.
    pub dynamic: DynamicVars,
}

impl FlowRun {
    /// A run of `steps` of collection `c` in iteration `iteration` from `scope`;
    /// `reported(step)` says whether a step's cases are reported.
    pub fn new(
        c: usize,
        iteration: usize,
        steps: Vec<usize>,
        reported: impl Fn(usize) -> bool,
        scope: Scope,
        dynamic: DynamicVars,
    ) -> Self {
        let reported = steps.iter().map(|&s| reported(s)).collect();
        FlowRun {
            c,
            iteration,
            next: (!steps.is_empty()).then_some(0),
            runs: vec![0; steps.len()],
            steps,
            reported,
            executed: 0,
            end: None,
            tail: None,
            scope,
            dynamic,
        }
    }

    /// True when a `setNextRequest` loop hit the execution cap.
    pub fn looped(&self) -> bool {
        matches!(self.end, Some(End::Looped { .. }))
    }

    /// The scope and dynamic variables, once the flow is over.
    pub fn into_state(self) -> (Scope, DynamicVars) {
        (self.scope, self.dynamic)
    }

    /// Runs the next step up to its answer (its checks may still be to do); `idle` is done
    /// just before its request is sent. `None` once the flow is over.
    async fn advance<'e>(
        &mut self,
        engine: &'e Engine<'e>,
        lane: Lane<'_>,
        idle: Option<&mut dyn FnMut()>,
    ) -> Option<(Ran<'e>, usize, bool)> {
        let position = self.next.filter(|&p| p < self.steps.len())?;
        let session = engine.session;
        let options = &session.options;
        let collection = &session.plan.collections[self.c];
        // A cap on executions keeps a script loop from running forever.
        let cap = self.steps.len().saturating_mul(MAX_REPEATS).max(1);
        if self.executed == cap {
            self.end = Some(End::Looped { next: position });
            self.next = None;
            return None;
        }
        if self.halted(engine) {
            return None;
        }
        if engine.started.fetch_add(1, Ordering::Relaxed) > 0 && !options.delay.is_zero() {
            let mut wake = tokio::time::Instant::now() + options.delay;
            if let Some(deadline) = engine.stop.deadline() {
                wake = wake.min(deadline.into());
            }
            tokio::time::sleep_until(wake).await;
            if self.halted(engine) {
                return None;
            }
        }
        self.executed += 1;
        self.runs[position] += 1;
        let index = self.steps[position];
        let step = &collection.steps[index];
        let mut ctx = CaseContext {
            client: lane.client,
            side: &engine.side,
            options,
            target: session.target(self.c),
            dynamic: &mut self.dynamic,
            sidecar: collection.sidecar.as_ref(),
            tokens: &engine.tokens,
            redactors: &engine.redactors,
            scripts: lane.scripts,
            // Shortens the idle work's lifetime to the case's.
            sender: lane.sender(idle.map(|f| f as &mut dyn FnMut()), &engine.stop),
        };
        let id = CaseId::new(step, collection, self.iteration, engine.iterations);
        let mut ran = respond(step, id, &mut self.scope, &mut ctx).await;
        if let Some(expired) = engine.stop.expired() {
            engine.stop.note(expired);
            ran.cut(expired);
        }
        self.next = match ran.next_request() {
            None => Some(position + 1),
            Some(NextRequest::Stop) => {
                self.end = Some(End::Stopped { by: position });
                None
            }
            Some(NextRequest::Name(n)) => {
                let found = self
                    .steps
                    .iter()
                    .position(|&s| collection.steps[s].name == *n);
                if found.is_none() {
                    self.end = Some(End::Unknown {
                        by: position,
                        name: n.clone(),
                    });
                }
                found
            }
        };
        Some((ran, index, self.reported[position]))
    }

    /// Ends the flow before its next step if the run is stopping (`--timeout` passed, or a
    /// signal came): the steps left are then not run.
    fn halted(&mut self, engine: &Engine<'_>) -> bool {
        let Some(why) = engine.stop.reason() else {
            return false;
        };
        engine.stop.note(why);
        self.end = Some(End::Halted(why));
        self.next = None;
        true
    }

    /// Runs and judges the next step; once the flow is over, hands out the cases of its
    /// end one by one. `None` after the last.
    pub async fn step(&mut self, engine: &Engine<'_>, lane: Lane<'_>) -> Option<Finished> {
        if self.tail.is_none() {
            if let Some((ran, step, reported)) = self.advance(engine, lane, None).await {
                return Some(Finished {
                    result: ran.finish(&judge(engine, self.c)?),
                    step,
                    reported,
                    looped: Vec::new(),
                });
            }
            self.tail = Some(self.ending(engine));
        }
        self.tail.as_mut()?.pop_front()
    }

    /// The cases of a flow that is over: the error case of a stopped loop, then a
    /// not-run case for each step that never ran, in flow order.
    fn ending(&self, engine: &Engine<'_>) -> VecDeque<Finished> {
        let collection = &engine.session.plan.collections[self.c];
        let step_at = |p: usize| &collection.steps[self.steps[p]];
        let case = |p: usize| {
            let id = CaseId::new(step_at(p), collection, self.iteration, engine.iterations);
            let mut result = CaseResult::new(id.name, id.file.to_path_buf());
            result.line = step_at(p).line;
            result
        };
        let mut out = VecDeque::new();
        if let Some(End::Looped { next }) = self.end {
            let looped: Vec<usize> = (0..self.steps.len())
                .filter(|&p| self.runs[p] > 1)
                .collect();
            let stopped = LoopStopped {
                runs: self.executed,
                per_request: MAX_REPEATS,
                requests: looped
                    .iter()
                    .map(|&p| LoopedRequest {
                        name: within(step_at(p)),
                        runs: self.runs[p],
                    })
                    .collect(),
            };
            let mut result = case(next);
            result.verdict = Verdict::Error;
            result
                .checks
                .push((Check::Flow, CheckOutcome::Errored(CaseError::Loop(stopped))));
            out.push_back(Finished {
                result,
                step: self.steps[next],
                reported: self.reported[next],
                looped: looped.iter().map(|&p| self.steps[p]).collect(),
            });
        }
        let reason = match &self.end {
            None => "setNextRequest jumps passed over it".to_string(),
            Some(End::Stopped { by }) => format!(
                "setNextRequest(null) in '{}' ended the flow",
                within(step_at(*by))
            ),
            Some(End::Unknown { by, name }) => format!(
                "setNextRequest('{name}') in '{}' names no request of the flow, which ended there",
                within(step_at(*by))
            ),
            Some(End::Looped { .. }) => "the flow ended at a stopped setNextRequest loop".into(),
            Some(End::Halted(why)) => format!("{why} before it ran"),
        };
        for p in (0..self.steps.len()).filter(|&p| self.runs[p] == 0) {
            let mut result = case(p);
            result.verdict = Verdict::NotRun;
            result.skip_reason = Some(reason.clone());
            out.push_back(Finished {
                result,
                step: self.steps[p],
                reported: self.reported[p],
                looped: Vec::new(),
            });
        }
        out
    }

    /// Runs the flow to its end, handing every case to `sink`, which may stop it.
    ///
    /// Unless `--bail` may stop the run at a case, an answered case is judged and handed
    /// to `sink` once the next request is ready, just before it is sent (nothing in judging
    /// changes what it sends, and its clocks start only when it is sent); `sink` still gets
    /// the cases in order.
    pub async fn run(
        &mut self,
        engine: &Engine<'_>,
        lane: Lane<'_>,
        sink: &mut dyn FnMut(Finished) -> ControlFlow<()>,
    ) {
        let Some(judge) = judge(engine, self.c) else {
            return;
        };
        let defer = !engine.session.options.bail.failure;
        let mut pending: Option<(Ran<'_>, usize, bool)> = None;
        let mut stopped = false;
        loop {
            let has_pending = pending.is_some();
            let mut deliver = || {
                if let Some((ran, step, reported)) = pending.take() {
                    let result = ran.finish(&judge);
                    stopped |= sink(Finished {
                        result,
                        step,
                        reported,
                        looped: Vec::new(),
                    })
                    .is_break();
                }
            };
            let idle = has_pending.then_some(&mut deliver as &mut dyn FnMut());
            let advanced = self.advance(engine, lane, idle).await;
            // The previous case, if this one sent nothing to wait for.
            deliver();
            if stopped {
                break;
            }
            let Some((ran, step, reported)) = advanced else {
                break;
            };
            if defer && matches!(ran, Ran::Answered(_)) {
                pending = Some((ran, step, reported));
                continue;
            }
            let result = ran.finish(&judge);
            let finished = Finished {
                result,
                step,
                reported,
                looped: Vec::new(),
            };
            if sink(finished).is_break() {
                stopped = true;
                break;
            }
        }
        if let Some((ran, step, reported)) = pending.take() {
            let result = ran.finish(&judge);
            stopped |= sink(Finished {
                result,
                step,
                reported,
                looped: Vec::new(),
            })
            .is_break();
        }
        if stopped {
            return;
        }
        for finished in self.ending(engine) {
            if sink(finished).is_break() {
                return;
            }
        }
    }
}

/// A step as the messages of its flow name it: `folder › request` (` #2` on a second
/// same-named request of its folder).
fn within(step: &Step) -> String {
    let mut name = step.folders.clone();
    name.push(crate::collection::display_name(&step.name, &step.request).to_string());
    let mut name = name.join(" › ");
    if let Some(n) = step.duplicate {
        name.push_str(&format!(" #{n}"));
    }
    name
}

/// The checks of collection `c`'s cases.
fn judge<'e>(engine: &Engine<'e>, c: usize) -> Option<Judge<'e>> {
    let session = engine.session;
    let schemas = session.schemas.per_collection.get(c)?;
    Some(Judge::new(
        schemas,
        &session.schemas.files,
        session.options.compare,
        session.options.strict_openapi,
    ))
}
