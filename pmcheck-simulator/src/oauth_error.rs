//! The OAuth errors of `POST /oauth2/v1/token` (error, HTTP status, description), worded
//! by a fixture's `messages` like the catalogue's causes.

use std::collections::BTreeMap;

use axum::http::StatusCode;

/// An OAuth error of `POST /oauth2/v1/token` (RFC 6749 §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OAuthError {
    /// Unknown client or wrong secret.
    InvalidClient,
    /// No `grant_type`.
    MissingGrantType,
    /// A jwt-bearer grant without `assertion`.
    MissingAssertion,
    /// The assertion is not a valid, unexpired `authnToken` of a known user.
    InvalidGrant,
    /// A grant type other than client credentials and jwt-bearer.
    UnsupportedGrantType,
    /// The token could not be signed.
    SigningFailed,
}

impl OAuthError {
    /// The catalogue: `error`, HTTP status and `error_description`.
    fn entry(self) -> (&'static str, StatusCode, &'static str) {
        match self {
            OAuthError::InvalidClient => (
                "invalid_client",
                StatusCode::UNAUTHORIZED,
                "Client authentication failed: unknown client or wrong secret.",
            ),
            OAuthError::MissingGrantType => (
                "invalid_request",
                StatusCode::BAD_REQUEST,
                "The grant_type parameter is required.",
            ),
            OAuthError::MissingAssertion => (
                "invalid_request",
                StatusCode::BAD_REQUEST,
                "The assertion parameter is required for the jwt-bearer grant.",
            ),
            OAuthError::InvalidGrant => (
                "invalid_grant",
                StatusCode::BAD_REQUEST,
                "The assertion is not a valid, unexpired authentication token.",
            ),
            OAuthError::UnsupportedGrantType => (
                "unsupported_grant_type",
                StatusCode::BAD_REQUEST,
                "Supported grant types: client_credentials, urn:ietf:params:oauth:grant-type:jwt-bearer.",
            ),
            OAuthError::SigningFailed => (
                "server_error",
                StatusCode::INTERNAL_SERVER_ERROR,
                "The simulator could not sign the token.",
            ),
        }
    }

    /// The `messages` key rewording this error's description: `error`, and for
    /// `invalid_request` (two causes) `invalid_request:grant_type` / `:assertion`.
    pub(crate) fn message_key(self) -> &'static str {
        match self {
            OAuthError::InvalidClient => "invalid_client",
            OAuthError::MissingGrantType => "invalid_request:grant_type",
            OAuthError::MissingAssertion => "invalid_request:assertion",
            OAuthError::InvalidGrant => "invalid_grant",
            OAuthError::UnsupportedGrantType => "unsupported_grant_type",
            OAuthError::SigningFailed => "server_error",
        }
    }

    /// `error`, HTTP status and `error_description`, worded by `messages` where they have
    /// the error's key.
    pub(crate) fn worded(
        self,
        messages: &BTreeMap<String, String>,
    ) -> (&'static str, StatusCode, String) {
        let (error, status, description) = self.entry();
        let description = messages
            .get(self.message_key())
            .map_or_else(|| description.to_string(), Clone::clone);
        (error, status, description)
    }
}
