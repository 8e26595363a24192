//! How a command ends, as its exit code: the one mapping from outcomes to codes, used by
//! the `pmcheck` binary (and by the `cargo test` path for its own errors).

use crate::run::{RunSummary, Stopped};

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything passed (0).
    Passed,
    /// A check failed: the target did not conform (1).
    Failed,
    /// Bad input or usage: a file, an option or a setting could not be used (2).
    BadInput,
    /// Only errors: the target could not be reached or judged, or a `setNextRequest` loop
    /// was stopped by the cap on repeats (3).
    ErrorsOnly,
    /// The run's time limit (`--timeout`) expired before every request ran (4), whatever
    /// the cases that ran say (Newman exits 1).
    TimedOut,
    /// A signal stopped the run (128 + the signal's number: 130 for SIGINT, 143 for
    /// SIGTERM, as a shell reports a process the signal ended).
    Interrupted(i32),
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Passed => 0,
            Exit::Failed => 1,
            Exit::BadInput => 2,
            Exit::ErrorsOnly => 3,
            Exit::TimedOut => 4,
            Exit::Interrupted(signal) => {
                u8::try_from(128 + signal.clamp(1, 127)).unwrap_or(u8::MAX)
            }
        }
    }

    /// The code under `-x/--suppress-exit-code`: 0 whatever the cases and the run timeout
    /// say; bad input or usage (2) and a signal keep theirs.
    pub fn suppressed(self) -> Exit {
        match self {
            Exit::BadInput | Exit::Interrupted(_) => self,
            Exit::Passed | Exit::Failed | Exit::ErrorsOnly | Exit::TimedOut => Exit::Passed,
        }
    }
}

impl From<&RunSummary> for Exit {
    /// A signal or the run timeout wins, then a failure over an error: a run with both
    /// says the target did not conform.
    fn from(summary: &RunSummary) -> Self {
        if let Some(why) = summary.stopped {
            match why {
                Stopped::Signal(signal) => Exit::Interrupted(signal),
                Stopped::Timeout(_) => Exit::TimedOut,
            }
        } else if summary.failed > 0 {
            Exit::Failed
        } else if summary.errors > 0 {
            Exit::ErrorsOnly
        } else {
            Exit::Passed
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_beat_errors_beat_passes() {
        let summary = |failed, errors| RunSummary {
            failed,
            errors,
            ..RunSummary::default()
        };
        assert_eq!(Exit::from(&summary(1, 1)), Exit::Failed);
        assert_eq!(Exit::from(&summary(0, 2)), Exit::ErrorsOnly);
        assert_eq!(Exit::from(&summary(0, 0)), Exit::Passed);
        assert_eq!(
            [Exit::Passed, Exit::Failed, Exit::BadInput, Exit::ErrorsOnly].map(Exit::code),
            [0, 1, 2, 3]
        );
    }

    #[test]
    fn stops_beat_results_and_suppression_keeps_usage_and_signals() {
        let stopped = |why| RunSummary {
            failed: 1,
            stopped: Some(why),
            ..RunSummary::default()
        };
        let timeout = Exit::from(&stopped(Stopped::Timeout(std::time::Duration::ZERO)));
        assert_eq!(timeout, Exit::TimedOut);
        let term = Exit::from(&stopped(Stopped::Signal(15)));
        let int = Exit::from(&stopped(Stopped::Signal(2)));
        assert_eq!([timeout, term, int].map(Exit::code), [4, 143, 130]);
        let all = [
            Exit::Passed,
            Exit::Failed,
            Exit::BadInput,
            Exit::ErrorsOnly,
            Exit::TimedOut,
            Exit::Interrupted(15),
        ];
        assert_eq!(all.map(|e| e.suppressed().code()), [0, 0, 2, 0, 0, 143]);
    }
}
