//! From a planned step and a variable scope to a fully rendered request.

mod spec;

pub use spec::{DigestAuth, RequestSpec};
