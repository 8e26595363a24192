//! How a command ends, as its exit code: the one mapping from outcomes to codes, used by
//! the `pmcheck` binary (and by the `cargo test` path for its own errors).

use crate::run::RunSummary;

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
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Passed => 0,
            Exit::Failed => 1,
            Exit::BadInput => 2,
            Exit::ErrorsOnly => 3,
        }
    }
}

impl From<&RunSummary> for Exit {
    /// A failure wins over an error: a run with both says the target did not conform.
    fn from(summary: &RunSummary) -> Self {
        if summary.failed > 0 {
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
}
