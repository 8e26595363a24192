//! Running a plan: one flow engine ([`flow`]), driven sequentially or by `--jobs N`, one
//! case per step, results as data, streamed as events.

mod busy;
mod case;
mod events;
mod execute;
mod flow;
mod lane;
mod parallel;
mod scripts;
mod sequential;
mod token;
mod units;

pub(crate) use case::CaseId;
pub use case::{BODY_EXCERPT, CaseResult, Verdict};
pub(crate) use events::Tally;
pub use events::{RunError, RunEvent, RunSummary};
pub use execute::run;
pub(crate) use flow::{Engine, Finished, FlowRun};
pub(crate) use lane::Lane;
pub(crate) use units::{Kind, Selected, Unit, units};
