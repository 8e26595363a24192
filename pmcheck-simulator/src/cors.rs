//! CORS: the `OPTIONS` preflight of every endpoint and the `Access-Control-Allow-Origin`
//! of answers to a request with an allowed `Origin` (the fixture's
//! `security.cors_origins`, `*` by default).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;

use super::app::AppState;
use super::response::add_standard_headers;
use super::response::new_ecid;

const ALLOWED_METHODS: &str = "GET, POST, OPTIONS";
const ALLOWED_HEADERS: &str = "Authorization, Content-Type, Accept, Accept-Language";

/// The `Access-Control-Allow-Origin` value for the request's `Origin`, if it is allowed
/// (without an `Origin`, `*` when every origin is).
fn allowed_origin(app: &AppState, headers: &HeaderMap) -> Option<HeaderValue> {
    let origins = &app.fixture.security.cors_origins;
    let any = origins.iter().any(|o| o == "*");
    match headers.get(header::ORIGIN) {
        Some(origin) => {
            let text = origin.to_str().ok()?;
            (any || origins.iter().any(|o| o == text)).then(|| origin.clone())
        }
        None => any.then(|| HeaderValue::from_static("*")),
    }
}

/// `OPTIONS` on any endpoint: 200 with the `Access-Control-Allow-*` headers, or 403 for
/// an origin the fixture does not allow.
pub(crate) async fn preflight(State(app): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let mut response = Response::new(Body::empty());
    let Some(origin) = allowed_origin(&app, &headers) else {
        *response.status_mut() = StatusCode::FORBIDDEN;
        return response;
    };
    let allow_headers = headers
        .get(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .cloned()
        .unwrap_or(HeaderValue::from_static(ALLOWED_HEADERS));
    let h = response.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static(ALLOWED_METHODS),
    );
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("3600"),
    );
    h.insert(header::ALLOW, HeaderValue::from_static(ALLOWED_METHODS));
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    add_standard_headers(&mut response, &new_ecid());
    response
}

/// Middleware: answers to a request with an allowed `Origin` name it in
/// `Access-Control-Allow-Origin`.
pub(crate) async fn allow_origin(
    State(app): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let origin = request
        .headers()
        .contains_key(header::ORIGIN)
        .then(|| allowed_origin(&app, request.headers()))
        .flatten();
    let mut response = next.run(request).await;
    if let Some(origin) = origin {
        let h = response.headers_mut();
        h.entry(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .or_insert(origin);
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}
