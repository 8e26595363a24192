//! The parts every answer shares: the diagnostic id (`ecid`), the recorded no-cache and
//! security headers, JSON bodies, failure envelopes and the gateway's HTML 401.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use rand::RngExt;
use serde_json::Value;

use super::catalogue::AuthError;

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

/// A failure answer with `failure`'s status and envelope (worded by `messages`).
pub(crate) fn failure_response(
    failure: &AuthError,
    messages: &BTreeMap<String, String>,
) -> Response {
    let ecid = new_ecid();
    json_response(
        failure.status(),
        &Value::Object(failure.envelope(&ecid, messages)),
        &ecid,
    )
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
