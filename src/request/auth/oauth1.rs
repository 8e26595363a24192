//! OAuth 1.0a request signing (RFC 5849) as Postman applies it: HMAC-SHA1/256/512,
//! PLAINTEXT and RSA-SHA256/512, the parameters in the header, the query or a form body,
//! the body hash extension, and Postman's normalisation and RFC 3986 encoding.

use super::crypto::{Hash, KeySign, b64, random_string, rfc3986, sign_with_key, unix_now};
use super::message::{BodyKind, Message, UrlParts, decode_form};
use super::params::{AuthError, Params};

/// The names OAuth 1.0 reserves: removed from the request before signing.
const OAUTH_NAMES: [&str; 10] = [
    "oauth_consumer_key",
    "oauth_token",
    "oauth_signature_method",
    "oauth_timestamp",
    "oauth_nonce",
    "oauth_version",
    "oauth_signature",
    "oauth_callback",
    "oauth_verifier",
    "oauth_body_hash",
];

/// The nonce alphabet of Postman's OAuth library (its `Y` is a `T`, as there).
const NONCE_CHARS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXTZabcdefghiklmnopqrstuvwxyz";

/// Signs `msg` with the auth's parameters; does nothing without a consumer key and the
/// secret (or private key) its method needs, as Postman.
pub(crate) fn sign(p: &Params, msg: &mut Message<'_>) -> Result<(), AuthError> {
    let method_name = p.get("signatureMethod");
    let (algo, hash_name) = method_name.split_once('-').unwrap_or((method_name, ""));
    let rsa = algo.eq_ignore_ascii_case("rsa");
    if p.get("consumerKey").is_empty()
        || (!rsa && p.get("consumerSecret").is_empty())
        || (rsa && p.get("privateKey").is_empty())
    {
        return Ok(());
    }
    let add_empty = p.flag("addEmptyParamsToSign");
    // Without addEmptyParamsToSign, blank parameters count as absent.
    let get = |key: &str| -> String {
        let v = p.get(key);
        if !add_empty && v.trim().is_empty() {
            String::new()
        } else {
            v.to_string()
        }
    };
    msg.remove_header("Authorization");
    let mut parts = msg.parts();
    let query: Vec<(String, Option<String>)> = parts
        .query
        .as_deref()
        .map(decode_form)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| !OAUTH_NAMES.contains(&k.as_str()))
        .collect();
    let form = msg.kind == BodyKind::UrlEncoded;
    if form && let Some(body) = msg.body.as_mut() {
        let text = String::from_utf8_lossy(body).into_owned();
        let kept: Vec<&str> = text
            .split('&')
            .filter(|seg| {
                let name = seg.split('=').next().unwrap_or("");
                !OAUTH_NAMES.contains(&super::crypto::form_decode(name).as_str())
            })
            .collect();
        *body = kept.join("&").into_bytes();
    }
    let nonce = match get("nonce") {
        n if n.is_empty() => random_string(NONCE_CHARS, 11),
        n => n,
    };
    let timestamp = match get("timestamp") {
        t if t.is_empty() => unix_now().to_string(),
        t => t,
    };
    let body_hash = match Hash::named(hash_name) {
        Some(h) if !form && p.flag("includeBodyHash") && msg.kind != BodyKind::FormData => {
            Some(b64(&h.hash(msg.body.as_deref().unwrap_or_default())))
        }
        _ => None,
    };
    let mut oauth: Vec<(&str, String)> = vec![
        ("oauth_consumer_key", get("consumerKey")),
        ("oauth_token", get("token")),
        ("oauth_signature_method", get("signatureMethod")),
        ("oauth_timestamp", timestamp),
        ("oauth_nonce", nonce),
        ("oauth_version", get("version")),
    ];
    oauth.retain(|(_, v)| add_empty || !v.is_empty());
    // Extensions are signed only when set, whatever addEmptyParamsToSign says.
    for (name, value) in [
        ("oauth_body_hash", body_hash.unwrap_or_default()),
        ("oauth_callback", get("callback")),
        ("oauth_verifier", get("verifier")),
    ] {
        if !value.is_empty() {
            oauth.push((name, value));
        }
    }
    let body_params: Vec<(String, Option<String>)> = match (&*msg.body, form) {
        (Some(b), true) => decode_form(&String::from_utf8_lossy(b)),
        _ => Vec::new(),
    };
    let method = if method_name.is_empty() {
        "HMAC-SHA1"
    } else {
        method_name
    };
    let mut signed: Vec<(String, Option<String>)> = query.clone();
    signed.extend(oauth.iter().map(|(k, v)| (k.to_string(), Some(v.clone()))));
    if !signed.iter().any(|(k, _)| k == "oauth_signature_method") {
        signed.push(("oauth_signature_method".into(), Some(method.into())));
    }
    signed.extend(body_params);
    let base = base_string(msg.method, &parts, &signed);
    let signature = signature(
        method,
        &base,
        (p.get("consumerSecret"), p.get("tokenSecret")),
        p.get("privateKey"),
    )?;
    oauth.push(("oauth_signature", signature));

    // The URL's own query, re-encoded as RFC 3986 asks.
    parts.query = (!query.is_empty()).then(|| encode_pairs(&query));
    let mut new_query = parts.query.clone();
    if p.flag("addParamsToHeader") {
        let header = header(p.get("realm"), &oauth, p.flag("disableHeaderEncoding"));
        msg.set_header("Authorization", header);
    } else if form && (msg.method.contains("POST") || msg.method.contains("PUT")) {
        let body = msg.body.get_or_insert_with(Vec::new);
        for (k, v) in &oauth {
            if !body.is_empty() {
                body.push(b'&');
            }
            let pair = format!(
                "{}={}",
                percent_encoding::utf8_percent_encode(k, crate::request::COMPONENT),
                percent_encoding::utf8_percent_encode(v, crate::request::COMPONENT)
            );
            body.extend_from_slice(pair.as_bytes());
        }
    } else {
        let mut q: Vec<String> = new_query.into_iter().collect();
        q.extend(
            oauth
                .iter()
                .map(|(k, v)| format!("{}={}", rfc3986(k), rfc3986(v))),
        );
        new_query = Some(q.join("&"));
    }
    msg.set_query(new_query.as_deref());
    Ok(())
}

