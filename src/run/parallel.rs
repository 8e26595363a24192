//! `--jobs N`: flows run concurrently, steps within a flow in order.
//!
//! The work of a run is a sequence of units in document order: for each collection and
//! iteration, its setup (the root-level requests, from the initial scope with that
//! iteration's data row), then each selected flow (from a copy of the scope after that
//! setup, with its own dynamic variables). Units start in order, at
//! most N at a time, and run as futures polled by the calling task: the script engine is
//! not `Send`, and what runs concurrently is the network. A unit's events are buffered and
//! emitted once it and every earlier unit are done, so reporters see the same order
//! whatever the scheduling. At most `4 × N` finished units wait for an earlier one, which
//! keeps memory bounded on long runs.
//!
//! Script contexts (where values a script leaves on `globalThis` live) are shared by the
//! flows of one iteration as with `--jobs 1`, but there is one per job, so which flows see
//! such values depends on scheduling; variables (`pm.environment`, `pm.variables`, …) are
//! per flow and deterministic.

use std::collections::BTreeMap;
use std::future::Future;
use std::ops::ControlFlow;
use std::pin::Pin;
use std::task::Poll;

use super::runner::{
    Lane, RunEvent, Selected, Shared, Tally, enter_iteration, initial_scope, run_steps,
};
use super::scripts::Scripts;
use super::shard::flow_hash;
use crate::vars::{DynamicVars, Scope};

/// Finished units waiting for earlier ones, per job.
const WINDOW_PER_JOB: usize = 4;

/// What a unit runs.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// The root-level requests of an iteration (possibly none).
    Setup,
    /// One flow, by index in the collection's flows.
    Flow(usize),
}

/// One schedulable piece of the run.
#[derive(Debug, Clone, Copy)]
struct Unit {
    c: usize,
    iteration: usize,
    kind: Kind,
}

/// A finished unit.
struct Done {
    events: Vec<RunEvent>,
    /// The unit's script engine and context, for a later unit.
    scripts: Scripts,
    /// The scope after a setup unit, which its iteration's flows start from.
    scope: Option<Scope>,
    looped: bool,
}

type Running<'a> = Pin<Box<dyn Future<Output = Done> + 'a>>;

/// Runs the plan with `options.jobs` units at a time, emitting into `tally` in order.
pub(super) async fn run(shared: &Shared<'_>, tally: &mut Tally<'_>) {
    let session = shared.session;
    let options = &session.options;
    let jobs = options.jobs.max(1);
    let window = jobs.saturating_mul(WINDOW_PER_JOB);
    let selections: Vec<Selected> = session
        .plan
        .collections
        .iter()
        .map(|c| Selected::of(c, options.shard))
        .collect();
    let iterations = shared.iterations;
    let mut units = selections
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_idle())
        .flat_map(|(c, s)| {
            (1..=iterations).flat_map(move |iteration| {
                std::iter::once(Kind::Setup)
                    .chain(s.flows.iter().map(|&f| Kind::Flow(f)))
                    .map(move |kind| Unit { c, iteration, kind })
            })
        })
        .enumerate()
        .peekable();
    let mut running: Vec<(usize, Unit, Running<'_>)> = Vec::new();
    let mut finished: BTreeMap<usize, (Vec<RunEvent>, bool)> = BTreeMap::new();
    // The latest setup started, and its scope once it is done.
    let mut setup: Option<(usize, Option<Scope>)> = None;
    let mut next_emit = 0;
    let mut engines: Vec<((usize, usize), Scripts)> = Vec::new();
    loop {
        while running.len() < jobs
            && let Some(&(index, unit)) = units.peek()
            && index < next_emit + window
        {
            let scope = match unit.kind {
                Kind::Setup => {
                    let collection = &session.plan.collections[unit.c];
                    let mut scope = initial_scope(collection, options);
                    enter_iteration(&mut scope, options, unit.iteration);
                    setup = Some((index, None));
                    scope
                }
                Kind::Flow(_) => match &setup {
                    Some((_, Some(scope))) => scope.clone(),
                    // The iteration's setup is still running.
                    _ => break,
                },
            };
            units.next();
            // Like `--jobs 1`, flows of one iteration share script contexts (one per job
            // here); a new iteration gets fresh ones. Creating a context costs milliseconds.
            let scripts = match engines.pop() {
                Some((tag, mut s)) => {
                    if tag != (unit.c, unit.iteration) {
                        s.new_flow();
                    }
                    s
                }
                None => Scripts::new(options.script_limits),
            };
            let selected = &selections[unit.c];
            running.push((index, unit, start(shared, unit, selected, scope, scripts)));
        }
        if running.is_empty() {
            return;
        }
        let (position, done) = std::future::poll_fn(|cx| {
            for (position, (_, _, unit)) in running.iter_mut().enumerate() {
                if let Poll::Ready(done) = unit.as_mut().poll(cx) {
                    return Poll::Ready((position, done));
                }
            }
            Poll::Pending
        })
        .await;
        let (index, unit, _) = running.swap_remove(position);
        let Done {
            events,
            scripts,
            scope,
            looped,
        } = done;
        engines.push(((unit.c, unit.iteration), scripts));
        if let Some((latest, latest_scope)) = &mut setup
            && *latest == index
        {
            *latest_scope = scope;
        }
        finished.insert(index, (events, looped));
        while let Some((events, looped)) = finished.remove(&next_emit) {
            next_emit += 1;
            tally.summary.loop_stopped |= looped;
            for event in events {
                if tally.emit(event).is_break() {
                    // Dropping the running units cancels them.
                    return;
                }
            }
        }
    }
}

/// The future of one unit, owning its state.
fn start<'a>(
    shared: &'a Shared<'a>,
    unit: Unit,
    selected: &'a Selected,
    mut scope: Scope,
    mut scripts: Scripts,
) -> Running<'a> {
    Box::pin(async move {
        let collection = &shared.session.plan.collections[unit.c];
        let options = &shared.session.options;
        let mut events = Vec::new();
        let (flow, report) = match unit.kind {
            Kind::Setup => {
                events.push(RunEvent::IterationStarted {
                    collection: collection.name.clone(),
                    iteration: unit.iteration,
                    of: shared.iterations,
                });
                (selected.setup, selected.report_setup)
            }
            Kind::Flow(f) => (Some(f), true),
        };
        let is_setup = matches!(unit.kind, Kind::Setup);
        let Some(flow) = flow.map(|f| &collection.flows[f]) else {
            return Done {
                events,
                scripts,
                scope: Some(scope),
                looped: false,
            };
        };
        // Seeded runs stay reproducible whatever the scheduling: each flow and iteration
        // draws from its own sequence.
        let seed = options.seed.map(|s| {
            s ^ flow_hash(
                &collection.name,
                &format!("{} [iter {}]", flow.name, unit.iteration),
            )
        });
        let mut dynamic = DynamicVars::new(seed);
        let lane = Lane {
            scope: &mut scope,
            dynamic: &mut dynamic,
            scripts: &mut scripts,
        };
        let looped = run_steps(
            shared,
            unit.c,
            unit.iteration,
            &flow.steps,
            &|_| !report,
            lane,
            &mut |f| {
                if !f.reported {
                    return ControlFlow::Continue(());
                }
                let stop = options.bail && !f.result.ok();
                events.push(RunEvent::CaseFinished(Box::new(f.result)));
                if stop {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        )
        .await;
        Done {
            events,
            scripts,
            scope: is_setup.then_some(scope),
            looped,
        }
    })
}
