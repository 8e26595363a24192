//! `--jobs 1`, Postman's order: collections in order, iterations in order, and every
//! selected step of a collection in document order as one run of the flow engine, with one
//! scope shared by the whole collection run and one sequence of dynamic variables for the
//! whole run. Scripts still get one context per flow (a folder's requests): `Scripts`
//! changes context where the run passes into another flow.

use std::ops::ControlFlow;

use super::busy::BusyPoll;
use super::events::{RunEvent, Tally};
use super::flow::{Engine, FlowRun};
use super::lane::Lane;
use super::units::Selected;
use crate::http::HttpClient;
use crate::session::{enter_iteration, initial_scope};
use crate::vars::DynamicVars;

/// Runs the plan on the calling thread's runtime, emitting into `tally`.
pub(super) async fn run(engine: &Engine<'_>, client: &HttpClient, tally: &mut Tally<'_>) {
    let options = &engine.session.options;
    let mut dynamic = DynamicVars::new(options.seed);
    let scripts = engine.scripts();
    // With one CPU, a wait that checks would keep a local target from answering.
    let cpus = std::thread::available_parallelism().map_or(1, usize::from);
    let busy = BusyPoll::new(options.busy_poll).filter(|_| cpus > 1);
    let lane = Lane {
        client,
        scripts: &scripts,
        busy: busy.as_ref(),
    };
    for (c, collection) in engine.session.plan.collections.iter().enumerate() {
        let selected = Selected::of(collection, options.shard);
        if selected.is_idle() {
            continue;
        }
        let setup_steps = selected.setup_steps(collection);
        let mut steps: Vec<usize> = setup_steps.to_vec();
        for &f in &selected.flows {
            steps.extend_from_slice(&collection.flows[f].steps);
        }
        steps.sort_unstable();
        let reported = |i: usize| selected.report_setup || !setup_steps.contains(&i);
        let mut scope = initial_scope(collection, options, engine.session.target(c));
        let start = scope.clone();
        for iteration in 1..=engine.iterations {
            let started = RunEvent::IterationStarted {
                collection: collection.name.clone(),
                iteration,
                of: engine.iterations,
            };
            if tally.emit(started).is_break() {
                tally.summary.state.record(c, &start, &scope);
                return;
            }
            enter_iteration(&mut scope, options, iteration);
            scripts
                .borrow_mut()
                .new_flow(engine.session.script_modules(c));
            let mut flow = FlowRun::new(c, iteration, steps.clone(), reported, scope, dynamic);
            let mut bailed = false;
            flow.run(engine, lane, &mut |f| {
                if !f.reported {
                    return ControlFlow::Continue(());
                }
                let emitted = tally.emit(RunEvent::CaseFinished(Box::new(f.result)));
                bailed = emitted.is_break();
                emitted
            })
            .await;
            tally.summary.loop_stopped |= flow.looped();
            (scope, dynamic) = flow.into_state();
            if bailed {
                tally.summary.state.record(c, &start, &scope);
                return;
            }
        }
        tally.summary.state.record(c, &start, &scope);
    }
}