/// `name=value` pairs RFC 3986-encoded, a name without value alone.
fn encode_pairs(pairs: &[(String, Option<String>)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| match v {
            Some(v) => format!("{}={}", rfc3986(k), rfc3986(v)),
            None => rfc3986(k),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The signature base string (RFC 5849 §3.4.1): method, base URL (lower-case scheme and
/// host, default port dropped) and the sorted, encoded parameters.
pub(crate) fn base_string(method: &str, url: &UrlParts, params: &[(String, Option<String>)]) -> String {
    let default_port = matches!(
        (url.scheme.as_str(), url.port()),
        ("http", Some("80")) | ("https", Some("443")) | (_, None)
    );
    let authority = if default_port {
        url.host().to_ascii_lowercase()
    } else {
        url.authority.to_ascii_lowercase()
    };
    let base_url = format!("{}://{}{}", url.scheme, authority, url.path);
    let mut encoded: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| k != "oauth_signature")
        .map(|(k, v)| (rfc3986(k), rfc3986(v.as_deref().unwrap_or(""))))
        .collect();
    // Sorted by "name value": the space sorts before any encoded character.
    encoded.sort_by(|a, b| format!("{} {}", a.0, a.1).cmp(&format!("{} {}", b.0, b.1)));
    let normalized = encoded
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    format!(
        "{}&{}&{}",
        rfc3986(&method.to_ascii_uppercase()),
        rfc3986(&base_url),
        rfc3986(&normalized)
    )
}

/// The signature of `base` by `method` with the consumer and token secrets (HMAC,
/// PLAINTEXT) or the PEM private key (RSA), base64-encoded.
pub(crate) fn signature(
    method: &str,
    base: &str,
    (consumer_secret, token_secret): (&str, &str),
    private_key: &str,
) -> Result<String, AuthError> {
    let key = format!("{}&{}", rfc3986(consumer_secret), rfc3986(token_secret));
    let unsupported = || AuthError::Invalid(format!("unsupported signature method {method:?}"));
    match method {
        "PLAINTEXT" => Ok(key),
        _ => {
            let (algo, hash) = method.split_once('-').ok_or_else(unsupported)?;
            let hash = Hash::named(hash)
                .filter(|h| *h != Hash::Sha384)
                .ok_or_else(unsupported)?;
            match algo {
                "HMAC" => Ok(b64(&hash.hmac_of(key.as_bytes(), base.as_bytes()))),
                "RSA" => Ok(b64(&sign_with_key(
                    KeySign::Pkcs1(hash),
                    private_key,
                    base.as_bytes(),
                )?)),
                _ => Err(unsupported()),
            }
        }
    }
}

/// `OAuth realm="…",oauth_…="…"`: parameters with a value, encoded unless disabled.
fn header(realm: &str, params: &[(&str, String)], no_encoding: bool) -> String {
    let enc = |s: &str| if no_encoding { s.to_string() } else { rfc3986(s) };
    let mut fields = Vec::new();
    if !realm.trim().is_empty() {
        fields.push(format!("realm=\"{}\"", enc(realm)));
    }
    for (k, v) in params.iter().filter(|(_, v)| !v.is_empty()) {
        fields.push(format!("{}=\"{}\"", enc(k), enc(v.trim())));
    }
    format!("OAuth {}", fields.join(","))
}

#[cfg(test)]
#[path = "oauth1_tests.rs"]
mod tests;
