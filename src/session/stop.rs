//! How a caller stops a run from outside: a [`StopSignal`] it keeps a clone of (in the
//! `pmcheck` binary, the SIGINT and SIGTERM handlers) and the run checks before each step.

use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};

/// A shared flag that asks a run to stop: the case in flight finishes, no new request
/// starts, and every step left is reported as not run. Cheap to clone; every clone is the
/// same flag.
#[derive(Debug, Clone, Default)]
pub struct StopSignal(Arc<AtomicI32>);

impl StopSignal {
    /// A flag nobody has raised.
    pub fn new() -> Self {
        StopSignal::default()
    }

    /// Asks the run to stop because of signal number `signal` (2 for SIGINT, 15 for
    /// SIGTERM). True the first time; later calls change nothing and return false.
    pub fn raise(&self, signal: i32) -> bool {
        self.0
            .compare_exchange(0, signal.max(1), Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }

    /// The signal that asked the run to stop, once one has.
    pub fn raised(&self) -> Option<i32> {
        match self.0.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_signal_is_kept_and_clones_share_it() {
        let stop = StopSignal::new();
        let handler = stop.clone();
        assert_eq!(stop.raised(), None);
        assert!(handler.raise(15));
        assert!(!handler.raise(2), "a second signal changes nothing");
        assert_eq!(stop.raised(), Some(15));
    }
}
