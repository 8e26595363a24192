//! The session endpoint (`POST /sso/v1/sdk/secure/session`: a finished flow, or a
//! keep-me-signed-in token, becomes a redirect with a session cookie) and `GET /admin/v1/Me` (the signed-in user as SCIM).

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::app::AppState;
use super::catalogue::AuthError;
use super::jwt::TokenKind;
use super::op::Op;
use super::response::{
    add_standard_headers, failure_response, gateway_unauthorized, json_response, new_ecid,
};
use super::state::{Lookup, random_base64};
use super::token::{bearer, field, form_fields};

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
        Some(token) => app
            .signing_key
            .verify(token)
            .is_some_and(|c| c.kind == TokenKind::Client),
        None => bearer(&app.signing_key, &headers).is_some_and(|c| c.kind == TokenKind::Client),
    };
    if !client_ok {
        return gateway_unauthorized();
    }
    let mut kmsi = false;
    let user = if let Some(token) = field(&fields, "kmsiToken") {
        // Keep me signed in: a session for the token's user, whose cookie outlives the browser.
        match app.users.kmsi_user(token) {
            Some(user) => {
                kmsi = true;
                user
            }
            None => return failure_response(&AuthError::InvalidAuthnToken, &fixture.messages),
        }
    } else if let Some(token) = field(&fields, "authnToken") {
        match app.signing_key.verify(token) {
            Some(c) if c.kind == TokenKind::Authn => c.sub,
            _ => {
                return failure_response(&AuthError::InvalidAuthnToken, &fixture.messages);
            }
        }
    } else if let Some(state) = field(&fields, "requestState") {
        match app.store.lookup(state) {
            Lookup::Found(step, flow)
                if step.next_op.contains(&Op::CreateSession) && step.username.is_some() =>
            {
                flow.complete();
                step.username.clone().unwrap_or_default()
            }
            _ => {
                return failure_response(&AuthError::SessionNotAllowed, &fixture.messages);
            }
        }
    } else {
        return failure_response(&AuthError::MissingSessionInput, &fixture.messages);
    };
    let code = hex::encode(&Sha256::digest(random_base64(16).as_bytes())[..8]);
    let location = format!("{}?code={code}", fixture.session_redirect);
    let mut cookie = format!(
        "ORA_OCIS_REQ_1={};Version=1;Path=/;HttpOnly",
        URL_SAFE_NO_PAD.encode(format!("{user}:{}", random_base64(24)))
    );
    if kmsi {
        let max_age = u64::from(fixture.security.kmsi_days) * 86_400;
        cookie.push_str(&format!(";Max-Age={max_age}"));
    }
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
    let Some(claims) = bearer(&app.signing_key, &headers) else {
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
