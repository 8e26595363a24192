//! Reading a `POST /sso/v1/sdk/authenticate` body in the service's validation order: a
//! JSON content type, a body, JSON, an object, its `requestState`, then the submission
//! (`op`, `authFactor`, `credentials`, `trustedDevice`, `trustToken`, `keepMeSignedIn`).

use axum::http::{HeaderMap, header};
use serde_json::{Map, Value, json};

use crate::catalogue::AuthError;
use crate::fixture::Factor;
use crate::op::Op;

/// A `Content-Type` other than `application/json` (or `…+json`) is refused; a request
/// without one is read as JSON.
pub(super) fn check_content_type(headers: &HeaderMap) -> Result<(), AuthError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(());
    };
    let text = String::from_utf8_lossy(value.as_bytes());
    let mime = text.split(';').next().unwrap_or_default().trim();
    let lower = mime.to_ascii_lowercase();
    if lower == "application/json" || lower.ends_with("+json") {
        Ok(())
    } else {
        Err(AuthError::UnsupportedMediaType(mime.to_string()))
    }
}

/// The body as a JSON object; an empty body (or `null`) is a missing payload.
pub(super) fn parse_body(body: &[u8]) -> Result<Map<String, Value>, AuthError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(AuthError::EmptyPayload);
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(request)) => Ok(request),
        Ok(Value::Null) => Err(AuthError::EmptyPayload),
        Ok(_) => Err(AuthError::PayloadNotObject),
        Err(e) => Err(AuthError::InvalidJson(e.to_string())),
    }
}

/// The request's `requestState`.
pub(super) fn request_state(request: &Map<String, Value>) -> Result<&str, AuthError> {
    request
        .get("requestState")
        .and_then(Value::as_str)
        .ok_or(AuthError::MissingRequestState)
}

/// What a request submits at its step.
pub(super) struct Submission<'a> {
    /// The operation.
    pub op: Op,
    /// `authFactor`, if given.
    pub factor: Option<Factor>,
    /// `credentials`.
    pub creds: Credentials<'a>,
    /// `trustedDevice: true`.
    pub trusted_device: bool,
    /// `trustToken`: a trust token of an earlier sign-in.
    pub trust_token: Option<&'a str>,
    /// `keepMeSignedIn: true` (at the top level or in `credentials`).
    pub keep_me_signed_in: bool,
}

/// A value as an error message shows it: strings bare, anything else as JSON.
fn shown(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_string)
}

impl<'a> Submission<'a> {
    /// Reads `op`, `authFactor`, `credentials` and `trustedDevice`.
    pub(super) fn parse(request: &'a Map<String, Value>) -> Result<Submission<'a>, AuthError> {
        let op = match request.get("op") {
            None => return Err(AuthError::MissingOp),
            Some(value) => value
                .as_str()
                .and_then(Op::parse)
                .ok_or_else(|| AuthError::InvalidOp(shown(value)))?,
        };
        let factor = match request.get("authFactor") {
            None => None,
            Some(value) => Some(
                value
                    .as_str()
                    .and_then(Factor::parse)
                    .ok_or_else(|| AuthError::InvalidAuthFactor(shown(value)))?,
            ),
        };
        let creds = match request.get("credentials") {
            None => Credentials(None),
            Some(Value::Object(m)) => Credentials(Some(m)),
            Some(_) => return Err(AuthError::CredentialsNotObject),
        };
        let flag = |key: &str| request.get(key).and_then(Value::as_bool) == Some(true);
        Ok(Submission {
            op,
            factor,
            creds,
            trusted_device: flag("trustedDevice"),
            trust_token: request
                .get("trustToken")
                .and_then(Value::as_str)
                .or_else(|| creds.str("trustToken")),
            keep_me_signed_in: flag("keepMeSignedIn") || creds.bool("keepMeSignedIn") == Some(true),
        })
    }
}

/// The `credentials` object of a request (possibly absent).
#[derive(Debug, Clone, Copy)]
pub(super) struct Credentials<'a>(Option<&'a Map<String, Value>>);

impl<'a> Credentials<'a> {
    /// Credentials read from `map`.
    pub(super) fn of(map: &'a Map<String, Value>) -> Credentials<'a> {
        Credentials(Some(map))
    }

    /// The string credential `key`.
    pub(super) fn str(self, key: &str) -> Option<&'a str> {
        self.0?.get(key)?.as_str()
    }

    /// The boolean credential `key`.
    pub(super) fn bool(self, key: &str) -> Option<bool> {
        self.0?.get(key)?.as_bool()
    }

    /// Whether no credential is given (absent or `{}`): a poll.
    pub(super) fn is_empty(self) -> bool {
        self.0.is_none_or(Map::is_empty)
    }

    /// Whether `key` is given, whatever its type.
    pub(super) fn has(self, key: &str) -> bool {
        self.0.is_some_and(|m| m.contains_key(key))
    }

    /// The `questions` array (security-question answers).
    pub(super) fn questions(self) -> Option<&'a Vec<Value>> {
        self.0?.get("questions")?.as_array()
    }

    /// A copy with `deviceId` set to `device_id`.
    pub(super) fn with_device(self, device_id: &str) -> Map<String, Value> {
        let mut map = self.0.cloned().unwrap_or_default();
        map.insert("deviceId".into(), json!(device_id));
        map
    }
}
