//! Akamai EdgeGrid (`EG1-HMAC-SHA256`) as Postman applies it.

use super::params::Params;
use super::crypto::{Hash, b64, uuid_v4, unix_now};
use super::message::Message;

/// Postman's default `maxBodySize`: 128 KiB.
const MAX_BODY: usize = 131_072;

/// What is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Input<'a> {
    /// Client token.
    pub client_token: &'a str,
    /// Access token.
    pub access_token: &'a str,
    /// Client secret.
    pub client_secret: &'a str,
    /// `YYYYMMDDTHH:MM:SS+0000`.
    pub timestamp: &'a str,
    /// Nonce.
    pub nonce: &'a str,
    /// Method.
    pub method: &'a str,
    /// `http` or `https`.
    pub scheme: &'a str,
    /// Host (and port) signed.
    pub host: &'a str,
    /// Path and query.
    pub path: &'a str,
    /// `name:value` of the headers to sign, tab-separated.
    pub headers: &'a str,
    /// Base64 SHA-256 of the (cut) body, POST only.
    pub body_hash: &'a str,
}

/// The `Authorization` header value.
pub(crate) fn header(i: &Input<'_>) -> String {
    let auth = format!(
        "EG1-HMAC-SHA256 client_token={};access_token={};timestamp={};nonce={};",
        i.client_token, i.access_token, i.timestamp, i.nonce
    );
    let key = b64(&Hash::Sha256.hmac_of(i.client_secret.as_bytes(), i.timestamp.as_bytes()));
    let data = [
        i.method, i.scheme, i.host, i.path, i.headers, i.body_hash, &auth,
    ]
    .join("\t");
    let sig = b64(&Hash::Sha256.hmac_of(key.as_bytes(), data.as_bytes()));
    format!("{auth}signature={sig}")
}

/// `YYYYMMDDTHH:MM:SS+0000` of now.
fn now() -> String {
    let secs = unix_now();
    let (y, m, d) = super::aws4::civil_from_days((secs / 86_400) as i64);
    let rem = secs % 86_400;
    format!(
        "{y:04}{m:02}{d:02}T{:02}:{:02}:{:02}+0000",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Signs `msg`; nothing without the three tokens, as Postman.
pub(crate) fn sign(p: &Params, msg: &mut Message<'_>) {
    let (access, client, secret) = (
        p.get("accessToken"),
        p.get("clientToken"),
        p.get("clientSecret"),
    );
    if access.is_empty() || client.is_empty() || secret.is_empty() {
        return;
    }
    msg.remove_header("Authorization");
    let parts = msg.parts();
    let host = match p.get("baseURL") {
        "" => parts.authority.clone(),
        base => {
            let with_scheme = if base.contains("://") {
                base.to_string()
            } else {
                format!("http://{base}")
            };
            super::message::UrlParts::of(&with_scheme).authority
        }
    };
    let path = match &parts.query {
        Some(q) => format!("{}?{q}", parts.path),
        None => parts.path.clone(),
    };
    let headers: Vec<String> = p
        .get("headersToSign")
        .split(',')
        .filter_map(|name| {
            let name = name.trim().to_ascii_lowercase();
            let value = msg.header(&name).filter(|v| !v.is_empty())?;
            Some(format!(
                "{name}:{}",
                value.split_whitespace().collect::<Vec<_>>().join(" ")
            ))
        })
        .collect();
    let max = p.get("maxBodySize").trim().parse().unwrap_or(MAX_BODY);
    let max = if max == 0 { MAX_BODY } else { max };
    let body_hash = match msg.hashable_body() {
        Some(body) if msg.method == "POST" => b64(&Hash::Sha256.hash(&body[..body.len().min(max)])),
        _ => String::new(),
    };
    let nonce = match p.get("nonce") {
        "" => uuid_v4(),
        n => n.to_string(),
    };
    let timestamp = match p.get("timestamp") {
        "" => now(),
        t => t.to_string(),
    };
    let value = header(&Input {
        client_token: client,
        access_token: access,
        client_secret: secret,
        timestamp: &timestamp,
        nonce: &nonce,
        method: msg.method,
        scheme: &parts.scheme,
        host: &host,
        path: &path,
        headers: &headers.join("\t"),
        body_hash: &body_hash,
    });
    msg.set_header("Authorization", value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_simple_get_with_akamais_test_credentials() {
        // Akamai's test credentials; the signature computed apart, in Python:
        // ts = "20140321T19:34:21+0000"
        // key = base64.b64encode(hmac.new(b"SOMESECRET", ts.encode(), sha256).digest())
        // data = "\t".join(["GET", "https", HOST, "/", "", "", AUTH])
        // base64.b64encode(hmac.new(key, data.encode(), sha256).digest())
        let value = header(&Input {
            client_token: "akab-client-token-xxx-xxxxxxxxxxxxxxxx",
            access_token: "akab-access-token-xxx-xxxxxxxxxxxxxxxx",
            client_secret: "SOMESECRET",
            timestamp: "20140321T19:34:21+0000",
            nonce: "nonce-xx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
            method: "GET",
            scheme: "https",
            host: "akaa-baseurl-xxxxxxxxxxx-xxxxxxxxxxxxx.luna.akamaiapis.net",
            path: "/",
            headers: "",
            body_hash: "",
        });
        assert!(value.ends_with(";signature=MY1mmxCqlyWh8XrFw3kxSlb6/AxJUXsjtZm6xqzmkjE="), "{value}");
    }
}
