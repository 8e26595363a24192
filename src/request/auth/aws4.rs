//! AWS Signature Version 4 as Postman applies it: the `Authorization` header (with
//! `X-Amz-Date`, `X-Amz-Content-Sha256` and `X-Amz-Security-Token`) or the presigned
//! query (`addAuthDataToQuery`).

use super::params::Params;
use super::crypto::{Hash, rfc3986};
use super::message::{Message, decode_form};

/// Headers never signed.
const UNSIGNED: [&str; 7] = [
    "authorization",
    "connection",
    "x-amzn-trace-id",
    "user-agent",
    "expect",
    "presigned-expires",
    "range",
];

/// Headers and query parameters a previous signature left, removed before signing.
const AMZ_QUERY: [&str; 6] = [
    "X-Amz-Security-Token",
    "X-Amz-Date",
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
];

/// What is signed: the credentials' scope and the canonical request's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request<'a> {
    /// Access key id.
    pub access_key: &'a str,
    /// Secret access key.
    pub secret_key: &'a str,
    /// Region.
    pub region: &'a str,
    /// Service.
    pub service: &'a str,
    /// `YYYYMMDDTHHMMSSZ`.
    pub datetime: &'a str,
    /// Method.
    pub method: &'a str,
    /// Encoded path.
    pub path: &'a str,
    /// Encoded query, if any.
    pub query: Option<&'a str>,
    /// Headers (name, value) to sign.
    pub headers: &'a [(String, String)],
    /// Hex SHA-256 of the payload, or `UNSIGNED-PAYLOAD`.
    pub payload_hash: &'a str,
}

/// The `YYYYMMDDTHHMMSSZ` of now.
fn now() -> String {
    let secs = super::crypto::unix_now();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Year, month and day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Signs `msg` with the auth's keys.
pub(crate) fn sign(p: &Params, msg: &mut Message<'_>) {
    for h in [
        "Authorization",
        "X-Amz-Date",
        "X-Amz-Security-Token",
        "X-Amz-Content-Sha256",
    ] {
        msg.remove_header(h);
    }
    let parts = msg.parts();
    let kept: Vec<&str> = parts
        .query
        .as_deref()
        .unwrap_or("")
        .split('&')
        .filter(|seg| {
            let name = super::crypto::form_decode(seg.split('=').next().unwrap_or(""));
            !seg.is_empty() && !AMZ_QUERY.contains(&name.as_str())
        })
        .collect();
    let mut query: Option<String> = (!kept.is_empty()).then(|| kept.join("&"));
    if parts.query.is_some() && query.is_none() {
        query = Some(String::new());
    }
    let service = match p.get("service") {
        "" => "execute-api",
        s => s,
    };
    let region = match p.get("region") {
        "" => "us-east-1",
        r => r,
    };
    let token = p.get("sessionToken");
    let datetime = now();
    let mut headers: Vec<(String, String)> = msg.headers.clone();
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        headers.push(("Host".into(), parts.authority.clone()));
        msg.headers.push(("Host".into(), parts.authority.clone()));
    }
    let scope = format!("{}/{region}/{service}/aws4_request", &datetime[..8]);
    if p.flag("addAuthDataToQuery") {
        let mut added: Vec<(String, String)> = Vec::new();
        let existing = query.as_deref().map(decode_form).unwrap_or_default();
        let has = |k: &str| existing.iter().any(|(n, _)| n == k);
        if !token.is_empty() {
            added.push(("X-Amz-Security-Token".into(), token.into()));
        }
        if service == "s3" && !has("X-Amz-Expires") {
            added.push(("X-Amz-Expires".into(), "86400".into()));
        }
        added.push(("X-Amz-Date".into(), datetime.clone()));
        added.push(("X-Amz-Algorithm".into(), "AWS4-HMAC-SHA256".into()));
        added.push((
            "X-Amz-Credential".into(),
            format!("{}/{scope}", p.get("accessKey")),
        ));
        added.push(("X-Amz-SignedHeaders".into(), signed_headers(&headers)));
        let mut full: Vec<String> = query.iter().filter(|q| !q.is_empty()).cloned().collect();
        full.extend(added.iter().map(|(k, v)| format!("{k}={}", rfc3986(v))));
        let full = full.join("&");
        let payload = if service == "s3" {
            "UNSIGNED-PAYLOAD".to_string()
        } else {
            hex::encode(Hash::Sha256.hash(b""))
        };
        let sig = signature(&Request {
            access_key: p.get("accessKey"),
            secret_key: p.get("secretKey"),
            region,
            service,
            datetime: &datetime,
            method: msg.method,
            path: &parts.path,
            query: Some(&full),
            headers: &headers,
            payload_hash: &payload,
        });
        msg.set_query(Some(&format!("{full}&X-Amz-Signature={sig}")));
        return;
    }
    let payload = match msg.hashable_body() {
        Some(body) => {
            let h = hex::encode(Hash::Sha256.hash(body));
            headers.push(("X-Amz-Content-Sha256".into(), h.clone()));
            msg.headers.push(("X-Amz-Content-Sha256".into(), h.clone()));
            h
        }
        None => hex::encode(Hash::Sha256.hash(b"")),
    };
    if !token.is_empty() {
        headers.push(("X-Amz-Security-Token".into(), token.into()));
        msg.headers.push(("X-Amz-Security-Token".into(), token.into()));
    }
    headers.push(("X-Amz-Date".into(), datetime.clone()));
    msg.headers.push(("X-Amz-Date".into(), datetime.clone()));
    let request = Request {
        access_key: p.get("accessKey"),
        secret_key: p.get("secretKey"),
        region,
        service,
        datetime: &datetime,
        method: msg.method,
        path: &parts.path,
        query: query.as_deref(),
        headers: &headers,
        payload_hash: &payload,
    };
    msg.set_header("Authorization", authorization(&request));
}

