//! Scheduling a plan. By default (`--jobs 1`) collections run in order, iterations in
//! order, steps in document order with one shared scope per collection run, as Postman
//! does. With `--jobs N` the flows of an iteration run concurrently (each from the state
//! after the collection's root-level setup requests), as do iterations; events are still
//! emitted grouped by flow in document order (see [`super::parallel`]). Results stream out
//! as events.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::busy::BusyPoll;
use super::case::{CaseContext, CaseId, CaseResult, Judge, Ran, Verdict, respond};
use super::parallel;
use super::scripts::{Scripts, SideClient};
use super::setup::Session;
use super::shard::Shard;
use super::token::TokenCache;
use crate::check::CompareMode;
use crate::collection::{DataRow, PlannedCollection, VariableDef};
use crate::http::{HttpClient, HttpConfig, HttpError};
use crate::redact::RedactorCache;
use crate::request::BuildOptions;
use crate::script::{NextRequest, ScriptLimits};
use crate::vars::{DynamicVars, Layer, Scope, VarMap, Variable};

/// A `setNextRequest` loop stops after this many executions per step of the collection.
const MAX_REPEATS: usize = 100;

/// Settings of a run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// HTTP client settings.
    pub http: HttpConfig,
    /// Request building settings (target, working dir, redirects).
    pub build: BuildOptions,
    /// Globals file entries (`-g`).
    pub globals: Vec<VariableDef>,
    /// Environment file entries (`-e`).
    pub environment: Vec<VariableDef>,
    /// `--global-var K=V`, applied over the globals file.
    pub global_overrides: Vec<(String, String)>,
    /// `--env-var K=V`, applied over the environment file.
    pub env_overrides: Vec<(String, String)>,
    /// Iteration data rows (`-d`).
    pub data: Vec<DataRow>,
    /// `-n`: number of iterations (default: one per data row, at least one).
    pub iterations: Option<usize>,
    /// `--seed` for dynamic variables.
    pub seed: Option<u64>,
    /// `--delay-request`: pause between requests.
    pub delay: Duration,
    /// `--bail`: stop at the first failed or errored case.
    pub bail: bool,
    /// Variables whose values are redacted wherever they appear (`--secret`).
    pub secret_names: Vec<String>,
    /// `--compare-examples`.
    pub compare: CompareMode,
    /// The target is the embedded simulator (simulator-only requests run).
    pub embedded: bool,
    /// Limits of the script sandbox (`--timeout-script`).
    pub script_limits: ScriptLimits,
    /// `--jobs`: flows run at once. 0 and 1 both mean strictly sequential, with one scope
    /// shared by every step of a collection run.
    pub jobs: usize,
    /// `--shard K/N`: run only the flows of this shard. Setup (root-level) requests run in
    /// every shard that runs a flow of their collection, and are reported by shard 1 only.
    pub shard: Option<Shard>,
    /// `--busy-poll`: how long a sequential run checks for an answer before it sleeps,
    /// while the target answers within that time (zero, the default here: never).
    pub busy_poll: Duration,
}

/// What a run reports as it goes.
#[derive(Debug, Clone)]
pub enum RunEvent {
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

/// Totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Cases run.
    pub total: usize,
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Cases that errored.
    pub errors: usize,
    /// Cases skipped.
    pub skipped: usize,
    /// Distinct unresolved variable names.
    pub unresolved: Vec<String>,
    /// True when `--bail` stopped the run early.
    pub bailed: bool,
    /// True when a `setNextRequest` loop hit the execution cap.
    pub loop_stopped: bool,
    /// Wall time.
    pub duration: Duration,
}

impl RunSummary {
    /// True when no case failed or errored.
    pub fn ok(&self) -> bool {
        self.failed == 0 && self.errors == 0
    }
}

