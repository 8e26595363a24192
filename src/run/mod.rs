//! Running a plan: one case per step, results as data, streamed as events.

mod busy;
mod case;
mod lane;
mod parallel;
mod runner;
mod scripts;
mod setup;
mod shard;
mod token;

pub use case::{BODY_EXCERPT, CaseResult, Verdict};
pub(crate) use case::{CaseContext, CaseId, run_case};
pub(crate) use lane::Lane;
pub use runner::{RunError, RunEvent, RunOptions, RunSummary, initial_scope, run};
pub(crate) use scripts::{Scripts, SideClient};
pub use setup::{
    EMBEDDED, Inputs, Schemas, Session, SetupError, VAR_PREFIX, load_all, load_each, prepare,
    start_embedded,
};
pub use shard::{Shard, ShardError, flow_hash};
pub(crate) use token::TokenCache;
