//! What `pmcheck run` really puts on the wire, checked byte for byte by a real HTTP server
//! on 127.0.0.1: body modes, URL forms, headers, auth types, variable precedence, nested and
//! dynamic variables, redirects, timeouts, the body cap and cookies.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use base64::Engine;
use common::{RecordedRequest, TestServer};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture(name: &str) -> String {
    fixtures().join(name).to_string_lossy().into_owned()
}

/// Runs the wire collection against `server` with the given extra arguments.
fn run_wire(server: &TestServer, extra: &[&str]) -> Output {
    let mut args = vec![
        "run".to_string(),
        fixture("wire.postman_collection.json"),
        "-e".into(),
        fixture("wire.postman_environment.json"),
        "-g".into(),
        fixture("wire.postman_globals.json"),
        "-d".into(),
        fixture("wire.data.json"),
        "--env-var".into(),
        "o=cli-o".into(),
        "--working-dir".into(),
        fixture(""),
        "--target".into(),
        server.url(""),
        "--timeout-request".into(),
        "1000".into(),
        "--max-body".into(),
        "1000".into(),
        "--color".into(),
        "off".into(),
    ];
    args.extend(extra.iter().map(ToString::to_string));
    Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .args(&args)
        .env_remove("PMCHECK_TARGET")
        .output()
        .expect("pmcheck runs")
}

/// The one request whose target starts with `prefix`.
fn one(requests: &[RecordedRequest], prefix: &str) -> RecordedRequest {
    let found: Vec<&RecordedRequest> = requests
        .iter()
        .filter(|r| r.target.starts_with(prefix))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "requests to {prefix}: {:?}",
        requests.iter().map(|r| &r.target).collect::<Vec<_>>()
    );
    found[0].clone()
}

/// The one request whose target is exactly `target`.
fn exact(requests: &[RecordedRequest], target: &str) -> RecordedRequest {
    let found: Vec<&RecordedRequest> = requests.iter().filter(|r| r.target == target).collect();
    assert_eq!(found.len(), 1, "requests to {target}");
    found[0].clone()
}

fn headers_named<'a>(r: &'a RecordedRequest, name: &str) -> Vec<&'a str> {
    r.headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect()
}

fn body(r: &RecordedRequest) -> String {
    String::from_utf8_lossy(&r.body).into_owned()
}

