//! The signing auths against a real server on 127.0.0.1: the server side recomputes each
//! signature from what it received and the auth's fixed inputs (timestamps and nonces
//! given in the auth parameters); NTLM fails that request alone, before it is sent; the
//! credentials never show in a report.

mod common;

use std::process::Command;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use common::{RecordedRequest, TestServer};
use ring::hmac;
use serde_json::{Value, json};

const CONSUMER_SECRET: &str = "oauth-Consumer-Secret-771";
const HAWK_KEY: &str = "hawk-Key-werxhqb98rpaxn39848";
const AWS_SECRET: &str = "aws-Secret-wJalrXUtnFEMI";
const JWT_SECRET: &str = "jwt-Secret-8812";
const EDGE_SECRET: &str = "edge-Secret-SOMESECRET";

fn auth(kind: &str, params: &[(&str, &str)]) -> Value {
    let list: Vec<Value> = params
        .iter()
        .map(|(k, v)| json!({"key": k, "value": v, "type": "string"}))
        .collect();
    json!({"type": kind, kind: list})
}

fn item(name: &str, method: &str, path: &str, auth: Value) -> Value {
    json!({
        "name": name,
        "request": {"method": method, "url": format!("{{{{base}}}}{path}"), "auth": auth,
                    "header": [{"key": "Content-Type", "value": "text/plain"}],
                    "body": {"mode": "raw", "raw": "Thank you for flying Hawk"}}
    })
}

fn b64_hmac(alg: hmac::Algorithm, key: &[u8], data: &str) -> String {
    STANDARD.encode(hmac::sign(&hmac::Key::new(alg, key), data.as_bytes()))
}

/// `name="value"` fields of an auth header.
fn field<'a>(header: &'a str, name: &str) -> &'a str {
    let start = header.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let len = header[start..].find('"').unwrap();
    &header[start..start + len]
}

fn by_path<'a>(requests: &'a [RecordedRequest], prefix: &str) -> &'a RecordedRequest {
    requests
        .iter()
        .find(|r| r.target.starts_with(prefix))
        .unwrap_or_else(|| panic!("no request to {prefix}"))
}

fn rfc3986(s: &str) -> String {
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, SET).to_string()
}

