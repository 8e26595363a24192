//! HTTP Digest authentication (RFC 7616, RFC 2617): challenge parsing and the
//! `Authorization: Digest …` header computation.
//!
//! Everything here is pure: the sender in `http` decides when to call it.

mod algorithm;
mod challenge;
mod input;
mod response;

pub use challenge::{DigestChallenge, parse_digest_challenges};
pub use input::{DigestError, digest_input};
