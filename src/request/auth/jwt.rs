//! Postman's JWT bearer generator (`jwt`) and Atlassian's ASAP (`asap`): a JWS signed
//! with HS256/384/512, RS*, PS* or ES* and sent as a bearer token.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Map, Value};

use super::crypto::{Hash, KeySign, sign_with_key, unix_now, uuid_v4};
use super::params::{AuthError, Params};

/// A JWS algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Alg {
    /// HMAC.
    Hs(Hash),
    /// A private key.
    Key(KeySign),
}

fn alg(name: &str) -> Option<Alg> {
    let hash = Hash::named(&format!("sha{}", name.get(2..)?)).filter(|h| *h != Hash::Sha1)?;
    Some(match name.get(..2)? {
        "HS" => Alg::Hs(hash),
        "RS" => Alg::Key(KeySign::Pkcs1(hash)),
        "PS" => Alg::Key(KeySign::Pss(hash)),
        "ES" => Alg::Key(KeySign::Ecdsa(hash)),
        _ => return None,
    })
}

/// `header.payload.signature`.
fn token(alg_name: &str, key: &[u8], pem: &str, header: &Value, payload: &Value) -> Result<String, AuthError> {
    let alg = alg(alg_name).ok_or_else(|| AuthError::Invalid("invalid algorithm".into()))?;
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    let sig = match alg {
        Alg::Hs(h) => h.hmac_of(key, input.as_bytes()),
        Alg::Key(k) => sign_with_key(k, pem, input.as_bytes())?,
    };
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig)))
}

/// A JSON object parameter: blank is `{}`.
fn object(text: &str, what: &str) -> Result<Map<String, Value>, AuthError> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str(text.trim()) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(AuthError::Invalid(format!("the {what} is not a JSON object"))),
    }
}

/// Where the generated token goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Placement {
    /// `Authorization` header with this value.
    Header(String),
    /// Query parameter (name, token).
    Query(String, String),
}

/// The `jwt` auth's token and where it goes.
pub(crate) fn jwt(p: &Params) -> Result<(Placement, String), AuthError> {
    let name = p.get("algorithm");
    let hs = name.starts_with("HS");
    if hs && p.get("secret").is_empty() {
        return Err(AuthError::Invalid("Invalid secret key. Enter a valid key.".into()));
    }
    if !hs && p.get("privateKey").is_empty() {
        return Err(AuthError::Invalid("Invalid private key. Enter a valid key.".into()));
    }
    let mut header = object(p.get("header"), "JWT header")?;
    header.insert("alg".into(), Value::String(name.into()));
    let payload = object(p.get("payload"), "JWT payload")?;
    let secret = if p.flag("isSecretBase64Encoded") {
        STANDARD
            .decode(p.get("secret").trim())
            .map_err(|_| AuthError::Invalid("the secret is not base64".into()))?
    } else {
        p.get("secret").as_bytes().to_vec()
    };
    let token = token(name, &secret, p.get("privateKey"), &Value::Object(header), &Value::Object(payload))?;
    let placement = if p.get("addTokenTo") == "queryParam" {
        let key = match p.get("queryParamKey") {
            "" => "token",
            k => k,
        };
        Placement::Query(key.into(), token.clone())
    } else {
        let prefix = p.get_opt("headerPrefix").unwrap_or("Bearer");
        let value = if prefix.is_empty() {
            token.clone()
        } else {
            format!("{prefix} {token}")
        };
        Placement::Header(value)
    };
    Ok((placement, token))
}

/// The `asap` auth's `Authorization` value: an RS256 (by default) token with the
/// issuer, subject, audience, key id, a fresh `jti`, `iat` now and `exp` an hour on.
pub(crate) fn asap(p: &Params) -> Result<String, AuthError> {
    let mut claims = object(p.get("claims"), "ASAP claims")?;
    let claim = |c: &Map<String, Value>, k: &str| -> Option<Value> {
        c.get(k).filter(|v| !v.is_null() && v.as_str() != Some("")).cloned()
    };
    let param = |k: &str| Some(Value::String(p.get(k).into())).filter(|_| !p.get(k).is_empty());
    let iss = claim(&claims, "iss").or_else(|| param("iss"));
    let sub = claim(&claims, "sub").or_else(|| param("sub")).or_else(|| iss.clone());
    let aud = claim(&claims, "aud").or_else(|| param("aud"));
    let kid = claim(&claims, "kid").or_else(|| param("kid"));
    let jti = claim(&claims, "jti").unwrap_or_else(|| Value::String(uuid_v4()));
    let now = unix_now();
    let iat = claim(&claims, "iat").unwrap_or_else(|| now.into());
    let expiry = p.get("exp").trim().parse::<u64>().ok().filter(|e| *e > 0).unwrap_or(3600);
    let exp = claim(&claims, "exp").unwrap_or_else(|| (now + expiry).into());
    let (Some(iss), Some(sub), Some(aud), Some(kid)) = (iss, sub, aud, kid) else {
        return Err(AuthError::Invalid("One or more of required claims missing".into()));
    };
    let alg = match p.get("alg") {
        "" => "RS256",
        a => a,
    };
    if alg.starts_with("HS") {
        return Err(AuthError::Invalid("invalid algorithm".into()));
    }
    for (k, v) in [("iat", iat), ("iss", iss), ("sub", sub), ("jti", jti), ("aud", aud), ("exp", exp)] {
        claims.insert(k.into(), v);
    }
    let pem = private_key(p.get("privateKey"), kid.as_str().unwrap_or(""))?;
    let header = serde_json::json!({ "alg": alg, "kid": kid });
    let token = token(alg, &[], &pem, &header, &Value::Object(claims))?;
    Ok(format!("Bearer {token}"))
}

/// ASAP's private key: PEM (its line breaks may be gone), or a
/// `data:application/pkcs8;kid=…;base64,…` URI whose key id must match.
fn private_key(text: &str, kid: &str) -> Result<String, AuthError> {
    let text = text.replace('\n', "");
    let text = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(&text);
    let text = super::crypto::form_decode(&text.replace('+', "%2B"));
    let Some(rest) = text.strip_prefix("data:") else {
        return Ok(text);
    };
    let bad = || AuthError::Invalid("Malformed Data URI".into());
    let rest = rest.strip_prefix("application/pkcs8;kid=").ok_or_else(bad)?;
    let (id, b64) = rest.split_once(";base64,").ok_or_else(bad)?;
    if id != kid {
        return Err(AuthError::Invalid(
            "Supplied key id does not match the one included in data uri.".into(),
        ));
    }
    Ok(format!("-----BEGIN PRIVATE KEY-----{b64}-----END PRIVATE KEY-----"))
}

#[cfg(test)]
#[path = "jwt_tests.rs"]
mod tests;
