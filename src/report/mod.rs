//! Consumers of run events: terminal, JUnit, JSON, HTML and GitHub reports, and the schema
//! folder recorded from a run's responses (`--record-schemas`).

mod detail;
mod github;
mod html;
mod human;
mod json;
mod junit;
mod schemas;
mod spool;
mod style;
mod timestamp;

pub use detail::{
    assertion_lines, check_lines, console_lines, detail_lines, display_path, evidence_lines,
    reason, summary_line,
};
pub use github::{GithubContext, GithubReport};
pub use html::HtmlReport;
pub use human::{CliOptions, HumanReport};
pub use json::{JSON_FORMAT_VERSION, JsonReport};
pub use junit::JunitReport;
pub use schemas::SchemaRecorder;
pub use style::{Style, Styled, to_ascii};

use crate::run::{RunEvent, RunSummary};

/// A consumer of a run's events.
pub trait Reporter {
    /// Called for every event, in order.
    fn event(&mut self, event: &RunEvent);
    /// Called once at the end with the totals; writes whatever is left.
    fn finish(&mut self, summary: &RunSummary) -> std::io::Result<()>;
}
