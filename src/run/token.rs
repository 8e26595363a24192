//! OAuth2 client-credentials tokens fetched by pmcheck itself (sidecar `[token]`, or a
//! request's oauth2 auth with the client-credentials grant): fetched once, cached,
//! refreshed when they expire.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use base64::Engine;

use crate::http::{HttpClient, SendError};
use crate::request::{RequestSpec, Target};

/// Why the OAuth2 token a request needs could not be fetched.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TokenError {
    /// The token request could not be sent or its answer not read.
    #[error("token request failed: {0}")]
    Send(SendError),
    /// The token endpoint's answer is not JSON.
    #[error("token endpoint answered {status} without JSON")]
    NotJson {
        /// The answer's status.
        status: u16,
    },
    /// The token endpoint refused: its status and OAuth `error` code.
    #[error("token endpoint answered {status}: {error}")]
    Refused {
        /// The answer's status.
        status: u16,
        /// The OAuth error code (`invalid_client`, …), or `unknown error`.
        error: String,
    },
    /// A successful answer without an `access_token`.
    #[error("token endpoint answered {status} without access_token")]
    NoToken {
        /// The answer's status.
        status: u16,
    },
}

/// Refresh this long before the token's announced expiry.
const MARGIN: Duration = Duration::from_secs(30);

/// A token request with every field rendered.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct TokenParams {
    pub url: String,
    pub client_id: String,
    pub client_secret: String,
    pub scope: String,
}

/// Tokens of a run, by request.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    tokens: Mutex<HashMap<TokenParams, (String, Instant)>>,
}

impl TokenCache {
    /// The cached token for `params`, or a fresh one from the token endpoint.
    pub async fn get(
        &self,
        params: &TokenParams,
        client: &HttpClient,
        target: Option<&Target>,
    ) -> Result<String, TokenError> {
        if let Ok(tokens) = self.tokens.lock()
            && let Some((token, until)) = tokens.get(params)
            && Instant::now() < *until
        {
            return Ok(token.clone());
        }
        let (token, lifetime) = fetch(params, client, target).await?;
        let until = Instant::now() + lifetime.saturating_sub(MARGIN);
        if let Ok(mut tokens) = self.tokens.lock() {
            tokens.insert(params.clone(), (token.clone(), until));
        }
        Ok(token)
    }
}

/// Replaces the origin of `url` with the target's, as for every request.
fn retarget(url: &str, target: Option<&Target>) -> String {
    let Some(t) = target else {
        return url.to_string();
    };
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    format!("{}{path}", t.origin())
}

async fn fetch(
    params: &TokenParams,
    client: &HttpClient,
    target: Option<&Target>,
) -> Result<(String, Duration), TokenError> {
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", params.client_id, params.client_secret));
    let mut body = String::from("grant_type=client_credentials");
    if !params.scope.is_empty() {
        body.push_str("&scope=");
        body.extend(percent_encoding::utf8_percent_encode(
            &params.scope,
            percent_encoding::NON_ALPHANUMERIC,
        ));
    }
    let spec = RequestSpec {
        method: "POST".into(),
        url: retarget(&params.url, target),
        headers: vec![
            ("Authorization".into(), format!("Basic {basic}")),
            (
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            ),
            ("Accept".into(), "application/json".into()),
        ],
        body: Some(body.into_bytes()),
        follow_redirects: true,
        digest: None,
        secrets: Vec::new(),
    };
    let call = client.send(&spec).await.map_err(TokenError::Send)?;
    let status = call.response.status;
    let json: serde_json::Value =
        serde_json::from_slice(&call.response.body).map_err(|_| TokenError::NotJson { status })?;
    if !(200..300).contains(&status) {
        let error = json
            .get("error")
            .and_then(|e| e.as_str())
            .unwrap_or("unknown error")
            .to_string();
        return Err(TokenError::Refused { status, error });
    }
    let token = json
        .get("access_token")
        .and_then(|t| t.as_str())
        .ok_or(TokenError::NoToken { status })?;
    let lifetime = json
        .get("expires_in")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(3600);
    Ok((token.to_string(), Duration::from_secs(lifetime)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_url_follows_the_target() {
        let t = Target::parse("http://127.0.0.1:9").unwrap();
        assert_eq!(
            retarget("https://idcs.example.com/oauth2/v1/token", Some(&t)),
            "http://127.0.0.1:9/oauth2/v1/token"
        );
        assert_eq!(
            retarget("https://idcs.example.com/oauth2/v1/token", None),
            "https://idcs.example.com/oauth2/v1/token"
        );
    }
}
