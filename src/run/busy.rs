//! Waiting for an answer by checking for it instead of sleeping, while the target answers
//! fast.
//!
//! A sequential run waits for every answer. When its thread sleeps in the kernel, waking
//! it costs time, and on a virtual machine more: the idle CPU is halted and its caches go
//! cold, so everything the run does after waking (reading the answer, the test script)
//! runs slower. Against a target that answers within a fraction of a millisecond (a
//! local server, the embedded simulator), checking the connection in a loop for a short
//! while is faster. [`BusyPoll`] keeps that bounded: each wait checks for at most its
//! limit before sleeping, and once an answer took longer than the limit, waits sleep at
//! once, except one in [`PROBE_EVERY`], which checks whether the target got fast again.

use std::cell::Cell;
use std::time::Duration;

/// One wait in this many checks for the answer even while the target is slow.
pub const PROBE_EVERY: u32 = 16;

/// When a lane's waits check for their answer: the limit, and what the last answers took.
#[derive(Debug)]
pub(crate) struct BusyPoll {
    limit: Duration,
    /// The last answer came within the limit.
    fast: Cell<bool>,
    /// Waits since the last one that checked.
    since_check: Cell<u32>,
}

impl BusyPoll {
    /// Waits checking for up to `limit`; `None` when the limit is zero.
    pub fn new(limit: Duration) -> Option<BusyPoll> {
        (!limit.is_zero()).then_some(BusyPoll {
            limit,
            fast: Cell::new(true),
            since_check: Cell::new(0),
        })
    }

    /// How long the next wait checks for its answer before it sleeps, if at all.
    pub fn budget(&self) -> Option<Duration> {
        let since = self.since_check.get() + 1;
        if self.fast.get() || since >= PROBE_EVERY {
            self.since_check.set(0);
            Some(self.limit)
        } else {
            self.since_check.set(since);
            None
        }
    }

    /// An answer came `waited` after the request was on its way.
    pub fn answered(&self, waited: Duration) {
        self.fast.set(waited <= self.limit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_turns_it_off() {
        assert!(BusyPoll::new(Duration::ZERO).is_none());
    }

    #[test]
    fn a_slow_target_is_only_probed() {
        let limit = Duration::from_micros(200);
        let busy = BusyPoll::new(limit).unwrap();
        assert_eq!(busy.budget(), Some(limit));
        busy.answered(Duration::from_micros(150));
        assert_eq!(busy.budget(), Some(limit));
        busy.answered(Duration::from_millis(30));
        let checked: Vec<bool> = (0..2 * PROBE_EVERY)
            .map(|_| busy.budget().is_some())
            .collect();
        let probes: Vec<usize> = (0..checked.len()).filter(|&i| checked[i]).collect();
        let every = PROBE_EVERY as usize;
        assert_eq!(probes, [every - 1, 2 * every - 1]);
        // A probe that finds the target fast again checks every wait.
        busy.answered(Duration::from_micros(80));
        assert!((0..5).all(|_| busy.budget().is_some()));
    }
}
