//! The script clock: the deadline the interrupt handler checks, and the event loop that
//! runs what a script leaves (promise jobs, `pm.sendRequest` callbacks, timers) under it.

use std::cell::Cell;
use std::time::{Duration, Instant};

use rquickjs::{Ctx, Function};

/// The deadline the interrupt handler checks, and whether it fired.
#[derive(Default)]
pub(crate) struct Clock {
    pub deadline: Cell<Option<Instant>>,
    pub fired: Cell<bool>,
}

impl Clock {
    /// Starts a run of at most `timeout`.
    pub fn arm(&self, timeout: Duration) {
        self.fired.set(false);
        self.deadline.set(Some(Instant::now() + timeout));
    }

    /// No deadline until the next `arm`.
    pub fn disarm(&self) {
        self.deadline.set(None);
    }

    /// Sleeps for `wait`, or until the deadline if that comes first (then the clock fired).
    fn sleep(&self, wait: Duration) {
        let now = Instant::now();
        let until = match self.deadline.get() {
            Some(deadline) => (now + wait).min(deadline),
            None => now + wait,
        };
        std::thread::sleep(until.saturating_duration_since(now));
        if self.deadline.get().is_some_and(|d| Instant::now() >= d) {
            self.fired.set(true);
        }
    }
}

/// Runs what a script left to do, as Postman's sandbox does after the script's body:
/// promise jobs first, then each task `next_task` (the prelude's `nextTask`) runs — the
/// `pm.sendRequest` callbacks and timers, in the order they are due, really waiting for a
/// timer that is not due yet — with the promise jobs each leaves, until nothing is left.
/// A run past the deadline ends with an error (the clock fired).
pub(crate) fn settle(
    ctx: &Ctx<'_>,
    next_task: &Function<'_>,
    tasks: bool,
    clock: &Clock,
) -> rquickjs::Result<()> {
    // Whether tasks may be queued: the source left some, or a promise job ran (it may
    // have queued one).
    let mut pending = tasks;
    loop {
        while ctx.execute_pending_job() {
            pending = true;
        }
        if clock.fired.get() {
            return Err(rquickjs::Error::Exception);
        }
        if !pending {
            return Ok(());
        }
        let wait: f64 = next_task.call(())?;
        if wait < 0.0 {
            return Ok(());
        }
        if wait > 0.0 {
            clock.sleep(Duration::from_secs_f64(wait / 1000.0));
            if clock.fired.get() {
                return Err(rquickjs::Error::Exception);
            }
        }
    }
}
