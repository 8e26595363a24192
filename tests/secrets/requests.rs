//! Secrets in what a case sends and receives: form bodies, long bodies, every auth type's
//! credentials, URL passwords, and secrets echoed in their encoded forms.

use serde_json::{Value, json};

use crate::common::TestServer;
use crate::harness::{dead_port, get, item, json_escaped, post_json, run};
use crate::messages::QUOTED;

#[test]
fn form_body_passwords_hide() {
    let server = TestServer::start_blocking();
    let urlencoded = json!({
        "method": "POST",
        "url": "{{base}}/respond/200?type=application/x-www-form-urlencoded",
        "header": [],
        "body": {"mode": "urlencoded", "urlencoded": [
            {"key": "username", "value": "u"},
            {"key": "password", "value": "Form-Pass-0001"}
        ]},
    });
    let multipart = json!({
        "method": "POST",
        "url": "{{base}}/echo",
        "header": [],
        "body": {"mode": "formdata", "formdata": [
            {"key": "user", "value": "u", "type": "text"},
            {"key": "client_secret", "value": "Multipart-Secret-0002", "type": "text"}
        ]},
    });
    let log = ["console.log('body', pm.response.text());"];
    let out = run(
        vec![
            item("form", urlencoded, &log),
            item("multipart", multipart, &log),
        ],
        &[],
        &server.url(""),
        &[],
    );
    out.shows("username=u&password=***");
    for secret in ["Form-Pass-0001", "Multipart-Secret-0002"] {
        out.hides(secret);
    }
}

#[test]
fn long_bodies_are_masked_before_they_are_cut() {
    let server = TestServer::start_blocking();
    let pad = "x".repeat(20 * 1024);
    let raw =
        format!(r#"{{"password": "pw", "token": "Long-Token-0001", "pad": "{pad}", "id": 1}}"#);
    let mut form = post_json(
        "{{base}}/respond/200?type=application/x-www-form-urlencoded",
        &format!("access_token=Long-Form-0002&password=pw&pad={pad}"),
    );
    form["header"] = json!([]);
    let out = run(
        vec![
            item("long", post_json("{{base}}/respond/200", &raw), &[]),
            item("long form", form, &[]),
        ],
        &[],
        &server.url(""),
        &[],
    );
    out.shows("\\\"pad\\\"");
    out.hides("Long-Token-0001");
    out.hides("Long-Form-0002");
    assert!(
        !out.json.contains(r#"\"pw\""#) && !out.json.contains("password=pw"),
        "{}",
        out.json
    );
}

/// A GET of the echo with `auth`.
fn authed(name: &str, kind: &str, params: &[(&str, &str)]) -> Value {
    let params: Vec<Value> = params
        .iter()
        .map(|(k, v)| json!({"key": k, "value": v, "type": "string"}))
        .collect();
    let mut request = get("{{base}}/echo");
    request["auth"] = json!({"type": kind, kind: params});
    item(name, request, &[])
}

#[test]
fn every_auth_credential_is_a_secret() {
    let server = TestServer::start_blocking();
    let mut digest = authed(
        "digest",
        "digest",
        &[("username", "u"), ("password", "Digest-Pass-0006")],
    );
    digest["request"]["url"] = json!("{{base}}/digest/u/Digest-Pass-0006");
    let items = vec![
        authed(
            "apikey header",
            "apikey",
            &[
                ("key", "Ocp-Apim-Subscription-Key"),
                ("value", "Apim-Key-0001"),
            ],
        ),
        authed(
            "apikey query",
            "apikey",
            &[("key", "key"), ("value", "Query-Key-0002"), ("in", "query")],
        ),
        authed("bearer", "bearer", &[("token", "Bearer-Tok-0003")]),
        authed(
            "basic",
            "basic",
            &[("username", "u"), ("password", "Basic-Pass-0004")],
        ),
        authed(
            "oauth2",
            "oauth2",
            &[
                ("accessToken", "OAuth2-Tok-0005"),
                ("headerPrefix", "Token"),
            ],
        ),
        digest,
        authed(
            "edgegrid",
            "edgegrid",
            &[
                ("accessToken", "Edge-Access-0007"),
                ("clientToken", "Edge-Client-0008"),
                ("clientSecret", "Edge-Secret-0009"),
            ],
        ),
        authed(
            "oauth1",
            "oauth1",
            &[
                ("consumerKey", "ck"),
                ("consumerSecret", "OAuth1-Secret-0010"),
                ("token", "OAuth1-Token-0011"),
                ("tokenSecret", "OAuth1-TokSec-0012"),
                ("signatureMethod", "PLAINTEXT"),
            ],
        ),
        authed(
            "awsv4",
            "awsv4",
            &[
                ("accessKey", "AKIDEXAMPLE0013"),
                ("secretKey", "Aws-Secret-0014"),
                ("sessionToken", "Aws-Session-0015"),
                ("region", "us-east-1"),
                ("service", "s3"),
            ],
        ),
    ];
    let out = run(items, &[], &server.url(""), &[]);
    out.shows("Ocp-Apim-Subscription-Key");
    out.shows("?key=***");
    for secret in [
        "Apim-Key-0001",
        "Query-Key-0002",
        "Bearer-Tok-0003",
        "Basic-Pass-0004",
        "OAuth2-Tok-0005",
        "Digest-Pass-0006",
        "Edge-Access-0007",
        "Edge-Client-0008",
        "Edge-Secret-0009",
        "OAuth1-Secret-0010",
        "OAuth1-Token-0011",
        "OAuth1-TokSec-0012",
        "AKIDEXAMPLE0013",
        "Aws-Secret-0014",
        "Aws-Session-0015",
    ] {
        out.hides(secret);
    }
}

#[test]
fn url_passwords_hide_in_send_errors() {
    let dead = dead_port();
    let items = vec![
        item(
            "refused",
            get(&format!("http://user:Url-Pass-0001@127.0.0.1:{dead}/x")),
            &["console.log('url', pm.request.url.toString());"],
        ),
        item(
            "refused encoded",
            get(&format!("http://user:Url%2FPass%400002@127.0.0.1:{dead}/y")),
            &[],
        ),
    ];
    let out = run(items, &[], "http://127.0.0.1:1", &[]);
    out.shows("connection refused");
    out.shows("console.log: url");
    out.hides("Url-Pass-0001");
    out.hides("Url/Pass@0002");
}

#[test]
fn encoded_echoes_hide_secrets() {
    let server = TestServer::start_blocking();
    let form = json!({
        "method": "POST",
        "url": "{{base}}/respond/200?type=text/plain",
        "header": [],
        "body": {"mode": "urlencoded", "urlencoded": [{"key": "q", "value": "{{s}}"}]},
    });
    let xml_escaped = QUOTED
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;");
    let mut xml = post_json(
        "{{base}}/respond/200?type=application/xml",
        &format!("<a>{xml_escaped}</a>"),
    );
    xml["header"] = json!([{"key": "Content-Type", "value": "application/xml"}]);
    let log = ["console.log('echo', pm.response.text());"];
    let items = vec![
        item("query", get("{{base}}/echo?q={{s}}"), &log),
        item(
            "json",
            post_json(
                "{{base}}/respond/200",
                &format!(r#"{{"echo": "{}"}}"#, json_escaped(QUOTED, true)),
            ),
            &log,
        ),
        item("form", form, &log),
        item("xml", xml, &log),
    ];
    let out = run(items, &[("s", QUOTED, true)], &server.url(""), &[]);
    out.shows("console.log: echo");
    out.hides(QUOTED);
}
