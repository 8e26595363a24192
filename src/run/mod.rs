//! Running a plan: one flow engine ([`flow`]), driven sequentially or by `--jobs N`, one
//! case per step, results as data, streamed as events.

mod busy;
mod case;
mod events;
mod execute;
mod final_state;
mod flow;
mod judging;
mod lane;
mod outcome;
mod parallel;
mod redaction;
mod result;
mod script_reach;
mod scripts;
mod sequential;
mod stop;
mod token;
mod units;

pub(crate) use case::CaseId;
pub(crate) use events::Tally;
pub use events::{CollectionHeader, RunError, RunEvent, RunSummary};
pub use execute::run;
pub use final_state::FinalState;
pub(crate) use flow::{Engine, Finished, FlowRun};
pub(crate) use lane::Lane;
pub use outcome::{CaseError, CheckOutcome, LoopStopped, LoopedRequest, ScriptFailure};
pub use result::{BODY_EXCERPT, CaseName, CaseResult, IterationSuffix, Verdict};
pub use stop::Stopped;
pub use token::TokenError;
pub(crate) use units::{Kind, Selected, Unit, units};

// The vocabulary of a case's result, from the stages that produce it: what a reporter
// reads.
pub use crate::check::{
    Check, DiffLine, ExampleMismatch, Expectation, ExpectationSource, FailedAssertion,
    FailedAssertions, Failure, MissingHeaders, NotJson, SchemaViolations, StatusMismatch,
    StatusPattern, UndocumentedMediaType, Violation,
};
pub use crate::http::{Call, Response, SendError, SendErrorKind, SentRequest, Timings};
pub use crate::request::{BuildError, DigestAuth, RequestSpec};
pub use crate::script::{
    Assertion, AssertionStatus, ConsoleLine, NextRequest, ScriptError, ScriptKind,
};
