//! Judging a response: the expected statuses, the JSON Schema of its error class, and the
//! comparison with the saved example, as an ordered list of check results.

mod compare;
mod compiled;
mod expect;
mod judge;
mod media;
mod outcome;
mod responses;
mod route;
mod schema;
mod select;
mod tape;
mod tape_json;
mod violations;

pub use compare::{CompareMode, CompareRules, DiffLine, Example};
pub use compiled::{CompiledSchema, SchemaError};
pub use expect::{Expectation, ExpectationSource, StatusPattern};
pub use judge::{Answer, Check, Documented, ExampleCheck, judge};
pub use media::{MediaRange, essence, is_json};
pub use outcome::{
    ExampleMismatch, FailedAssertion, FailedAssertions, Failure, Finding, MissingHeaders, NotJson,
    SchemaViolations, StatusMismatch, UndocumentedMediaType, UndocumentedStatus,
    UnmatchedOperation,
};
pub use responses::{
    Bodies, BodyRule, BodyVerdict, DocumentedResponse, Lookup, Responses, StatusKey,
};
pub use route::{PathTemplate, Router};
pub use violations::Violation;
pub use schema::SchemaSet;
pub use select::CaptureSource;
