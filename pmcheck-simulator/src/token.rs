//! The OAuth token endpoint (`POST /oauth2/v1/token`: client credentials and the
//! jwt-bearer exchange of an `authnToken`), the tokens the simulator issues and the bearer
//! check of the other endpoints.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::json;

use super::app::AppState;
use super::jwt::{Claims, SigningKey, TokenKind, now_secs};
use super::oauth_error::OAuthError;
use super::response::{gateway_unauthorized, json_response, new_ecid};
use super::state::random_base64;

const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const DEFAULT_LIFETIME: u64 = 3600;

fn access_token(
    app: &AppState,
    kind: TokenKind,
    sub: &str,
    scope: &str,
    ttl: u64,
) -> Option<String> {
    let fixture = &app.fixture;
    let iat = now_secs();
    app.signing_key.sign(&json!({
            "tok": kind.as_str(),
            "sub": sub,
            "client_id": fixture.client_id,
            "scope": scope,
            "iss": format!("https://{}.identity.simulator", fixture.tenant),
            "tenant": fixture.tenant,
            "jti": random_base64(12),
            "iat": iat,
            "exp": iat + ttl,
    }))
}

/// A short-lived `authnToken` for `username`; `None` if signing failed.
pub(crate) fn authn_token(app: &AppState, username: &str) -> Option<String> {
    let fixture = &app.fixture;
    let iat = now_secs();
    app.signing_key.sign(&json!({
            "tok": TokenKind::Authn.as_str(),
            "sub": username,
            "session": random_base64(48),
            "iss": "authsdk",
            "tenant": fixture.tenant,
            "iat": iat,
            "exp": iat + fixture.authn_token_ttl_secs,
    }))
}

/// The verified bearer token of `headers`, if any.
pub(crate) fn bearer(key: &SigningKey, headers: &HeaderMap) -> Option<Claims> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    key.verify(token.trim())
}

/// The refusal of a request to the authentication API whose bearer is not a client token
/// carrying one of the fixture's `security.signin_scopes`: the gateway's HTML 401 (for a
/// token without such a scope with `WWW-Authenticate: Bearer error="insufficient_scope"`).
/// `None` when the token may sign users in.
pub(crate) fn signin_refusal(app: &AppState, headers: &HeaderMap) -> Option<Response> {
    let Some(claims) = bearer(&app.signing_key, headers).filter(|c| c.kind == TokenKind::Client)
    else {
        return Some(gateway_unauthorized());
    };
    let wanted = &app.fixture.security.signin_scopes;
    if claims
        .scope
        .split_whitespace()
        .any(|s| wanted.iter().any(|w| w == s))
    {
        return None;
    }
    let mut response = gateway_unauthorized();
    let challenge = format!(
        "Bearer error=\"insufficient_scope\", scope=\"{}\"",
        wanted.join(" ")
    );
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    Some(response)
}

fn oauth_error(app: &AppState, error: OAuthError) -> Response {
    let (error, status, description) = error.worded(&app.fixture.messages);
    let ecid = new_ecid();
    let mut response = json_response(
        status,
        &json!({"error": error, "error_description": description}),
        &ecid,
    );
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Basic"));
    }
    response
}

/// The fields of a form-encoded body, in order.
pub(crate) fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// The first form field called `name`.
pub(crate) fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_string(), secret.to_string()))
}

fn lifetime(scope: &str) -> u64 {
    scope
        .split_whitespace()
        .find_map(|s| s.strip_prefix("urn:opc:resource:expiry="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(DEFAULT_LIFETIME)
}

/// `POST /oauth2/v1/token`.
pub(crate) async fn token_endpoint(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let fixture = &app.fixture;
    let fields = form_fields(&body);
    let client = basic_credentials(&headers).or_else(|| {
        Some((
            field(&fields, "client_id")?.to_string(),
            field(&fields, "client_secret")?.to_string(),
        ))
    });
    match client {
        Some((id, secret)) if id == fixture.client_id && secret == fixture.client_secret => {}
        _ => return oauth_error(&app, OAuthError::InvalidClient),
    }
    let scope = field(&fields, "scope").unwrap_or("urn:opc:idm:__myscopes__");
    let ttl = lifetime(scope);
    let token = match field(&fields, "grant_type") {
        None => return oauth_error(&app, OAuthError::MissingGrantType),
        Some("client_credentials") => {
            access_token(&app, TokenKind::Client, &fixture.client_id, scope, ttl)
        }
        Some(JWT_BEARER) => {
            let Some(assertion) = field(&fields, "assertion") else {
                return oauth_error(&app, OAuthError::MissingAssertion);
            };
            match app.signing_key.verify(assertion) {
                Some(c) if c.kind == TokenKind::Authn && fixture.user(&c.sub).is_some() => {
                    access_token(&app, TokenKind::User, &c.sub, scope, ttl)
                }
                _ => return oauth_error(&app, OAuthError::InvalidGrant),
            }
        }
        Some(_) => return oauth_error(&app, OAuthError::UnsupportedGrantType),
    };
    let Some(token) = token else {
        return oauth_error(&app, OAuthError::SigningFailed);
    };
    json_response(
        StatusCode::OK,
        &json!({"access_token": token, "token_type": "Bearer", "expires_in": ttl}),
        &new_ecid(),
    )
}