#[test]
fn full_wire_run() {
    let server = TestServer::start_blocking();
    let out = run_wire(&server, &["--seed", "7"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(3),
        "timeout and body cap are errors\n{stdout}\n{stderr}"
    );
    let reqs = server.requests();

    // Body modes.
    let r = exact(&reqs, "/echo/raw");
    assert_eq!(
        body(&r),
        r#"{"user": "ann "the" admin", "n": 42}"#,
        "raw text is substituted before any parsing"
    );
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        r.header("content-length"),
        Some(r.body.len().to_string().as_str())
    );
    let raw_head = String::from_utf8_lossy(&r.raw);
    assert!(
        raw_head.starts_with("POST /echo/raw HTTP/1.1\r\n"),
        "{raw_head}"
    );

    let r = one(&reqs, "/echo/text");
    assert_eq!(r.method, "PUT");
    assert_eq!(
        body(&r),
        "plain |{{nope}}",
        "empty substitutes empty, unresolved stays literal"
    );
    assert_eq!(r.header("content-type"), Some("text/plain"));

    let r = one(&reqs, "/echo/form");
    assert_eq!(body(&r), "a=1%202%263%3D4&%C3%A9=collection-r");
    assert_eq!(
        r.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );

    let r = one(&reqs, "/echo/multi");
    let ct = r.header("content-type").unwrap().to_string();
    let boundary = ct
        .strip_prefix("multipart/form-data; boundary=")
        .expect("multipart content type");
    let expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nv 42\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"upload.txt\"\r\n\
         Content-Type: application/octet-stream\r\n\r\nhello upload\n\r\n--{boundary}--\r\n"
    );
    assert_eq!(body(&r), expected);

    let r = one(&reqs, "/echo/file");
    assert_eq!(body(&r), r#"{"from":"file"}"#);
    assert_eq!(headers_named(&r, "content-type"), ["application/json"]);

    let r = one(&reqs, "/echo/graphql");
    assert_eq!(
        body(&r),
        r#"{"query":"query { user(id: 42) { name } }","variables":{"x":"collection-r"}}"#
    );
    assert_eq!(r.header("content-type"), Some("application/json"));

    let r = one(&reqs, "/echo/pruned");
    assert!(
        r.body.is_empty() && r.header("content-type").is_none(),
        "GET body pruned"
    );
    let r = one(&reqs, "/echo/kept");
    assert_eq!(body(&r), "kept", "disableBodyPruning keeps a GET body");
    let r = one(&reqs, "/echo/nobody");
    assert!(
        r.body.is_empty() && r.header("content-type").is_none(),
        "disabled body"
    );

    // URL forms.
    let r = one(&reqs, "/echo/a%20b/");
    assert_eq!(
        r.target,
        "/echo/a%20b/collection-r?x=1&flag&empty=&sp=a%20b"
    );
    assert_eq!(
        r.header("host"),
        Some(server.addr.to_string().as_str()),
        "--target replaces host and port"
    );
    let r = one(&reqs, "/echo/data-p-7/items");
    assert_eq!(
        r.target, "/echo/data-p-7/items?keep=env-q&nul",
        "path variable, disabled and null query entries"
    );
    one(&reqs, "/echo/path/string");
    assert_eq!(one(&reqs, "/echo/rawonly").target, "/echo/rawonly?z=9");
    assert_eq!(one(&reqs, "/echo/plain").method, "GET");

    // Headers.
    let r = one(&reqs, "/echo/headers");
    assert_eq!(headers_named(&r, "x-one"), ["collection-r"]);
    assert!(r.header("x-off").is_none());
    assert_eq!(headers_named(&r, "x-dup"), ["1", "2"]);
    assert_eq!(headers_named(&r, "x-empty"), [""]);
    let raw = String::from_utf8_lossy(&r.raw);
    assert!(
        raw.contains("X-One: collection-r\r\n") || raw.contains("x-one: collection-r\r\n"),
        "{raw}"
    );
    let r = one(&reqs, "/echo/hstring");
    assert_eq!(headers_named(&r, "x-a"), ["1"]);
    assert!(r.header("x-b").is_none(), "commented-out header");
    assert_eq!(headers_named(&r, "x-c"), ["three"]);

    // Variable precedence: globals < collection < folder < environment < --env-var, data.
    let r = one(&reqs, "/echo/prec");
    for (h, v) in [
        ("x-p", "data-p"),
        ("x-q", "env-q"),
        ("x-r", "collection-r"),
        ("x-s", "global-s"),
        ("x-f", "env-f"),
        ("x-ff", "folder-ff"),
        ("x-o", "cli-o"),
    ] {
        assert_eq!(r.header(h), Some(v), "{h}");
    }

    // Nested and dynamic variables.
    let r = one(&reqs, "/echo/dyn");
    assert_eq!(r.target, "/echo/dyn?deep=%3Cy-x%3E");
    assert_eq!(r.header("x-nested"), Some("y-x"));
    let g1 = r.header("x-guid").unwrap();
    let g2 = r.header("x-guid2").unwrap();
    assert_ne!(g1, g2, "each occurrence is fresh");
    for g in [g1, g2] {
        assert_eq!(g.len(), 36, "{g}");
        assert_eq!(g.as_bytes()[14], b'4', "v4 uuid {g}");
    }
    let n: u32 = r.header("x-int").unwrap().parse().unwrap();
    assert!(n <= 1000);
    assert_eq!(r.header("x-missing"), Some("{{nope}}"));
    assert!(
        stdout.contains("warning: undefined, sent literally: {{nope}}"),
        "{stdout}"
    );

    // Auth.
    let r = one(&reqs, "/echo/basic");
    let expected = base64::engine::general_purpose::STANDARD.encode("data-p:pw:1");
    assert_eq!(
        headers_named(&r, "authorization"),
        [format!("Basic {expected}")],
        "auth replaces the header"
    );
    assert_eq!(
        one(&reqs, "/echo/bearer").header("authorization"),
        Some("Bearer tok-collection-r")
    );
    assert_eq!(exact(&reqs, "/echo/apikey").header("x-api-key"), Some("k1"));
    assert_eq!(
        one(&reqs, "/echo/apikeyq").target,
        "/echo/apikeyq?a=1&api_key=k2"
    );
    assert_eq!(
        exact(&reqs, "/echo/oauth2").header("authorization"),
        Some("Bearer at-1")
    );
    assert_eq!(
        one(&reqs, "/echo/oauth2q").target,
        "/echo/oauth2q?access_token=at-2"
    );
    assert!(one(&reqs, "/echo/noauth").header("authorization").is_none());
    let digest: Vec<&RecordedRequest> = reqs
        .iter()
        .filter(|r| r.target.starts_with("/digest/"))
        .collect();
    assert_eq!(digest.len(), 2, "digest answers the 401 challenge once");
    assert!(digest[0].header("authorization").is_none());
    let answer = digest[1].header("authorization").unwrap();
    assert!(
        answer.starts_with("Digest ") && answer.contains("username=\"mufasa\""),
        "{answer}"
    );
    assert!(
        stdout.contains("GET http://127.0.0.1") && stdout.contains("/digest/mufasa/*** → 200"),
        "{stdout}"
    );

    // Cookies, redirects, timeout, body cap.
    assert_eq!(
        one(&reqs, "/echo/cookie").header("cookie"),
        Some("sid=abc123")
    );
    one(&reqs, "/redirect?to=/echo/landed2");
    assert!(
        !reqs.iter().any(|r| r.target == "/echo/landed2"),
        "followRedirects false"
    );
    one(&reqs, "/echo/landed");
    assert!(
        stdout.contains("/redirect?to=/echo/landed2 → 302"),
        "{stdout}"
    );
    assert!(stdout.contains("timed out"), "{stdout}");
    assert!(
        stdout.contains("1000-byte limit") || stdout.contains("1000 bytes"),
        "{stdout}"
    );
    one(&reqs, "/echo/after");
    assert!(
        stdout.contains("33 requests: 31 passed, 0 failed, 2 errors"),
        "{stdout}"
    );

    // Secrets never reach the report.
    assert!(
        stdout.contains("api_key=***") && stdout.contains("access_token=***"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("at-2") && !stdout.contains("api_key=k2"),
        "{stdout}"
    );
}

#[test]
fn ignore_redirects_and_folder_selection() {
    let server = TestServer::start_blocking();
    let out = run_wire(
        &server,
        &[
            "--folder",
            "redirect followed",
            "--folder",
            "redirect not followed",
            "--ignore-redirects",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        ["/redirect?to=/echo/landed", "/redirect?to=/echo/landed2"]
    );
    assert!(stdout.contains("2 requests: 2 passed"), "{stdout}");
}

#[test]
fn dynamic_variables_are_reproducible_with_a_seed() {
    let guids = |seed: &str| {
        let server = TestServer::start_blocking();
        let out = run_wire(&server, &["--folder", "nested and dynamic", "--seed", seed]);
        assert_eq!(out.status.code(), Some(0));
        let r = one(&server.requests(), "/echo/dyn");
        ["x-guid", "x-guid2", "x-int", "x-name"].map(|h| r.header(h).unwrap().to_string())
    };
    let a = guids("7");
    assert_eq!(a, guids("7"));
    assert_ne!(a, guids("8"));
}

#[test]
fn iterations_and_bail() {
    let server = TestServer::start_blocking();
    let out = run_wire(&server, &["--folder", "headers", "-n", "3"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("wire › urls › headers [iter 3]"),
        "{stdout}"
    );
    assert_eq!(server.requests().len(), 3);

    let server = TestServer::start_blocking();
    let out = run_wire(&server, &["--folder", "transport", "--bail"]);
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("stopped early (--bail)"), "{stdout}");
    assert!(
        !server.requests().iter().any(|r| r.target == "/echo/after"),
        "nothing runs after --bail"
    );
}
