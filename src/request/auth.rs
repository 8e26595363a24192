//! Applying a step's effective auth to the request being built.

use base64::Engine;

use super::error::BuildError;
use super::spec::DigestAuth;
use crate::collection::Auth;
use crate::vars::Resolver;

/// What an auth adds to a request.
#[derive(Debug, Default)]
pub(crate) struct AuthParts {
    /// Headers to set (replacing any header of the same name).
    pub headers: Vec<(String, String)>,
    /// Query parameters to append.
    pub query: Vec<(String, String)>,
    /// Digest credentials for the sender.
    pub digest: Option<DigestAuth>,
}

/// Renders the auth parameters and turns them into headers, query parameters or digest
/// credentials, as Postman's auth handlers do; an oauth2 auth without a stored token uses
/// `fetched` (a client-credentials token pmcheck obtained).
pub(crate) fn apply(
    auth: &Auth,
    resolver: &mut Resolver<'_>,
    fetched: Option<&str>,
) -> Result<AuthParts, BuildError> {
    let mut p = |key: &str| -> String {
        auth.param(key)
            .map(|v| resolver.render_str(v))
            .unwrap_or_default()
    };
    let mut parts = AuthParts::default();
    match auth.kind.as_str() {
        "basic" => {
            let (user, pass) = (p("username"), p("password"));
            let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
            parts
                .headers
                .push(("Authorization".into(), format!("Basic {token}")));
        }
        "bearer" => {
            let token = p("token");
            parts
                .headers
                .push(("Authorization".into(), format!("Bearer {token}")));
        }
        "apikey" => {
            let (key, value, place) = (p("key"), p("value"), p("in"));
            if !key.is_empty() {
                if place == "query" {
                    parts.query.push((key, value));
                } else {
                    parts.headers.push((key, value));
                }
            }
        }
        "oauth2" => {
            let stored = p("accessToken");
            let token = if stored.is_empty() {
                fetched.unwrap_or_default().to_string()
            } else {
                stored
            };
            if !token.is_empty() {
                if p("addTokenTo") == "queryParams" {
                    parts.query.push(("access_token".into(), token));
                } else {
                    let prefix = auth
                        .param("headerPrefix")
                        .map_or_else(|| "Bearer".to_string(), |_| p("headerPrefix"));
                    let value = if prefix.is_empty() {
                        token
                    } else {
                        format!("{prefix} {token}")
                    };
                    parts.headers.push(("Authorization".into(), value));
                }
            }
        }
        "digest" => {
            parts.digest = Some(DigestAuth {
                username: p("username"),
                password: p("password"),
                realm: p("realm"),
                nonce: p("nonce"),
                algorithm: p("algorithm"),
                qop: p("qop"),
                nonce_count: p("nonceCount"),
                client_nonce: p("clientNonce"),
                opaque: p("opaque"),
                disable_retry: p("disableRetryRequest") == "true",
            });
        }
        "noauth" => {}
        other => {
            return Err(BuildError::UnsupportedAuth {
                kind: other.to_string(),
            });
        }
    }
    Ok(parts)
}
