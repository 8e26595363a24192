//! Running a plan: one case per step, results as data, streamed as events.

mod case;
mod runner;

pub use case::{CaseResult, Verdict};
pub use runner::{RunEvent, RunOptions, RunSummary, initial_scope, run};