fn to_map(defs: &[VariableDef], overrides: &[(String, String)]) -> VarMap {
    let mut map: VarMap = defs
        .iter()
        .filter(|v| !v.disabled)
        .map(|v| {
            (
                v.key.clone(),
                Variable {
                    value: v.value.clone(),
                    secret: v.secret,
                },
            )
        })
        .collect();
    for (k, v) in overrides {
        let secret = map.get(k).is_some_and(|old| old.secret);
        map.set(k.clone(), v.clone(), secret);
    }
    map
}

/// The scope a collection run starts from: globals, collection variables and environment
/// (files first, then `--global-var` / `--env-var`).
pub fn initial_scope(collection: &PlannedCollection, options: &RunOptions) -> Scope {
    Scope {
        globals: to_map(&options.globals, &options.global_overrides),
        collection: to_map(&collection.variables, &[]),
        environment: to_map(&options.environment, &options.env_overrides),
        ..Scope::default()
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

/// What a run shares between its flows.
pub(super) struct Shared<'a> {
    pub session: &'a Session,
    /// The client `pm.sendRequest` uses, and the template of each lane's client.
    pub side: SideClient,
    pub tokens: TokenCache,
    /// The run's last redactor, reused while the secrets are unchanged.
    pub redactors: RedactorCache,
    /// Iterations of every collection.
    pub iterations: usize,
    /// Requests started so far (for `--delay-request`).
    pub started: AtomicUsize,
}

/// Which steps of a collection a run executes and which of them it reports.
pub(super) struct Selected {
    /// Index of the root-level setup flow in [`PlannedCollection::flows`], if any.
    pub setup: Option<usize>,
    /// Indexes of the other flows this shard runs, in document order.
    pub flows: Vec<usize>,
    /// True when the setup requests' cases are reported (no sharding, or shard 1).
    pub report_setup: bool,
}

impl Selected {
    /// The selection of `collection` under `shard`.
    pub fn of(collection: &PlannedCollection, shard: Option<Shard>) -> Self {
        let setup = collection.flows.iter().position(|f| f.name.is_empty());
        let flows = (0..collection.flows.len())
            .filter(|&f| Some(f) != setup)
            .filter(|&f| shard.is_none_or(|s| s.owns(&collection.name, &collection.flows[f].name)))
            .collect();
        Selected {
            setup,
            flows,
            report_setup: shard.is_none_or(|s| s.reports_setup()),
        }
    }

    /// True when nothing of the collection needs to run.
    pub fn is_idle(&self) -> bool {
        self.flows.is_empty() && !(self.report_setup && self.setup.is_some())
    }
}

/// A case as it leaves a flow: reported, or run only for its effect on the state.
pub(super) struct Finished {
    /// The result.
    pub result: CaseResult,
    /// False for a setup request outside shard 1.
    pub reported: bool,
}

/// The mutable state a sequence of steps runs with.
pub(super) struct Lane<'s> {
    /// The client of the thread that runs the steps.
    pub client: &'s HttpClient,
    pub scope: &'s mut Scope,
    pub dynamic: &'s mut DynamicVars,
    /// The script engine, shared by the flows of the thread that runs them.
    pub scripts: &'s RefCell<Scripts>,
    /// How waits for answers check for them before sleeping (sequential runs only).
    pub busy: Option<&'s BusyPoll>,
}

