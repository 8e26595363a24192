//! The hash algorithms and qualities of protection a digest exchange can name, and the
//! hashing itself.

use md5::{Digest, Md5};
use sha2::Sha256;

/// Hash algorithm of a digest exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlgorithm {
    /// `MD5` (the default when none is named).
    Md5,
    /// `MD5-sess`: the session variant of MD5.
    Md5Sess,
    /// `SHA-256`.
    Sha256,
    /// `SHA-256-sess`: the session variant of SHA-256.
    Sha256Sess,
}

impl DigestAlgorithm {
    /// Parses an algorithm name case-insensitively; an empty name means `MD5`.
    /// Returns `None` for algorithms this crate cannot compute.
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim();
        if name.is_empty() || name.eq_ignore_ascii_case("MD5") {
            Some(Self::Md5)
        } else if name.eq_ignore_ascii_case("MD5-sess") {
            Some(Self::Md5Sess)
        } else if name.eq_ignore_ascii_case("SHA-256") {
            Some(Self::Sha256)
        } else if name.eq_ignore_ascii_case("SHA-256-sess") {
            Some(Self::Sha256Sess)
        } else {
            None
        }
    }

    /// The canonical name, as written in the `algorithm=` parameter.
    pub fn name(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Md5Sess => "MD5-sess",
            Self::Sha256 => "SHA-256",
            Self::Sha256Sess => "SHA-256-sess",
        }
    }

    /// Whether this is a session variant (`-sess`), which hashes the nonces into `A1`.
    pub(super) fn is_session(self) -> bool {
        matches!(self, Self::Md5Sess | Self::Sha256Sess)
    }

    /// Lower-case hex digest of `data` with this algorithm's hash function.
    pub(super) fn hash(self, data: &[u8]) -> String {
        match self {
            Self::Md5 | Self::Md5Sess => hex::encode(Md5::digest(data)),
            Self::Sha256 | Self::Sha256Sess => hex::encode(Sha256::digest(data)),
        }
    }
}

/// Quality of protection of a digest exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestQop {
    /// `auth`: authentication only.
    Auth,
    /// `auth-int`: authentication with integrity protection of the request body.
    AuthInt,
}

impl DigestQop {
    /// Parses a qop value case-insensitively (`auth` or `auth-int`).
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if value.eq_ignore_ascii_case("auth") {
            Some(Self::Auth)
        } else if value.eq_ignore_ascii_case("auth-int") {
            Some(Self::AuthInt)
        } else {
            None
        }
    }

    /// The value as written in the `qop=` parameter.
    pub fn name(self) -> &'static str {
        match self {
            Self::Auth => "auth",
            Self::AuthInt => "auth-int",
        }
    }
}
