//! What a script run sees: the event, the request and response, and the host services.

use std::sync::Arc;

use crate::http::JarCookie;
use crate::vars::{Scope, VarMap};

/// Which event the scripts listen on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptKind {
    /// `prerequest`: runs before the request is sent; may change the request.
    PreRequest,
    /// `test`: runs after the response arrived, or after the request failed.
    Test,
}

impl ScriptKind {
    /// Postman's event name (`pm.info.eventName`).
    pub fn event_name(self) -> &'static str {
        match self {
            ScriptKind::PreRequest => "prerequest",
            ScriptKind::Test => "test",
        }
    }
}

/// The scripts of one event of one request, and everything they may read or change.
pub struct ScriptEvent<'a> {
    /// Pre-request or test.
    pub kind: ScriptKind,
    /// Sources in order: collection, folders (outer to inner), request.
    pub sources: &'a [&'a str],
    /// Variables, read and written by the scripts.
    pub scope: &'a mut Scope,
    /// Variables of the enclosing folders, outermost first (read only).
    pub folders: Arc<[VarMap]>,
    /// The request; pre-request scripts may change it (headers, url, method, body).
    pub request: &'a mut ScriptRequest,
    /// The response, for test scripts; `None` in a test run after the request could not
    /// be built or sent, where `pm.response` is an empty response (as in Newman).
    pub response: Option<&'a ScriptResponse>,
    /// Names and counters for `pm.info`.
    pub info: &'a ScriptInfo,
}

/// A request as scripts see it (`pm.request`, `pm.sendRequest`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScriptRequest {
    /// Method, upper case.
    pub method: String,
    /// Full URL.
    pub url: String,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// Raw body text, if any.
    pub body: Option<String>,
}

/// A response as scripts see it (`pm.response`, the legacy globals).
#[derive(Debug, Clone)]
pub struct ScriptResponse {
    /// Status code.
    pub code: u16,
    /// Reason phrase.
    pub reason: String,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
    /// Body bytes (scripts see them decoded as UTF-8, lossily).
    pub body: Vec<u8>,
    /// Response time in milliseconds.
    pub time_ms: u64,
}

/// Names and counters of the running request (`pm.info`).
#[derive(Debug, Clone, Default)]
pub struct ScriptInfo {
    /// Collection name.
    pub collection: String,
    /// Request name.
    pub request_name: String,
    /// Request id.
    pub request_id: String,
    /// Iteration, 0-based like Postman.
    pub iteration: usize,
    /// Number of iterations.
    pub iteration_count: usize,
}

/// Services of the run that scripts may use.
pub trait ScriptHost {
    /// pm.sendRequest: send synchronously through the run's HTTP client, giving up at
    /// `deadline` (the script's time limit).
    fn send_request(
        &self,
        request: ScriptRequest,
        deadline: Option<std::time::Instant>,
    ) -> Result<ScriptResponse, String>;
    /// pm.cookies / responseCookies: cookies of the jar for the request's final URL.
    fn cookies(&self) -> Vec<JarCookie>;
    /// `pm.cookies.jar().getAll(url)`: the jar's cookies for `url`.
    fn jar_cookies(&self, _url: &str) -> Result<Vec<JarCookie>, String> {
        Err(NO_JAR.into())
    }
    /// `pm.cookies.jar().set(url, …)`: stores `Set-Cookie` text for `url`.
    fn jar_set(&self, _url: &str, _set_cookie: &str) -> Result<JarCookie, String> {
        Err(NO_JAR.into())
    }
    /// `pm.cookies.jar().unset(url, name)`.
    fn jar_unset(&self, _url: &str, _name: &str) -> Result<(), String> {
        Err(NO_JAR.into())
    }
    /// `pm.cookies.jar().clear(url)`.
    fn jar_clear(&self, _url: &str) -> Result<(), String> {
        Err(NO_JAR.into())
    }
}

/// What a jar operation reports where the run has no cookie jar.
const NO_JAR: &str = "no cookie jar in this context";
