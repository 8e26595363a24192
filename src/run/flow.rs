//! The one flow engine: [`FlowRun`] runs a sequence of steps of one collection and
//! iteration in order, with its own scope and dynamic variables, Postman's
//! `setNextRequest` jumps among those steps, a cap on repeated executions, the
//! `--delay-request` pause and the skip rule. The sequential run, `--jobs N` and the
//! `cargo test` trials all drive it; they differ only in which steps make a flow and where
//! its scope comes from (see [`super::units`]).

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::case::{CaseContext, CaseId, CaseResult, Judge, Ran, respond};
use super::events::RunError;
use super::lane::Lane;
use super::scripts::{Scripts, SideClient};
use super::token::TokenCache;
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
    /// Requests started so far.
    started: AtomicUsize,
}

impl<'a> Engine<'a> {
    /// The engine of a run of `session`; `runtime` carries what scripts send with
    /// `pm.sendRequest`.
    pub fn new(session: &'a Session, runtime: tokio::runtime::Handle) -> Result<Self, RunError> {
        let options = &session.options;
        Ok(Engine {
            session,
            side: SideClient::new(HttpClient::new(&options.http)?, runtime),
            tokens: TokenCache::default(),
            redactors: RedactorCache::default(),
            iterations: options.iteration_count(),
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

    /// A fresh script engine for a thread that runs steps.
    pub fn scripts(&self) -> RefCell<Scripts> {
        RefCell::new(Scripts::new(self.session.options.script_limits))
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
    looped: bool,
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
            steps,
            reported,
            executed: 0,
            looped: false,
            scope,
            dynamic,
        }
    }

    /// True when a `setNextRequest` loop hit the execution cap.
    pub fn looped(&self) -> bool {
        self.looped
    }

    /// The scope and dynamic variables, once the flow is over.
    pub fn into_state(self) -> (Scope, DynamicVars) {
        (self.scope, self.dynamic)
    }

    /// Runs the next step up to its answer (its checks may still be to do); `idle` is done
    /// while the target answers. `None` once the flow is over.
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
            self.looped = true;
            self.next = None;
            return None;
        }
        self.executed += 1;
        if engine.started.fetch_add(1, Ordering::Relaxed) > 0 && !options.delay.is_zero() {
            tokio::time::sleep(options.delay).await;
        }
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
            sender: lane.sender(idle.map(|f| f as &mut dyn FnMut())),
        };
        let id = CaseId::new(step, collection, self.iteration, engine.iterations);
        let ran = respond(step, id, &mut self.scope, &mut ctx).await;
        self.next = match ran.next_request() {
            None => Some(position + 1),
            Some(NextRequest::Stop) => None,
            Some(NextRequest::Name(n)) => self
                .steps
                .iter()
                .position(|&s| collection.steps[s].name == *n),
        };
        Some((ran, index, self.reported[position]))
    }

    /// Runs and judges the next step. `None` once the flow is over.
    pub async fn step(&mut self, engine: &Engine<'_>, lane: Lane<'_>) -> Option<Finished> {
        let (ran, step, reported) = self.advance(engine, lane, None).await?;
        Some(Finished {
            result: ran.finish(&judge(engine, self.c)?),
            step,
            reported,
        })
    }

    /// Runs the flow to its end, handing every case to `sink`, which may stop it.
    ///
    /// Unless `--bail` may stop the run at a case, an answered case is judged and handed
    /// to `sink` while the next request is on its way (nothing in judging changes what the
    /// next request sends); `sink` still gets the cases in order.
    pub async fn run(
        &mut self,
        engine: &Engine<'_>,
        lane: Lane<'_>,
        sink: &mut dyn FnMut(Finished) -> ControlFlow<()>,
    ) {
        let Some(judge) = judge(engine, self.c) else {
            return;
        };
        let defer = !engine.session.options.bail;
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
                    })
                    .is_break();
                }
            };
            let idle = has_pending.then_some(&mut deliver as &mut dyn FnMut());
            let advanced = self.advance(engine, lane, idle).await;
            // The previous case, if this one sent nothing to wait for.
            deliver();
            let Some((ran, step, reported)) = advanced else {
                break;
            };
            if stopped {
                break;
            }
            if defer && matches!(ran, Ran::Answered(_)) {
                pending = Some((ran, step, reported));
                continue;
            }
            let result = ran.finish(&judge);
            let finished = Finished {
                result,
                step,
                reported,
            };
            if sink(finished).is_break() {
                break;
            }
        }
        if let Some((ran, step, reported)) = pending.take() {
            let result = ran.finish(&judge);
            let _ = sink(Finished {
                result,
                step,
                reported,
            });
        }
    }
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
