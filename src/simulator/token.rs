//! Tokens: the OAuth token endpoint, bearer checks, `authnToken`, the session
//! endpoint and `/admin/v1/Me`.
//!
//! Every JWT the simulator issues carries a development signature: HS256 over the
//! fixture's `signing_key` (header `kid: "SIGNING_KEY"`), not Oracle's RS256.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::errors::{
    ApiFailure, add_standard_headers, gateway_unauthorized, json_response, new_ecid,
};
use super::fixture::Fixture;
use super::server::AppState;
use super::state::{Lookup, random_base64};

const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
const DEFAULT_LIFETIME: u64 = 3600;

/// What a token was issued for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Client-credentials access token.
    Client,
    /// User access token (jwt-bearer exchange).
    User,
    /// `authnToken` from the authenticate API.
    Authn,
}

impl TokenKind {
    fn as_str(self) -> &'static str {
        match self {
            TokenKind::Client => "client",
            TokenKind::User => "user",
            TokenKind::Authn => "authn",
        }
    }
}

/// The verified claims the simulator relies on.
#[derive(Debug, Clone)]
pub(crate) struct Claims {
    pub kind: TokenKind,
    pub sub: String,
}

pub(crate) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner);
    let mut out = [0u8; 32];
    out.copy_from_slice(&outer.finalize());
    out
}

/// Signs `claims` as an HS256 JWT with the fixture's development key.
pub(crate) fn sign(fixture: &Fixture, claims: &Value) -> String {
    let header = json!({"kid": "SIGNING_KEY", "typ": "JWT", "alg": "HS256"});
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = hmac_sha256(fixture.signing_key.as_bytes(), input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// Verifies signature and expiry of a JWT issued by this simulator.
pub(crate) fn verify(fixture: &Fixture, token: &str) -> Option<Claims> {
    let (input, signature) = token.rsplit_once('.')?;
    let (_, payload) = input.split_once('.')?;
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    let expected = hmac_sha256(fixture.signing_key.as_bytes(), input.as_bytes());
    let differences = signature
        .iter()
        .zip(expected.iter())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b));
    if signature.len() != expected.len() || differences != 0 {
        return None;
    }
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    let exp = claims.get("exp")?.as_u64()?;
    if now_secs() >= exp {
        return None;
    }
    let kind = match claims.get("tok")?.as_str()? {
        "client" => TokenKind::Client,
        "user" => TokenKind::User,
        "authn" => TokenKind::Authn,
        _ => return None,
    };
    Some(Claims {
        kind,
        sub: claims.get("sub")?.as_str()?.to_string(),
    })
}

fn access_token(fixture: &Fixture, kind: TokenKind, sub: &str, scope: &str, ttl: u64) -> String {
    let iat = now_secs();
    sign(
        fixture,
        &json!({
            "tok": kind.as_str(),
            "sub": sub,
            "client_id": fixture.client_id,
            "scope": scope,
            "iss": format!("https://{}.identity.simulator", fixture.tenant),
            "tenant": fixture.tenant,
            "jti": random_base64(12),
            "iat": iat,
            "exp": iat + ttl,
        }),
    )
}

/// A short-lived `authnToken` for `username`.
pub(crate) fn authn_token(fixture: &Fixture, username: &str) -> String {
    let iat = now_secs();
    sign(
        fixture,
        &json!({
            "tok": TokenKind::Authn.as_str(),
            "sub": username,
            "session": random_base64(48),
            "iss": "authsdk",
            "tenant": fixture.tenant,
            "iat": iat,
            "exp": iat + fixture.authn_token_ttl_secs,
        }),
    )
}

/// The verified bearer token of `headers`, if any.
pub(crate) fn bearer(fixture: &Fixture, headers: &HeaderMap) -> Option<Claims> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    verify(fixture, token.trim())
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
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

fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
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
        _ => {
            return oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Client authentication failed: unknown client or wrong secret.",
            );
        }
    }
    let scope = field(&fields, "scope").unwrap_or("urn:opc:idm:__myscopes__");
    let ttl = lifetime(scope);
    let token = match field(&fields, "grant_type") {
        None => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "The grant_type parameter is required.",
            );
        }
        Some("client_credentials") => {
            access_token(fixture, TokenKind::Client, &fixture.client_id, scope, ttl)
        }
        Some(JWT_BEARER) => {
            let Some(assertion) = field(&fields, "assertion") else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "The assertion parameter is required for the jwt-bearer grant.",
                );
            };
            match verify(fixture, assertion) {
                Some(c) if c.kind == TokenKind::Authn && fixture.user(&c.sub).is_some() => {
                    access_token(fixture, TokenKind::User, &c.sub, scope, ttl)
                }
                _ => {
                    return oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "The assertion is not a valid, unexpired authentication token.",
                    );
                }
            }
        }
        Some(_) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "Supported grant types: client_credentials, urn:ietf:params:oauth:grant-type:jwt-bearer.",
            );
        }
    };
    json_response(
        StatusCode::OK,
        &json!({"access_token": token, "token_type": "Bearer", "expires_in": ttl}),
        &new_ecid(),
    )
}

