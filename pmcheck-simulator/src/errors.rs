//! Simulator errors and the API's response envelopes (JSON success/failure, HTML gateway 401).

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use rand::RngExt;
use serde_json::{Map, Value, json};

/// Why the simulator could not be configured or started.
#[derive(Debug, thiserror::Error)]
pub enum SimulatorError {
    /// The fixture file could not be read.
    #[error("cannot read fixture {}: {source}", path.display())]
    FixtureRead {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The fixture file is not valid JSON for the fixture schema.
    #[error("invalid fixture {}:{line}:{column}: {message}", path.display())]
    FixtureParse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was expected.
        message: String,
    },
    /// The fixture parsed but is inconsistent (e.g. an unknown default user).
    #[error("invalid fixture {}: {message}", path.display())]
    FixtureInvalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The built-in or programmatic fixture is inconsistent.
    #[error("invalid fixture: {0}")]
    Fixture(String),
    /// The listen address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The requested address.
        addr: std::net::SocketAddr,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The background runtime or thread could not be created.
    #[error("cannot start the simulator runtime: {0}")]
    Runtime(std::io::Error),
}

const ECID_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789^_";

/// A fresh 17-character diagnostic id: 7 random characters then ten zeros.
pub(crate) fn new_ecid() -> String {
    let mut rng = rand::rng();
    let mut id: String = (0..7)
        .map(|_| ECID_CHARS[rng.random_range(0..ECID_CHARS.len())] as char)
        .collect();
    id.push_str("0000000000");
    id
}

/// Adds the recorded no-cache/security headers and the ecid header.
pub(crate) fn add_standard_headers(response: &mut Response, ecid: &str) {
    let headers = response.headers_mut();
    let fixed = [
        ("cache-control", "no-cache, no-store, must-revalidate"),
        ("pragma", "no-cache"),
        ("expires", "Sat, 01 Jan 2000 00:00:00 GMT"),
        ("x-content-type-options", "nosniff"),
        ("x-xss-protection", "1; mode=block"),
        ("x-oracle-dms-rid", "0:1:1"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if let Ok(v) = HeaderValue::from_str(ecid) {
        headers.insert("x-oracle-dms-ecid", v);
    }
}

/// A JSON response with the API's content type and headers.
pub(crate) fn json_response(status: StatusCode, body: &Value, ecid: &str) -> Response {
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=utf-8"),
    );
    add_standard_headers(&mut response, ecid);
    response
}

/// An API failure: HTTP status, AUTH code and message.
#[derive(Debug, Clone)]
pub(crate) struct ApiFailure {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiFailure {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiFailure {
            status,
            code,
            message: message.into(),
        }
    }

    /// The failure envelope `{status, ecid, cause}`.
    pub(crate) fn envelope(&self, ecid: &str) -> Map<String, Value> {
        let mut body = Map::new();
        body.insert("status".into(), json!("failed"));
        body.insert("ecid".into(), json!(ecid));
        body.insert(
            "cause".into(),
            json!([{ "message": self.message, "code": self.code }]),
        );
        body
    }
}

/// The 401 an API gateway answers for a missing, invalid or expired bearer token.
pub(crate) fn gateway_unauthorized() -> Response {
    let html = "<!DOCTYPE html>\n<html><head><title>401 Unauthorized</title></head>\n\
                <body><h1>Unauthorized</h1><p>The access token is missing, invalid or expired.</p></body></html>\n";
    let mut response = Response::new(Body::from(html));
    *response.status_mut() = StatusCode::UNAUTHORIZED;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    add_standard_headers(&mut response, &new_ecid());
    response
}
