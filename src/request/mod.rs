//! From a planned step and a variable scope to a fully rendered request.

mod auth;
mod body_file;
mod build;
mod digest;
mod encoding;
mod error;
mod spec;

pub use build::{BuildOptions, Target, build, build_parsed};
pub use digest::{DigestChallenge, DigestError, digest_input, parse_digest_challenges};
pub(crate) use encoding::{COMPONENT, PATH};
pub use error::BuildError;
pub use spec::{DigestAuth, RequestSpec};
