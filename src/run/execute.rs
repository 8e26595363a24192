//! Running a session: the sequential driver (`--jobs 1`) or the parallel one (`--jobs N`)
//! over the same flow engine, each thread that runs steps with a runtime and client of its
//! own.

use std::time::Instant;

use super::events::{RunError, RunEvent, RunSummary, Tally};
use super::flow::Engine;
use super::{parallel, sequential};
use crate::session::Session;

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
    let engine = Engine::new(session, runtime.clone())?;
    let mut tally = Tally::new(on_event, options.bail.failure);
    let _ = tally.emit(RunEvent::started(session));
    if options.jobs > 1 {
        parallel::run(&engine, &mut tally)?;
    } else {
        let (lane_runtime, client) = engine.thread(0)?;
        lane_runtime.block_on(sequential::run(&engine, &client, &mut tally));
    }
    tally.summary.stopped = engine.stop.seen();
    let state = &mut tally.summary.state;
    state.cookies = engine.side.template().jar().snapshot();
    state.fill_unrun(session);
    state.seal(&engine.redactors.get(Vec::new()), &options.secret_names);
    Ok(tally.finish(started))
}
