//! Consumers of run events: the terminal report, and redaction of everything shown.

mod human;
pub mod redact;
mod style;

pub use human::HumanReport;
pub use style::{Style, Styled};
