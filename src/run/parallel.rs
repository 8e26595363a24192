//! `--jobs N`: flows run concurrently, steps within a flow in order.
//!
//! The work of a run is a sequence of units in document order: for each collection and
//! iteration, its setup (the root-level requests, from the initial scope with that
//! iteration's data row), then each selected flow (from a copy of the scope after that
//! setup, with its own dynamic variables). The calling thread schedules: it starts units in
//! order, at most N at a time, each on the least busy of a few worker threads (one per core,
//! at most N). A worker polls its units as futures on the run's runtime, so a flow's script
//! engine, which is not `Send`, stays on one thread while the network, the scripts and the
//! checks of different flows use every core. A unit's events are buffered and emitted once
//! it and every earlier unit are done, so reporters see the same order whatever the
//! scheduling. At most `4 × N` finished units wait for an earlier one, which keeps memory
//! bounded on long runs.
//!
//! Each worker has one script engine and context, which the flows it runs share as the
//! flows of `--jobs 1` share theirs (a script runs to its end before another starts, and a
//! new iteration gets a fresh context): values a script leaves on `globalThis` may be seen
//! by another flow, and which one depends on scheduling. Variables (`pm.environment`,
//! `pm.variables`, …) are per flow and deterministic. What the run leaves for the exports
//! is each unit's changes applied in document order (see `final_state.rs`).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::ops::ControlFlow;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::Poll;

use tokio::sync::mpsc as queue;

use super::events::{RunError, RunEvent, Tally};
use super::flow::Engine;
use super::lane::Lane;
use super::scripts::Scripts;
use super::units::{Kind, Selected, Unit, units};
use crate::http::HttpClient;
use crate::vars::Scope;

/// Finished units waiting for earlier ones, per job.
const WINDOW_PER_JOB: usize = 4;

/// A unit handed to a worker: its place in the run, and the scope it starts from.
struct Job {
    index: usize,
    unit: Unit,
    scope: Scope,
}

/// A finished unit, as a worker hands it back.
struct Done {
    index: usize,
    worker: usize,
    events: Vec<RunEvent>,
    /// The scope after a setup unit, which its iteration's flows start from.
    scope: Option<Scope>,
    /// The scopes the unit started and ended with, for the run's final state.
    /// With its collection's index.
    change: Option<Box<(usize, Scope, Scope)>>,
    looped: bool,
}

/// What a unit's future yields on its worker.
type Running<'a> = Pin<Box<dyn Future<Output = Done> + 'a>>;

/// Runs the plan with `options.jobs` units at a time on worker threads, emitting into
/// `tally` in order. Blocks the calling thread.
pub(super) fn run(engine: &Engine<'_>, tally: &mut Tally<'_>) -> Result<(), RunError> {
    let session = engine.session;
    let options = &session.options;
    let jobs = options.jobs.max(1);
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs);
    let selections: Vec<Selected> = session
        .plan
        .collections
        .iter()
        .map(|c| Selected::of(c, options.shard))
        .collect();
    let lanes = (0..workers)
        .map(|n| engine.thread(n))
        .collect::<Result<Vec<_>, _>>()?;
    std::thread::scope(|s| {
        let (done_tx, done_rx) = mpsc::channel();
        let mut queues = Vec::with_capacity(workers);
        for (worker, (runtime, client)) in lanes.into_iter().enumerate() {
            let (tx, rx) = queue::unbounded_channel();
            let done_tx = done_tx.clone();
            let selections = &selections;
            s.spawn(move || {
                runtime.block_on(work(engine, &client, selections, worker, rx, done_tx));
            });
            queues.push((tx, 0usize));
        }
        drop(done_tx);
        schedule(engine, &selections, &mut queues, &done_rx, tally);
        // Dropping the queues ends the workers, cancelling what they still run (--bail).
    });
    Ok(())
}

