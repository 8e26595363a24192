//! Schema maps judged end to end: the built-in IDCS map on IDCS paths only (the gateway's
//! HTML 401 documented, a JSON 401 still judged, an undocumented media type failing), and
//! a folder keyed by endpoint template, status and media type, against a loopback server
//! that answers each request with the status, Content-Type and body it asks for.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;

/// A server on 127.0.0.1 that answers every request with the status of its `x-status`
/// header, the Content-Type of its `x-type` header (none when absent) and its own body.
fn canned_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            std::thread::spawn(move || serve(stream));
        }
    });
    format!("http://{addr}")
}

fn serve(stream: std::net::TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut out = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let (mut status, mut media, mut length) = (200u16, None, 0usize);
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            let (name, value) = header.split_once(':').unwrap();
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "x-status" => status = value.parse().unwrap(),
                "x-type" => media = Some(value.to_string()),
                "content-length" => length = value.parse().unwrap(),
                _ => {}
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let mut head = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\n", body.len());
        if let Some(m) = media {
            head.push_str(&format!("content-type: {m}\r\n"));
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes()).unwrap();
        out.write_all(&body).unwrap();
    }
}

/// A request answered with `status`, `media` (if any) and `body`.
fn item(
    name: &str,
    method: &str,
    path: &str,
    status: u16,
    media: Option<&str>,
    body: &str,
) -> serde_json::Value {
    let mut header = vec![serde_json::json!({"key": "x-status", "value": status.to_string()})];
    if let Some(m) = media {
        header.push(serde_json::json!({"key": "x-type", "value": m}));
    }
    serde_json::json!({
        "name": name,
        "request": {
            "method": method,
            "url": format!("{{{{baseUrl}}}}{path}"),
            "header": header,
            "body": {"mode": "raw", "raw": body},
        },
        // A GET's body is the answer asked for: do not prune it.
        "protocolProfileBehavior": {"disableBodyPruning": true},
    })
}

fn collection(items: Vec<serde_json::Value>) -> String {
    serde_json::json!({
        "info": {"name": "media", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
    })
    .to_string()
}

/// Runs `pmcheck run` on `collection` in `dir` against `base`; the JSON report's cases.
fn run(
    dir: &Path,
    collection: &str,
    base: &str,
    extra: &[&str],
) -> (i32, Vec<serde_json::Value>, String) {
    let path = dir.join("media.postman_collection.json");
    std::fs::write(&path, collection).unwrap();
    let report = dir.join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(&path)
        .args(["--env-var", &format!("baseUrl={base}"), "--target", base])
        .args(["-r", "cli,json", "--color", "off", "--reporter-json-export"])
        .arg(&report)
        .args(extra)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap_or_default();
    let cases = json["cases"].as_array().cloned().unwrap_or_default();
    (out.status.code().unwrap_or(-1), cases, stdout)
}

fn case<'a>(cases: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    cases
        .iter()
        .find(|c| c["path"].as_array().and_then(|p| p.last()) == Some(&serde_json::json!(name)))
        .unwrap_or_else(|| panic!("no case {name}: {cases:?}"))
}

