//! Applying a step's effective auth to the request being built: header and query auths
//! here, the schemes that sign the finished request in their own modules.

mod aws4;
mod crypto;
mod edgegrid;
mod hawk;
mod jwt;
mod message;
mod oauth1;
mod params;

use base64::Engine;

use super::error::BuildError;
use super::spec::DigestAuth;
use crate::collection::Auth;
use crate::vars::Resolver;

pub(crate) use message::{BodyKind, Message};
pub(crate) use params::{AuthError, Params};

/// The parameters of the signing and token-making auths whose values are credentials,
/// masked wherever a result quotes them (the other auths name theirs in [`apply`]).
const SECRET_PARAMS: [&str; 15] = [
    "password",
    "token",
    "accessToken",
    "consumerSecret",
    "tokenSecret",
    "privateKey",
    "authKey",
    "accessKey",
    "secretKey",
    "sessionToken",
    "secret",
    "clientToken",
    "clientSecret",
    "refreshToken",
    "value",
];

/// Credentials shorter than this are not masked wherever they are quoted (they would mask
/// ordinary text); their headers still are.
const MIN_SECRET: usize = 3;

/// A scheme that signs the finished request (URL, headers and body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Signer {
    /// OAuth 1.0a.
    OAuth1(Params),
    /// Hawk.
    Hawk(Params),
    /// AWS Signature Version 4.
    Aws(Params),
    /// Akamai EdgeGrid.
    EdgeGrid(Params),
}

impl Signer {
    /// Signs `msg`: sets its headers, query or form fields.
    pub(crate) fn sign(&self, msg: &mut Message<'_>) -> Result<(), BuildError> {
        match self {
            Signer::OAuth1(p) => oauth1::sign(p, msg).map_err(|e| auth_failed("oauth1", &e)),
            Signer::Hawk(p) => {
                hawk::sign(p, msg);
                Ok(())
            }
            Signer::Aws(p) => {
                aws4::sign(p, msg);
                Ok(())
            }
            Signer::EdgeGrid(p) => {
                edgegrid::sign(p, msg);
                Ok(())
            }
        }
    }

    /// A PLAINTEXT OAuth 1.0 signature is the secrets themselves.
    fn plaintext_signature(&self) -> Option<String> {
        match self {
            Signer::OAuth1(p)
                if p.get("signatureMethod") == "PLAINTEXT" && !p.get("consumerSecret").is_empty() =>
            {
                Some(format!(
                "{}&{}",
                crypto::rfc3986(p.get("consumerSecret")),
                    crypto::rfc3986(p.get("tokenSecret"))
                ))
            }
            _ => None,
        }
    }
}

fn auth_failed(kind: &str, e: &AuthError) -> BuildError {
    BuildError::AuthFailed {
        kind: kind.into(),
        reason: e.to_string(),
    }
}

/// What an auth adds to a request.
#[derive(Debug, Default)]
pub(crate) struct AuthParts {
    /// Headers to set (replacing any header of the same name).
    pub headers: Vec<(String, String)>,
    /// Query parameters to append.
    pub query: Vec<(String, String)>,
    /// Digest credentials for the sender.
    pub digest: Option<DigestAuth>,
    /// The scheme that signs the finished request, if any.
    pub signer: Option<Signer>,
    /// The credentials' values (and tokens made from them), to mask in results.
    pub secrets: Vec<String>,
}

/// Renders the auth parameters and turns them into headers, query parameters or digest
/// credentials, as Postman's auth handlers do; an oauth2 auth without a stored token uses
/// `fetched` (a client-credentials token pmcheck obtained).
pub(crate) fn apply(
    auth: &Auth,
    resolver: &mut Resolver<'_>,
    fetched: Option<&str>,
) -> Result<AuthParts, BuildError> {
    if SIGNING_KINDS.contains(&auth.kind.as_str()) {
        return signing(auth, Params::render(auth, resolver));
    }
    let mut p = |key: &str| -> String {
        auth.param(key)
            .map(|v| resolver.render_str(v))
            .unwrap_or_default()
    };
    let mut parts = AuthParts::default();
    // Every credential is a secret wherever it goes: header, query or body.
    match auth.kind.as_str() {
        "basic" => {
            let (user, pass) = (p("username"), p("password"));
            let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"));
            parts
                .headers
                .push(("Authorization".into(), format!("Basic {token}")));
            parts.secrets.push(pass);
        }
        "bearer" => {
            let token = p("token");
            parts
                .headers
                .push(("Authorization".into(), format!("Bearer {token}")));
            parts.secrets.push(token);
        }
        "apikey" => {
            let (key, value, place) = (p("key"), p("value"), p("in"));
            parts.secrets.push(value.clone());
            if !key.is_empty() {
                if place == "query" {
                    parts.query.push((key, value));
                } else {
                    parts.headers.push((key, value));
                }
            }
        }
        "oauth2" => {
            parts
                .secrets
                .extend([p("clientSecret"), p("refreshToken"), p("password")]);
            let stored = p("accessToken");
            let token = if stored.is_empty() {
                fetched.unwrap_or_default().to_string()
            } else {
                stored
            };
            parts.secrets.push(token.clone());
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
            let password = p("password");
            parts.secrets.push(password.clone());
            parts.digest = Some(DigestAuth {
                username: p("username"),
                password,
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
    parts.secrets.retain(|s| s.len() >= MIN_SECRET);
    Ok(parts)
}

/// The auth types whose parameters are all rendered up front: they sign or make tokens.
const SIGNING_KINDS: [&str; 6] = ["oauth1", "hawk", "awsv4", "edgegrid", "jwt", "asap"];

/// The parts of a signing or token-making auth.
fn signing(auth: &Auth, rendered: Params) -> Result<AuthParts, BuildError> {
    let mut parts = AuthParts {
        secrets: SECRET_PARAMS
            .iter()
            .map(|k| rendered.get(k).to_string())
            .collect(),
        ..AuthParts::default()
    };
    match auth.kind.as_str() {
        "oauth1" => parts.signer = Some(Signer::OAuth1(rendered)),
        "hawk" => parts.signer = Some(Signer::Hawk(rendered)),
        "awsv4" => parts.signer = Some(Signer::Aws(rendered)),
        "edgegrid" => parts.signer = Some(Signer::EdgeGrid(rendered)),
        "jwt" => {
            let (placement, token) = jwt::jwt(&rendered).map_err(|e| auth_failed("jwt", &e))?;
            match placement {
                jwt::Placement::Header(v) => parts.headers.push(("Authorization".into(), v)),
                jwt::Placement::Query(k, v) => parts.query.push((k, v)),
            }
            parts.secrets.push(token);
        }
        "asap" => {
            let value = jwt::asap(&rendered).map_err(|e| auth_failed("asap", &e))?;
            if let Some(token) = value.strip_prefix("Bearer ") {
                parts.secrets.push(token.to_string());
            }
            parts.headers.push(("Authorization".into(), value));
        }
        _ => {}
    }
    if let Some(plain) = parts.signer.as_ref().and_then(Signer::plaintext_signature) {
        parts.secrets.push(plain);
    }
    parts.secrets.retain(|s| s.len() >= MIN_SECRET);
    Ok(parts)
}