/// Runs `steps` (indexes into the collection's steps) of iteration `iteration` in order,
/// following `setNextRequest` jumps among them; `sink` gets every case and may stop the
/// sequence. Returns true when a `setNextRequest` loop hit the execution cap.
///
/// Unless `--bail` may stop the run at a case, an answered case is judged and handed to
/// `sink` while the next request is on its way (nothing in judging changes what the next
/// request sends); `sink` still gets the cases in order.
pub(super) async fn run_steps(
    shared: &Shared<'_>,
    c: usize,
    iteration: usize,
    steps: &[usize],
    unreported: &dyn Fn(usize) -> bool,
    lane: Lane<'_>,
    sink: &mut dyn FnMut(Finished) -> ControlFlow<()>,
) -> bool {
    let Lane {
        client,
        scope,
        dynamic,
        scripts,
        busy,
    } = lane;
    let session = shared.session;
    let options = &session.options;
    let collection = &session.plan.collections[c];
    let Some(schemas) = session.schemas.per_collection.get(c) else {
        return false;
    };
    // Steps in order, unless a script's setNextRequest jumps; a cap on executions keeps a
    // script loop from running forever.
    let cap = steps.len().saturating_mul(MAX_REPEATS).max(1);
    let mut next = Some(0);
    let mut executed = 0;
    let mut looped = false;
    let defer = !options.bail;
    let judge = Judge::new(schemas, &session.schemas.files, options.compare);
    let mut pending: Option<(Ran<'_>, bool)> = None;
    let mut stopped = false;
    while let Some(position) = next.filter(|i| *i < steps.len()) {
        let index = steps[position];
        let step = &collection.steps[index];
        if executed == cap {
            looped = true;
            break;
        }
        executed += 1;
        if shared.started.fetch_add(1, Ordering::Relaxed) > 0 && !options.delay.is_zero() {
            tokio::time::sleep(options.delay).await;
        }
        let has_pending = pending.is_some();
        let mut deliver = || {
            if let Some((ran, reported)) = pending.take() {
                let result = ran.finish(&judge);
                stopped |= sink(Finished { result, reported }).is_break();
            }
        };
        let mut ctx = CaseContext {
            client,
            side: &shared.side,
            options,
            schemas,
            schema_files: &session.schemas.files,
            dynamic: &mut *dynamic,
            sidecar: collection.sidecar.as_ref(),
            tokens: &shared.tokens,
            redactors: &shared.redactors,
            scripts,
            sender: super::lane::Lane { client, busy }
                .sender(has_pending.then_some(&mut deliver as &mut dyn FnMut())),
        };
        let id = CaseId::new(step, collection, iteration, shared.iterations);
        let ran = respond(step, id, scope, &mut ctx).await;
        // The previous case, if this one sent nothing to wait for.
        deliver();
        next = match ran.next_request() {
            None => Some(position + 1),
            Some(NextRequest::Stop) => None,
            Some(NextRequest::Name(n)) => {
                steps.iter().position(|&s| collection.steps[s].name == *n)
            }
        };
        let reported = !unreported(index);
        if defer && !stopped && matches!(ran, Ran::Answered(_)) {
            pending = Some((ran, reported));
            continue;
        }
        let result = ran.finish(&judge);
        if stopped || sink(Finished { result, reported }).is_break() {
            break;
        }
    }
    if let Some((ran, reported)) = pending.take() {
        let result = ran.finish(&judge);
        let _ = sink(Finished { result, reported });
    }
    looped
}

/// Sets the data layer to iteration `iteration`'s row and clears the local layer.
pub(super) fn enter_iteration(scope: &mut Scope, options: &RunOptions, iteration: usize) {
    let data = scope.layer_mut(Layer::Data);
    data.clear();
    if !options.data.is_empty() {
        for (k, v) in &options.data[(iteration - 1) % options.data.len()] {
            data.set(k.clone(), v.clone(), false);
        }
    }
    scope.layer_mut(Layer::Local).clear();
}

/// Totals kept while events are emitted, in emission order.
pub(super) struct Tally<'e> {
    on_event: &'e mut (dyn FnMut(RunEvent) + Send),
    pub summary: RunSummary,
    unresolved: BTreeSet<String>,
    bail: bool,
}

