//! Signals: SIGINT and SIGTERM stop a run gracefully; a second one exits at once.

use pmcheck::session::StopSignal;

use crate::report_file;

/// SIGINT and SIGTERM stop the run through `stop`: the request in flight finishes, nothing
/// more is sent, the reports are written for what ran, and the exit code is 128 + the
/// signal's number. A second signal exits at once with that code.
#[cfg(unix)]
pub(crate) fn stop_on_signals(
    runtime: &tokio::runtime::Runtime,
    stop: StopSignal,
) -> anyhow::Result<()> {
    use anyhow::Context;
    use tokio::signal::unix::{SignalKind, signal};
    let _entered = runtime.enter();
    let mut interrupt = signal(SignalKind::interrupt()).context("cannot handle SIGINT")?;
    let mut terminate = signal(SignalKind::terminate()).context("cannot handle SIGTERM")?;
    runtime.spawn(async move {
        loop {
            let (number, name) = tokio::select! {
                Some(()) = interrupt.recv() => (2, "SIGINT"),
                Some(()) = terminate.recv() => (15, "SIGTERM"),
                else => return,
            };
            if !stop.raise(number) {
                report_file::remove_partial();
                std::process::exit(128 + number);
            }
            eprintln!(
                "pmcheck: {name}: finishing the request in flight, then writing the reports \
                 (send it again to exit at once)"
            );
        }
    });
    Ok(())
}

/// Ctrl-C stops the run through `stop` (see the Unix version); a second one exits at once.
#[cfg(not(unix))]
pub(crate) fn stop_on_signals(
    runtime: &tokio::runtime::Runtime,
    stop: StopSignal,
) -> anyhow::Result<()> {
    runtime.spawn(async move {
        while tokio::signal::ctrl_c().await.is_ok() {
            if !stop.raise(2) {
                report_file::remove_partial();
                std::process::exit(130);
            }
            eprintln!("pmcheck: Ctrl-C: finishing the request in flight, then writing the reports");
        }
    });
    Ok(())
}