/// The header names signed: lower case, sorted, `;`-separated.
fn signed_headers(headers: &[(String, String)]) -> String {
    canonical(headers)
        .iter()
        .map(|(k, _)| k.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// The signed headers, lower case, sorted, values trimmed and spaces folded.
fn canonical(headers: &[(String, String)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, v) in headers {
        let k = k.to_ascii_lowercase();
        if UNSIGNED.contains(&k.as_str()) {
            continue;
        }
        let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
        match out.iter_mut().find(|(n, _)| *n == k) {
            Some(slot) => slot.1 = v,
            None => out.push((k, v)),
        }
    }
    out.sort();
    out
}

/// The canonical path: dot segments resolved and each segment encoded (again) for
/// services other than S3; decoded then encoded for S3.
fn canonical_path(path: &str, service: &str) -> String {
    if path == "/" {
        return path.into();
    }
    let s3 = service == "s3";
    let mut collapsed = path.to_string();
    if !s3 {
        while collapsed.contains("//") {
            collapsed = collapsed.replace("//", "/");
        }
    }
    let mut pieces: Vec<String> = Vec::new();
    for piece in collapsed.split('/') {
        if !s3 && piece == ".." {
            pieces.pop();
        } else if s3 || piece != "." {
            let piece = if s3 {
                super::crypto::form_decode(piece)
            } else {
                piece.to_string()
            };
            pieces.push(rfc3986(&piece));
        }
    }
    let mut out = pieces.join("/");
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    if s3 {
        out = out.replace("%2F", "/");
    }
    out
}

/// The canonical query: names and values decoded, encoded (RFC 3986) and sorted.
fn canonical_query(query: &str, service: &str) -> String {
    let mut pairs: Vec<(String, Vec<String>)> = Vec::new();
    for (k, v) in decode_form(query) {
        if k.is_empty() {
            continue;
        }
        let (k, v) = (rfc3986(&k), rfc3986(v.as_deref().unwrap_or("")));
        match pairs.iter_mut().find(|(n, _)| *n == k) {
            Some((_, vs)) if service != "s3" => vs.push(v),
            Some(_) => {}
            None => pairs.push((k, vec![v])),
        }
    }
    pairs.sort();
    pairs
        .into_iter()
        .flat_map(|(k, mut vs)| {
            vs.sort();
            vs.into_iter().map(move |v| format!("{k}={v}"))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The hex signature of the request.
pub(crate) fn signature(r: &Request<'_>) -> String {
    let headers = canonical(r.headers);
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n\n{}\n{}",
        r.method,
        canonical_path(r.path, r.service),
        canonical_query(r.query.unwrap_or(""), r.service),
        headers
            .iter()
            .map(|(k, v)| format!("{k}:{v}"))
            .collect::<Vec<_>>()
            .join("\n"),
        signed_headers(r.headers),
        r.payload_hash
    );
    let date = &r.datetime[..r.datetime.len().min(8)];
    let scope = format!("{date}/{}/{}/aws4_request", r.region, r.service);
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{}\n{scope}\n{}",
        r.datetime,
        hex::encode(Hash::Sha256.hash(canonical_request.as_bytes()))
    );
    let mut key = Hash::Sha256.hmac_of(format!("AWS4{}", r.secret_key).as_bytes(), date.as_bytes());
    for part in [r.region, r.service, "aws4_request"] {
        key = Hash::Sha256.hmac_of(&key, part.as_bytes());
    }
    hex::encode(Hash::Sha256.hmac_of(&key, to_sign.as_bytes()))
}

/// The `Authorization` header value.
pub(crate) fn authorization(r: &Request<'_>) -> String {
    let date = &r.datetime[..r.datetime.len().min(8)];
    format!(
        "AWS4-HMAC-SHA256 Credential={}/{date}/{}/{}/aws4_request, SignedHeaders={}, Signature={}",
        r.access_key,
        r.region,
        r.service,
        signed_headers(r.headers),
        signature(r)
    )
}

#[cfg(test)]
#[path = "aws4_tests.rs"]
mod tests;