impl<'e> Tally<'e> {
    fn new(on_event: &'e mut (dyn FnMut(RunEvent) + Send), bail: bool) -> Self {
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

    fn finish(mut self, started: Instant) -> RunSummary {
        self.summary.unresolved = self.unresolved.into_iter().collect();
        self.summary.duration = started.elapsed();
        self.summary
    }
}

/// Runs the session's plan, calling `on_event` for every event on the calling thread, and
/// returns the totals. Blocks: the steps run on the calling thread (`--jobs 1`) or on
/// worker threads (`--jobs N`, one flow at a time each), each driving a single-threaded
/// runtime of its own; `runtime`, a multi-threaded one, carries what scripts send with
/// `pm.sendRequest`.
/// Call it from outside any runtime (from `main`, not inside `block_on`).
///
/// With `jobs` above 1, events come out in the same order whatever the scheduling.
pub fn run(
    session: &Session,
    runtime: &tokio::runtime::Handle,
    on_event: &mut (dyn FnMut(RunEvent) + Send),
) -> Result<RunSummary, RunError> {
    let started = Instant::now();
    let options = &session.options;
    let shared = Shared {
        session,
        side: SideClient::new(HttpClient::new(&options.http)?, runtime.clone()),
        tokens: TokenCache::default(),
        redactors: RedactorCache::default(),
        iterations: options.iterations.unwrap_or(options.data.len()).max(1),
        started: AtomicUsize::new(0),
    };
    let mut tally = Tally::new(on_event, options.bail);
    if options.jobs > 1 {
        parallel::run(&shared, &mut tally)?;
    } else {
        let (lane_runtime, client) = lane(&shared, 0)?;
        lane_runtime.block_on(sequential(&shared, &client, &mut tally));
    }
    Ok(tally.finish(started))
}

/// A runtime and client for the `n`th thread that runs steps. Each such thread drives its
/// own single-threaded runtime, on which its connections live too: a request and its
/// connection never wait for another thread. The first uses the run's client (which has
/// opened no connection), the others a fork of it.
pub(super) fn lane(
    shared: &Shared<'_>,
    n: usize,
) -> Result<(tokio::runtime::Runtime, HttpClient), RunError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let template = shared.side.template();
    let client = if n == 0 {
        template.clone()
    } else {
        template.fork()?
    };
    Ok((runtime, client))
}

/// Postman's order: every selected step of a collection in document order, one scope
/// shared by the whole collection run.
async fn sequential(shared: &Shared<'_>, client: &HttpClient, tally: &mut Tally<'_>) {
    let options = &shared.session.options;
    let mut dynamic = DynamicVars::new(options.seed);
    let scripts = RefCell::new(Scripts::new(options.script_limits));
    // With one CPU, a wait that checks would keep a local target from answering.
    let cpus = std::thread::available_parallelism().map_or(1, usize::from);
    let busy = BusyPoll::new(options.busy_poll).filter(|_| cpus > 1);
    for (c, collection) in shared.session.plan.collections.iter().enumerate() {
        let selected = Selected::of(collection, options.shard);
        if selected.is_idle() {
            continue;
        }
        let setup_steps: &[usize] = selected
            .setup
            .map_or(&[], |s| collection.flows[s].steps.as_slice());
        let mut steps: Vec<usize> = setup_steps.to_vec();
        for &f in &selected.flows {
            steps.extend_from_slice(&collection.flows[f].steps);
        }
        steps.sort_unstable();
        let unreported = |i: usize| !selected.report_setup && setup_steps.contains(&i);
        let mut scope = initial_scope(collection, options);
        for iteration in 1..=shared.iterations {
            let started = RunEvent::IterationStarted {
                collection: collection.name.clone(),
                iteration,
                of: shared.iterations,
            };
            if tally.emit(started).is_break() {
                return;
            }
            enter_iteration(&mut scope, options, iteration);
            scripts.borrow_mut().new_flow();
            let mut bailed = false;
            let lane = Lane {
                client,
                scope: &mut scope,
                dynamic: &mut dynamic,
                scripts: &scripts,
                busy: busy.as_ref(),
            };
            let looped = run_steps(shared, c, iteration, &steps, &unreported, lane, &mut |f| {
                if !f.reported {
                    return ControlFlow::Continue(());
                }
                let flow = tally.emit(RunEvent::CaseFinished(Box::new(f.result)));
                bailed = flow.is_break();
                flow
            })
            .await;
            tally.summary.loop_stopped |= looped;
            if bailed {
                return;
            }
        }
    }
}