/// The `kind`s of the checks of a case that did not pass.
fn failures(case: &serde_json::Value) -> Vec<String> {
    case["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["result"] != "passed")
        .map(|c| c["detail"]["kind"].as_str().unwrap_or("?").to_string())
        .collect()
}

const AUTHN: &str = "/sso/v1/sdk/authenticate";

#[test]
fn the_builtin_idcs_map_judges_idcs_paths_by_media_type_and_nothing_else() {
    let base = canned_server();
    let dir = tempfile::tempdir().unwrap();
    let c = collection(vec![
        item(
            "gateway html",
            "POST",
            AUTHN,
            401,
            Some("text/html; charset=UTF-8"),
            "<html><body>401 Unauthorized</body></html>",
        ),
        item(
            "json 401 breaking the schema",
            "POST",
            AUTHN,
            401,
            Some("application/json"),
            r#"{"status":"failed"}"#,
        ),
        item(
            "json 401 conforming",
            "POST",
            AUTHN,
            401,
            Some("application/json"),
            r#"{"status":"failed","ecid":"abcDEF1000000000","cause":[{"code":"AUTH-1120","message":"The requestState is invalid."}]}"#,
        ),
        item(
            "plain 401",
            "POST",
            AUTHN,
            401,
            Some("text/plain"),
            "Unauthorized",
        ),
        item(
            "foreign 400",
            "POST",
            "/api/users",
            400,
            Some("application/json"),
            r#"{"error":"bad"}"#,
        ),
        item(
            "foreign html 404",
            "GET",
            "/users/1",
            404,
            Some("text/html"),
            "<p>nope</p>",
        ),
    ]);
    let (code, cases, stdout) = run(dir.path(), &c, &base, &[]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(
        case(&cases, "gateway html")["verdict"],
        "passed",
        "{stdout}"
    );
    assert_eq!(
        case(&cases, "json 401 conforming")["verdict"],
        "passed",
        "{stdout}"
    );
    assert_eq!(case(&cases, "foreign 400")["verdict"], "passed", "{stdout}");
    assert_eq!(
        case(&cases, "foreign html 404")["verdict"],
        "passed",
        "{stdout}"
    );
    let broken = case(&cases, "json 401 breaking the schema");
    assert_eq!(broken["verdict"], "failed");
    assert_eq!(failures(broken), ["schema"], "{broken}");
    let plain = case(&cases, "plain 401");
    assert_eq!(failures(plain), ["media_type"], "{plain}");
    assert!(
        stdout.contains("media type text/plain is not documented for 401 of /sso/v1/sdk/authenticate; documented: application/json, text/html"),
        "{stdout}"
    );
}

#[test]
fn a_folder_keyed_by_template_status_and_media_type() {
    let base = canned_server();
    let dir = tempfile::tempdir().unwrap();
    let schemas = dir.path().join("schemas");
    std::fs::create_dir(&schemas).unwrap();
    std::fs::write(
        schemas.join("index.json"),
        r#"{"statuses": {"default": {"*/*": "any.json"}},
            "paths": {
              "GET /pets/{id}": {
                "200": {"application/json": "pet.json", "text/html": "none"},
                "4XX": {"application/*+json": "problem.json"}
              },
              "/legacy": {"200": "pet.json"}
            }}"#,
    )
    .unwrap();
    std::fs::write(
        schemas.join("pet.json"),
        r#"{"type":"object","required":["id","name"],"properties":{"id":{"type":"integer"}}}"#,
    )
    .unwrap();
    std::fs::write(
        schemas.join("problem.json"),
        r#"{"type":"object","required":["title"]}"#,
    )
    .unwrap();
    std::fs::write(
        schemas.join("any.json"),
        r#"{"type":"object","required":["ok"]}"#,
    )
    .unwrap();
    let c = collection(vec![
        item(
            "pet",
            "GET",
            "/pets/7",
            200,
            Some("application/json"),
            r#"{"id":7,"name":"Rex"}"#,
        ),
        item(
            "pet with a string id",
            "GET",
            "/pets/8",
            200,
            Some("application/json"),
            r#"{"id":"8","name":"Rex"}"#,
        ),
        item(
            "pet page",
            "GET",
            "/pets/7",
            200,
            Some("text/html"),
            "<h1>Rex</h1>",
        ),
        item(
            "pet as xml",
            "GET",
            "/pets/7",
            200,
            Some("application/xml"),
            "<pet/>",
        ),
        item(
            "problem",
            "GET",
            "/pets/9",
            404,
            Some("application/problem+json"),
            r#"{"title":"Not found"}"#,
        ),
        item(
            "problem without title",
            "GET",
            "/pets/9",
            404,
            Some("application/problem+json"),
            r#"{"detail":"x"}"#,
        ),
        item(
            "other json by default",
            "POST",
            "/pets/7",
            201,
            Some("application/json"),
            r#"{"no":1}"#,
        ),
        item(
            "other xml by default",
            "POST",
            "/pets/7",
            201,
            Some("application/xml"),
            "<ok/>",
        ),
        item(
            "legacy html",
            "GET",
            "/legacy",
            200,
            Some("text/html"),
            "<p>",
        ),
    ]);
    let (code, cases, stdout) = run(
        dir.path(),
        &c,
        &base,
        &["--schemas", schemas.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{stdout}");
    let verdict = |n: &str| case(&cases, n)["verdict"].as_str().unwrap().to_string();
    assert_eq!(verdict("pet"), "passed", "{stdout}");
    assert_eq!(verdict("pet page"), "passed", "{stdout}");
    assert_eq!(verdict("problem"), "passed", "{stdout}");
    assert_eq!(
        verdict("other xml by default"),
        "passed",
        "a schema under */* judges JSON only\n{stdout}"
    );
    let wrong = case(&cases, "pet with a string id");
    assert_eq!(failures(wrong), ["schema"]);
    let pointer = &wrong["violations"][0]["pointer"];
    assert_eq!(pointer, "/id", "{wrong}");
    assert_eq!(failures(case(&cases, "pet as xml")), ["media_type"]);
    assert_eq!(
        case(&cases, "pet as xml")["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["detail"]["kind"] == "media_type")
            .unwrap()["detail"]["documented"],
        serde_json::json!(["application/json", "text/html"])
    );
    assert_eq!(failures(case(&cases, "problem without title")), ["schema"]);
    assert_eq!(failures(case(&cases, "other json by default")), ["schema"]);
    // The legacy form: a file for the status means the body must be JSON, whatever its type.
    assert_eq!(case(&cases, "legacy html")["verdict"], "error", "{stdout}");
}

#[test]
fn the_simulators_gateway_401_passes_with_the_shipped_map() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .arg("run")
        .arg(root.join("collections/idcs-authentication.postman_collection.json"))
        .args([
            "--target",
            "embedded",
            "--folder",
            "Errors: 401 bad bearer token",
        ])
        .args(["-r", "json", "--reporter-json-export"])
        .arg(&report)
        .env_remove("PMCHECK_TARGET")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let cases = json["cases"].as_array().unwrap();
    assert!(!cases.is_empty());
    for c in cases {
        assert_eq!(c["verdict"], "passed", "{c}");
        assert_eq!(c["response"]["status"], 401, "{c}");
    }
    assert_eq!(out.status.code(), Some(0));
}

/// An ordinary collection of another API, with no schema source: its cases' verdicts are
/// its scripts' and saved examples' verdicts, and no body check is made.
#[test]
fn a_collection_without_schemas_is_judged_by_its_scripts_and_examples_only() {
    let base = canned_server();
    let dir = tempfile::tempdir().unwrap();
    let with_test = |mut item: serde_json::Value, test: &str| {
        item["event"] = serde_json::json!([{"listen": "test", "script": {"exec": [test]}}]);
        item
    };
    let with_example = |mut item: serde_json::Value, code: u16| {
        item["response"] = serde_json::json!([{"name": "saved", "code": code, "body": "{}"}]);
        item
    };
    let c = collection(vec![
        // Bodies that no IDCS schema would accept, on statuses IDCS documents.
        with_test(
            item(
                "created",
                "POST",
                "/api/users",
                201,
                Some("application/json"),
                r#"{"id": 1}"#,
            ),
            "pm.test('has an id', () => pm.expect(pm.response.json().id).to.eql(1));",
        ),
        with_test(
            item(
                "script fails",
                "POST",
                "/api/users",
                400,
                Some("application/json"),
                r#"{"error": "x"}"#,
            ),
            "pm.test('is 201', () => pm.response.to.have.status(201));",
        ),
        item(
            "html error page",
            "GET",
            "/api/users/9",
            401,
            Some("text/html"),
            "<h1>401</h1>",
        ),
        item(
            "not json at all",
            "GET",
            "/api/users/9",
            422,
            Some("application/json"),
            "{nope",
        ),
        with_example(
            item(
                "as saved",
                "GET",
                "/api/users/1",
                404,
                Some("application/json"),
                "{}",
            ),
            404,
        ),
        with_example(
            item(
                "not as saved",
                "GET",
                "/api/users/1",
                200,
                Some("application/json"),
                "{}",
            ),
            404,
        ),
        item(
            "server error",
            "GET",
            "/api/users/1",
            503,
            Some("application/json"),
            r#"{"ok": false}"#,
        ),
    ]);
    let (code, cases, stdout) = run(dir.path(), &c, &base, &[]);
    assert_eq!(code, 1, "{stdout}");
    let verdict = |n: &str| case(&cases, n)["verdict"].as_str().unwrap().to_string();
    for (name, expected, failed) in [
        ("created", "passed", vec![]),
        ("script fails", "failed", vec!["assertions"]),
        ("html error page", "passed", vec![]),
        ("not json at all", "passed", vec![]),
        ("as saved", "passed", vec![]),
        ("not as saved", "failed", vec!["status_mismatch"]),
        ("server error", "failed", vec!["status_mismatch"]),
    ] {
        assert_eq!(verdict(name), expected, "{name}\n{stdout}");
        assert_eq!(failures(case(&cases, name)), failed, "{name}");
        let checks: Vec<&str> = case(&cases, name)["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["check"].as_str().unwrap())
            .collect();
        for body_check in ["JSON body", "schema", "media type", "headers"] {
            assert!(!checks.contains(&body_check), "{name}: {checks:?}");
        }
    }
    assert!(
        stdout.contains("media: target "),
        "the header names the collection's target\n{stdout}"
    );
    assert!(
        stdout.contains("schemas built-in IDCS schemas (IDCS endpoints only)"),
        "{stdout}"
    );
}
