//! From a planned step and a variable scope to a fully rendered request.

mod auth;
mod build;
mod digest;
mod spec;

pub use build::{BuildError, BuildOptions, Target, build, build_parsed};
pub use digest::{
    DigestAlgorithm, DigestChallenge, DigestError, DigestInput, DigestQop, digest_input,
    parse_digest_challenges,
};
pub use spec::{DigestAuth, RequestSpec};