#[test]
fn signatures_verify_server_side() {
    let server = TestServer::start_blocking();
    let collection = json!({
        "info": {"name": "auth", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "cs", "value": CONSUMER_SECRET}],
        "item": [
            item("oauth1", "POST", "/oauth1?b=2&a=1", auth("oauth1", &[
                ("consumerKey", "ck"), ("consumerSecret", "{{cs}}"), ("token", "tok"),
                ("tokenSecret", "ts"), ("signatureMethod", "HMAC-SHA256"),
                ("timestamp", "1700000000"), ("nonce", "n0nce"), ("version", "1.0"),
                ("addParamsToHeader", "true"), ("includeBodyHash", "true"),
            ])),
            item("plaintext", "GET", "/plaintext", auth("oauth1", &[
                ("consumerKey", "ck"), ("consumerSecret", "{{cs}}"),
                ("signatureMethod", "PLAINTEXT"), ("timestamp", "1"), ("nonce", "n"),
            ])),
            item("hawk", "POST", "/hawk?x=1", auth("hawk", &[
                ("authId", "dh37fgj492je"), ("authKey", HAWK_KEY), ("algorithm", "sha256"),
                ("nonce", "j4h3g2"), ("timestamp", "1353832234"), ("extraData", "ext-data"),
                ("includePayloadHash", "true"),
            ])),
            item("aws", "POST", "/aws/a/b?q=v", auth("awsv4", &[
                ("accessKey", "AKID"), ("secretKey", AWS_SECRET), ("region", "eu-west-1"),
                ("service", "execute-api"), ("sessionToken", "sess-Token-123"),
            ])),
            item("edgegrid", "POST", "/edge?z=9", auth("edgegrid", &[
                ("accessToken", "akab-access"), ("clientToken", "akab-client"),
                ("clientSecret", EDGE_SECRET), ("nonce", "nonce-1"),
                ("timestamp", "20140321T19:34:21+0000"), ("headersToSign", "Content-Type"),
            ])),
            item("jwt", "GET", "/jwt", auth("jwt", &[
                ("algorithm", "HS256"), ("secret", JWT_SECRET), ("payload", "{\"sub\":\"me\"}"),
                ("addTokenTo", "queryParam"), ("queryParamKey", "jwt"),
            ])),
            item("ntlm", "GET", "/ntlm", auth("ntlm", &[("username", "u"), ("password", "p")])),
        ]
    });
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("auth.postman_collection.json");
    std::fs::write(&file, collection.to_string()).unwrap();
    let report = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(&file)
        .args(["--env-var", &format!("base={}", server.url(""))])
        .args(["--color", "off", "-r", "cli,json", "--reporter-json-export"])
        .arg(&report)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let requests = server.requests();
    assert!(requests.iter().all(|r| !r.target.starts_with("/ntlm")));
    assert!(stdout.contains("\"ntlm\" is not supported"), "{stdout}");
    let host = server.addr.to_string();

    // OAuth 1.0a, HMAC-SHA256 in the header, with the body hash.
    let r = by_path(&requests, "/oauth1");
    let h = r.header("authorization").unwrap();
    let body_hash = STANDARD.encode(ring::digest::digest(&ring::digest::SHA256, &r.body));
    assert_eq!(field(h, "oauth_body_hash"), rfc3986(&body_hash));
    let params = format!(
        "a=1&b=2&oauth_body_hash={}&oauth_consumer_key=ck&oauth_nonce=n0nce\
         &oauth_signature_method=HMAC-SHA256&oauth_timestamp=1700000000&oauth_token=tok&oauth_version=1.0",
        rfc3986(&body_hash)
    );
    let base = format!(
        "POST&{}&{}",
        rfc3986(&format!("http://{host}/oauth1")),
        rfc3986(&params)
    );
    let key = format!("{CONSUMER_SECRET}&ts");
    assert_eq!(
        field(h, "oauth_signature"),
        rfc3986(&b64_hmac(hmac::HMAC_SHA256, key.as_bytes(), &base))
    );

    // PLAINTEXT in the query.
    let r = by_path(&requests, "/plaintext");
    assert!(
        r.target
            .ends_with(&format!("oauth_signature={}%26", rfc3986(CONSUMER_SECRET))),
        "{}",
        r.target
    );

    // Hawk with the payload hash.
    let r = by_path(&requests, "/hawk");
    let h = r.header("authorization").unwrap();
    let payload = format!(
        "hawk.1.payload\ntext/plain\n{}\n",
        String::from_utf8_lossy(&r.body)
    );
    let hash = STANDARD.encode(ring::digest::digest(
        &ring::digest::SHA256,
        payload.as_bytes(),
    ));
    assert_eq!(field(h, "hash"), hash);
    let normalized = format!(
        "hawk.1.header\n1353832234\nj4h3g2\nPOST\n/hawk?x=1\n127.0.0.1\n{}\n{hash}\next-data\n",
        server.addr.port()
    );
    assert_eq!(
        field(h, "mac"),
        b64_hmac(hmac::HMAC_SHA256, HAWK_KEY.as_bytes(), &normalized)
    );

    // AWS Signature Version 4 in the header.
    let r = by_path(&requests, "/aws");
    let h = r.header("authorization").unwrap();
    let date = r.header("x-amz-date").unwrap();
    let body_hash = hex::encode(ring::digest::digest(&ring::digest::SHA256, &r.body));
    assert_eq!(r.header("x-amz-content-sha256"), Some(body_hash.as_str()));
    assert_eq!(r.header("x-amz-security-token"), Some("sess-Token-123"));
    let canonical = format!(
        "POST\n/aws/a/b\nq=v\ncontent-type:text/plain\nhost:{host}\nx-amz-content-sha256:{body_hash}\n\
         x-amz-date:{date}\nx-amz-security-token:sess-Token-123\n\n\
         content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token\n{body_hash}"
    );
    let scope = format!("{}/eu-west-1/execute-api/aws4_request", &date[..8]);
    let to_sign = format!(
        "AWS4-HMAC-SHA256\n{date}\n{scope}\n{}",
        hex::encode(ring::digest::digest(
            &ring::digest::SHA256,
            canonical.as_bytes()
        ))
    );
    let mut k = hmac::sign(
        &hmac::Key::new(hmac::HMAC_SHA256, format!("AWS4{AWS_SECRET}").as_bytes()),
        &date.as_bytes()[..8],
    )
    .as_ref()
    .to_vec();
    for part in ["eu-west-1", "execute-api", "aws4_request"] {
        k = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, &k), part.as_bytes())
            .as_ref()
            .to_vec();
    }
    let sig = hex::encode(hmac::sign(
        &hmac::Key::new(hmac::HMAC_SHA256, &k),
        to_sign.as_bytes(),
    ));
    assert!(h.ends_with(&format!("Signature={sig}")), "{h}");

    // EdgeGrid.
    let r = by_path(&requests, "/edge");
    let h = r.header("authorization").unwrap();
    let auth = "EG1-HMAC-SHA256 client_token=akab-client;access_token=akab-access;\
                timestamp=20140321T19:34:21+0000;nonce=nonce-1;";
    let signing_key = b64_hmac(
        hmac::HMAC_SHA256,
        EDGE_SECRET.as_bytes(),
        "20140321T19:34:21+0000",
    );
    let body_hash = STANDARD.encode(ring::digest::digest(&ring::digest::SHA256, &r.body));
    let data =
        format!("POST\thttp\t{host}\t/edge?z=9\tcontent-type:text/plain\t{body_hash}\t{auth}");
    assert_eq!(
        h,
        format!(
            "{auth}signature={}",
            b64_hmac(hmac::HMAC_SHA256, signing_key.as_bytes(), &data)
        )
    );

    // JWT in the query.
    let r = by_path(&requests, "/jwt");
    let token = r.target.split("jwt=").nth(1).unwrap();
    let (input, sig) = token.rsplit_once('.').unwrap();
    let expected = hmac::sign(
        &hmac::Key::new(hmac::HMAC_SHA256, JWT_SECRET.as_bytes()),
        input.as_bytes(),
    );
    assert_eq!(URL_SAFE_NO_PAD.decode(sig).unwrap(), expected.as_ref());

    // `pmcheck lint` names the NTLM request, and only it, as one that cannot be sent.
    let lint = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("lint")
        .arg(&file)
        .args(["--env-var", &format!("base={}", server.url(""))])
        .output()
        .unwrap();
    let lint = String::from_utf8_lossy(&lint.stdout).into_owned();
    let unsupported: Vec<&str> = lint
        .lines()
        .filter(|l| l.contains("is not supported"))
        .collect();
    assert_eq!(unsupported.len(), 1, "{lint}");
    assert!(
        unsupported[0].contains("ntlm") && unsupported[0].contains("NTLM needs a handshake"),
        "{lint}"
    );

    // No credential, nor the PLAINTEXT signature or the token, in the report.
    let json = std::fs::read_to_string(&report).unwrap();
    for secret in [
        CONSUMER_SECRET,
        HAWK_KEY,
        AWS_SECRET,
        JWT_SECRET,
        EDGE_SECRET,
        "sess-Token-123",
        token,
    ] {
        assert!(
            !json.contains(secret) && !stdout.contains(secret),
            "{secret} leaked"
        );
        assert!(!json.contains(&rfc3986(secret)), "{secret} leaked encoded");
    }
}