fn failure_response(failure: &ApiFailure) -> Response {
    let ecid = new_ecid();
    json_response(
        failure.status,
        &Value::Object(failure.envelope(&ecid)),
        &ecid,
    )
}

/// `POST /sso/v1/sdk/secure/session`: `authnToken` (or a `requestState` offering
/// `createSession`) plus the client token in `authorization` → 302 with a cookie.
pub(crate) async fn secure_session(
    State(app): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let fixture = &app.fixture;
    let fields = form_fields(&body);
    let client_ok = match field(&fields, "authorization") {
        Some(token) => verify(fixture, token).is_some_and(|c| c.kind == TokenKind::Client),
        None => bearer(fixture, &headers).is_some_and(|c| c.kind == TokenKind::Client),
    };
    if !client_ok {
        return gateway_unauthorized();
    }
    let user = if let Some(token) = field(&fields, "authnToken") {
        match verify(fixture, token) {
            Some(c) if c.kind == TokenKind::Authn => c.sub,
            _ => {
                return failure_response(&ApiFailure::new(
                    StatusCode::UNAUTHORIZED,
                    "AUTH-3008",
                    "The authentication token is invalid or expired.",
                ));
            }
        }
    } else if let Some(state) = field(&fields, "requestState") {
        match app.store.lookup(state) {
            Lookup::Found(step, flow)
                if step.next_op.contains(&"createSession") && step.username.is_some() =>
            {
                flow.complete();
                step.username.clone().unwrap_or_default()
            }
            _ => {
                return failure_response(&ApiFailure::new(
                    StatusCode::UNAUTHORIZED,
                    "AUTH-1120",
                    "The requestState is invalid, expired, or does not allow a session yet.",
                ));
            }
        }
    } else {
        return failure_response(&ApiFailure::new(
            StatusCode::BAD_REQUEST,
            "AUTH-1001",
            "Either authnToken or requestState is required.",
        ));
    };
    let code = hex::encode(&Sha256::digest(random_base64(16).as_bytes())[..8]);
    let location = format!("{}?code={code}", fixture.session_redirect);
    let cookie = format!(
        "ORA_OCIS_REQ_1={};Version=1;Path=/;HttpOnly",
        URL_SAFE_NO_PAD.encode(format!("{user}:{}", random_base64(24)))
    );
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FOUND;
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&location) {
        h.insert(header::LOCATION, v);
    }
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        h.insert(header::SET_COOKIE, v);
    }
    add_standard_headers(&mut response, &new_ecid());
    response
}

/// `GET /admin/v1/Me` with a user access token → the user as SCIM JSON.
pub(crate) async fn me(State(app): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let fixture = &app.fixture;
    let Some(claims) = bearer(fixture, &headers) else {
        return gateway_unauthorized();
    };
    let ecid = new_ecid();
    let user = match claims.kind {
        TokenKind::User => fixture.user(&claims.sub),
        TokenKind::Client | TokenKind::Authn => None,
    };
    let Some(user) = user else {
        return json_response(
            StatusCode::UNAUTHORIZED,
            &json!({
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                "detail": "This resource needs a user access token.",
                "status": "401"
            }),
            &ecid,
        );
    };
    let mut response = json_response(
        StatusCode::OK,
        &json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "id": user.id,
            "userName": user.username,
            "displayName": format!("{} {}", user.given_name, user.family_name),
            "name": {
                "givenName": user.given_name,
                "familyName": user.family_name,
                "formatted": format!("{} {}", user.given_name, user.family_name)
            },
            "emails": [{"value": user.email, "type": "work", "primary": true}],
            "active": true,
            "meta": {
                "resourceType": "User",
                "location": format!("{}/admin/v1/Users/{}", app.base_url, user.id)
            }
        }),
        &ecid,
    );
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/scim+json;charset=utf-8"),
    );
    response
}
