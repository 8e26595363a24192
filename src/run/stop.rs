//! Why a run stops before its end, and what its steps check: the `--timeout` deadline and
//! the caller's [`StopSignal`] (SIGINT, SIGTERM). [`RunStop`] is the run's view of both;
//! [`Stopped`] says which one ended it, in the summary, the error of the case the deadline
//! cut and the reason of every step not run.

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::session::{RunOptions, StopSignal};

/// Why a run stopped before every step ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// The run's time limit (`--timeout`) passed.
    Timeout(Duration),
    /// A signal asked the run to stop (its number: 2 for SIGINT, 15 for SIGTERM).
    Signal(i32),
}

impl Stopped {
    /// The signal's name: `SIGINT`, `SIGTERM`, else `signal N`.
    fn signal_name(signal: i32) -> String {
        match signal {
            2 => "SIGINT".into(),
            15 => "SIGTERM".into(),
            n => format!("signal {n}"),
        }
    }

    /// The short name reports use: `timeout`, `SIGINT`, `SIGTERM`.
    pub fn name(self) -> String {
        match self {
            Stopped::Timeout(_) => "timeout".into(),
            Stopped::Signal(n) => Stopped::signal_name(n),
        }
    }
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stopped::Timeout(limit) => write!(
                f,
                "the run timeout (--timeout {} ms) expired",
                limit.as_millis()
            ),
            Stopped::Signal(n) => {
                write!(f, "the run was interrupted ({})", Stopped::signal_name(*n))
            }
        }
    }
}

impl std::error::Error for Stopped {}

/// What a run's steps check before they start and while they send: the deadline of
/// `--timeout` (counted from the run's start), the caller's signal, and which of them
/// first stopped something.
#[derive(Debug)]
pub(crate) struct RunStop {
    timeout: Option<Duration>,
    deadline: Option<Instant>,
    signal: StopSignal,
    seen: Mutex<Option<Stopped>>,
}

impl RunStop {
    /// The stop conditions of a run of `options` that starts now.
    pub fn new(options: &RunOptions) -> Self {
        RunStop {
            timeout: options.timeout,
            deadline: options.timeout.and_then(|t| Instant::now().checked_add(t)),
            signal: options.stop.clone(),
            seen: Mutex::new(None),
        }
    }

    /// When the run's time is up, if it has a limit.
    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// Why nothing more may start: a signal was raised, or the deadline passed.
    pub fn reason(&self) -> Option<Stopped> {
        if let Some(signal) = self.signal.raised() {
            return Some(Stopped::Signal(signal));
        }
        self.expired()
    }

    /// The timeout, once the deadline has passed.
    pub fn expired(&self) -> Option<Stopped> {
        match (self.timeout, self.deadline) {
            (Some(limit), Some(deadline)) if Instant::now() >= deadline => {
                Some(Stopped::Timeout(limit))
            }
            _ => None,
        }
    }

    /// The timeout, as the reason of a step its deadline cut.
    pub fn timed_out(&self) -> Stopped {
        Stopped::Timeout(self.timeout.unwrap_or_default())
    }

    /// Records that `why` stopped a step (the first record wins), and returns it.
    pub fn note(&self, why: Stopped) -> Stopped {
        if let Ok(mut seen) = self.seen.lock() {
            *seen.get_or_insert(why)
        } else {
            why
        }
    }

    /// What stopped the run, if anything stopped a step.
    pub fn seen(&self) -> Option<Stopped> {
        self.seen.lock().ok().and_then(|seen| *seen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signal_wins_and_the_first_record_stays() {
        let options = RunOptions {
            timeout: Some(Duration::ZERO),
            ..RunOptions::default()
        };
        let stop = RunStop::new(&options);
        assert_eq!(stop.reason(), Some(Stopped::Timeout(Duration::ZERO)));
        options.stop.raise(15);
        assert_eq!(stop.reason(), Some(Stopped::Signal(15)));
        assert_eq!(stop.seen(), None);
        stop.note(Stopped::Signal(15));
        stop.note(Stopped::Signal(2));
        assert_eq!(stop.seen(), Some(Stopped::Signal(15)));
        assert_eq!(
            Stopped::Timeout(Duration::from_millis(500)).to_string(),
            "the run timeout (--timeout 500 ms) expired"
        );
        assert_eq!(
            Stopped::Signal(2).to_string(),
            "the run was interrupted (SIGINT)"
        );
        let unlimited = RunStop::new(&RunOptions::default());
        assert_eq!((unlimited.reason(), unlimited.deadline()), (None, None));
    }
}