/// The calling thread's part: starts units in order on the least busy worker, collects
/// finished ones and emits them in order.
fn schedule(
    engine: &Engine<'_>,
    selections: &[Selected],
    queues: &mut [(queue::UnboundedSender<Job>, usize)],
    done: &mpsc::Receiver<Done>,
    tally: &mut Tally<'_>,
) {
    let session = engine.session;
    let options = &session.options;
    let jobs = options.jobs.max(1);
    let window = jobs.saturating_mul(WINDOW_PER_JOB);
    let iterations = engine.iterations;
    let mut units = units(selections, iterations).enumerate().peekable();
    let mut running = 0;
    let mut finished: BTreeMap<usize, Done> = BTreeMap::new();
    // The latest setup started, and its scope once it is done.
    let mut setup: Option<(usize, Option<Scope>)> = None;
    let mut next_emit = 0;
    loop {
        while running < jobs
            && let Some(&(index, unit)) = units.peek()
            && index < next_emit + window
        {
            let scope = match unit.kind {
                Kind::Setup => {
                    setup = Some((index, None));
                    Unit::setup_scope(engine, unit.c, unit.iteration)
                }
                Kind::Flow(_) => match &setup {
                    Some((_, Some(scope))) => scope.clone(),
                    // The iteration's setup is still running.
                    _ => break,
                },
            };
            units.next();
            let Some((queue, busy)) = queues.iter_mut().min_by_key(|(_, busy)| *busy) else {
                return;
            };
            if queue.send(Job { index, unit, scope }).is_err() {
                return;
            }
            *busy += 1;
            running += 1;
        }
        if running == 0 {
            return;
        }
        let Ok(mut unit) = done.recv() else {
            // Every worker is gone (one panicked): nothing more will finish.
            return;
        };
        running -= 1;
        if let Some((_, busy)) = queues.get_mut(unit.worker) {
            *busy -= 1;
        }
        if let Some((latest, latest_scope)) = &mut setup
            && *latest == unit.index
        {
            *latest_scope = unit.scope.take();
        }
        finished.insert(unit.index, unit);
        while let Some(done) = finished.remove(&next_emit) {
            next_emit += 1;
            tally.summary.loop_stopped |= done.looped;
            let mut stop = false;
            for event in done.events {
                if tally.emit(event).is_break() {
                    stop = true;
                    break;
                }
            }
            if let Some((c, before, after)) = done.change.as_deref() {
                tally.summary.state.record(*c, before, after);
            }
            if stop {
                return;
            }
        }
    }
}

/// A worker thread's part: runs the units it is handed concurrently, hands each back when
/// it is done, and stops when its queue closes (dropping what still runs).
async fn work(
    engine: &Engine<'_>,
    client: &HttpClient,
    selections: &[Selected],
    worker: usize,
    mut jobs: queue::UnboundedReceiver<Job>,
    done: mpsc::Sender<Done>,
) {
    enum Next {
        Job(Job),
        Closed,
        Done(usize, Box<Done>),
    }
    let scripts = engine.scripts();
    // The collection and iteration the context was made for.
    let mut context_of = None;
    let mut running: Vec<Running<'_>> = Vec::new();
    loop {
        let next = std::future::poll_fn(|cx| {
            match jobs.poll_recv(cx) {
                Poll::Ready(Some(job)) => return Poll::Ready(Next::Job(job)),
                Poll::Ready(None) => return Poll::Ready(Next::Closed),
                Poll::Pending => {}
            }
            for (position, unit) in running.iter_mut().enumerate() {
                if let Poll::Ready(finished) = unit.as_mut().poll(cx) {
                    return Poll::Ready(Next::Done(position, Box::new(finished)));
                }
            }
            Poll::Pending
        })
        .await;
        match next {
            Next::Job(Job { index, unit, scope }) => {
                // Like `--jobs 1`, flows of one iteration share a script context; a new
                // iteration gets a fresh one.
                if context_of.replace((unit.c, unit.iteration)) != Some((unit.c, unit.iteration)) {
                    scripts
                        .borrow_mut()
                        .new_flow(engine.session.script_modules(unit.c));
                }
                let selected = &selections[unit.c];
                let future = start(
                    (engine, client, &scripts),
                    (index, worker),
                    unit,
                    selected,
                    scope,
                );
                running.push(future);
            }
            Next::Closed => return,
            Next::Done(position, finished) => {
                drop(running.swap_remove(position));
                if done.send(*finished).is_err() {
                    return;
                }
            }
        }
    }
}

/// The future of one unit, owning its state.
fn start<'a>(
    (engine, client, scripts): (&'a Engine<'a>, &'a HttpClient, &'a RefCell<Scripts>),
    (index, worker): (usize, usize),
    unit: Unit,
    selected: &'a Selected,
    scope: Scope,
) -> Running<'a> {
    Box::pin(async move {
        let collection = &engine.session.plan.collections[unit.c];
        let options = &engine.session.options;
        let mut events = Vec::new();
        let is_setup = unit.kind == Kind::Setup;
        if is_setup {
            events.push(RunEvent::IterationStarted {
                collection: collection.name.clone(),
                iteration: unit.iteration,
                of: engine.iterations,
            });
        }
        let before = scope.clone();
        let mut flow = match unit.flow_run(engine, selected, scope) {
            Ok(flow) => flow,
            Err(scope) => {
                return Done {
                    index,
                    worker,
                    events,
                    scope: Some(scope),
                    change: None,
                    looped: false,
                };
            }
        };
        // Lanes share the CPUs: a lane that checked in a loop would hold one.
        let lane = Lane {
            client,
            scripts,
            busy: None,
        };
        flow.run(engine, lane, &mut |f| {
            if !f.reported {
                return ControlFlow::Continue(());
            }
            let stop = options.bail.failure && !f.result.ok();
            events.push(RunEvent::CaseFinished(Box::new(f.result)));
            if stop {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .await;
        let looped = flow.looped();
        let after = flow.into_state().0;
        Done {
            index,
            worker,
            events,
            scope: is_setup.then(|| after.clone()),
            change: Some(Box::new((unit.c, before, after))),
            looped,
        }
    })
}
